#!/usr/bin/env bash
#
# encrypt-bench.sh - time `cookbook encrypt` / `cookbook decrypt` against `openssl enc`.
#
# What it measures (whole-process wall time, JVM start-up included, page cache warm),
# for each cipher on a file of random bytes:
#     des-cfb   (openssl des-cfb)        256 MiB
#     des-cfb8  (openssl des-cfb8)        32 MiB  \ 8-bit feedback: about 8x slower
#     des3-cfb  (openssl des-ede3-cfb)    64 MiB   | than the full-block modes, so
#     des3-cfb8 (openssl des-ede3-cfb8)    8 MiB  /  smaller files
#     arc4      (openssl rc4)            256 MiB
#   1. encrypt, openssl format:
#        cookbook encrypt --openssl -c C     vs  openssl enc -<C> -pbkdf2 -iter 10000 -md sha256 -salt
#   2. decrypt, openssl format (one file written by openssl before timing):
#        cookbook decrypt -c C --pbkdf2      vs  openssl enc -d -<C> -pbkdf2 -iter 10000 -md sha256
#   3. encrypt, cookbook's authenticated format:
#        cookbook encrypt -c C --iter 10000  vs  openssl enc as in 1
#      (--iter 10000 instead of cookbook's default 600,000, so that both sides spend
#      the same on PBKDF2 key derivation)
#   4. decrypt, cookbook's format (one file written by cookbook before timing):
#        cookbook decrypt                    vs  openssl enc -d as in 2
#   M. constant memory (not with --quick): 4 GiB of zeros from a sparse file through
#        cookbook encrypt -c arc4 --iter 1000 | cookbook decrypt | sha256sum
#      with COOKBOOK_JAVA_OPTS=-Xmx64m for both cookbook processes: wall time, the
#      digest (must be the SHA-256 of 4 GiB of zeros) and, when /usr/bin/time -f %M
#      works, the peak RSS of each cookbook process.
#
# All openssl commands get -provider legacy -provider default (OpenSSL 3 keeps DES
# and RC4 in its legacy provider; left out when this openssl has no -provider).
# The password comes from an environment variable (--pass env:... / -pass env:...).
# Both tools print warnings on stderr; they are discarded while timing.
# Every command writes to stdout, redirected to a file (cookbook's -o would add the
# fsync that makes its output durable before it appears; openssl -out does none).
#
# The launcher is copied into the data directory first, so a rebuild of the tree
# during the run cannot mix builds. Before timing, for every cipher, the script runs
# the timed commands once and checks that cookbook's openssl-format output decrypts
# with openssl to the plaintext, that openssl's output decrypts with cookbook to the
# plaintext and that the cookbook-format file round-trips; it aborts if not.
# Timing uses hyperfine (-N, warm-up runs, --export-json, mean) when it is on PATH,
# else a loop of `date +%s%N` measurements (median).
#
# The result: a table per cipher with time, MB/s (MB = 10^6 bytes) and
# "speed vs openssl" = openssl time / cookbook time (> 1 means cookbook is faster),
# the issue's targets marked met / NOT MET, the constant-memory check, then a
# Markdown table for the README and a description of the machine.
#
# Usage:
#   cli/bench/encrypt-bench.sh [--quick] [--runs N] [--keep] [--dir PATH]
#                              [--cookbook PATH] [--no-hyperfine]
#     --quick          16 MiB files (4 MiB des-cfb8, 2 MiB des3-cfb8), 1 run, no
#                      warm-up run, no constant-memory check (smoke test)
#     --runs N         timed runs per command (default 3 after 1 warm-up run;
#                      1 without warm-up with --quick)
#     --keep           keep the generated data (and encrypted files, logs, JSON)
#                      after the run
#     --dir PATH       put the data in PATH (created if missing; must be empty or
#                      left there by an earlier --keep run, whose plaintexts are
#                      reused when they have the same sizes)
#                      default: a new mktemp directory under ${TMPDIR:-/tmp}
#     --cookbook PATH  the cookbook launcher (default: ../target/cookbook next to
#                      this script, i.e. cli/target/cookbook; build it first)
#     --no-hyperfine   use the portable date +%s%N loop even if hyperfine exists
#
# A full run needs about 3 GB of disk and 2 GB of free memory (so the page cache
# holds the files of one cipher) and takes about a quarter of an hour; run it on an
# otherwise idle machine. Needs bash, coreutils (sha256sum, truncate, head, ...),
# openssl (with the legacy provider for OpenSSL 3), awk, Java for cookbook, and
# optionally hyperfine and GNU time (/usr/bin/time, for the peak RSS).

set -eu
set -o pipefail

prog=${0##*/}
script_dir=$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")" && pwd -P)
# shellcheck source=lib.sh
. "$script_dir/lib.sh"

usage() {
    # Print the header comment (from "Usage:" to the last line of the header).
    sed -n '/^# Usage:/,/^# optionally hyperfine/s/^# \{0,1\}//p' "$0"
}

# ---------------------------------------------------------------- options

cookbook="$script_dir/../target/cookbook"
quick=0
runs=
keep=0
opt_dir=
use_hyperfine=1

while [ "$#" -gt 0 ]; do
    case $1 in
        --quick) quick=1 ;;
        --runs) need_arg "$@"; runs=$2; shift ;;
        --runs=*) runs=${1#*=} ;;
        --keep) keep=1 ;;
        --dir) need_arg "$@"; opt_dir=$2; shift ;;
        --dir=*) opt_dir=${1#*=} ;;
        --cookbook) need_arg "$@"; cookbook=$2; shift ;;
        --cookbook=*) cookbook=${1#*=} ;;
        --no-hyperfine) use_hyperfine=0 ;;
        -h | --help) usage; exit 0 ;;
        *) die "unknown argument: $1 (see --help)" ;;
    esac
    shift
done

MiB=$((1024 * 1024))
if [ "$quick" -eq 1 ]; then
    size_full=$((16 * MiB))    # des-cfb, arc4
    size_des3=$((16 * MiB))    # des3-cfb
    size_cfb8=$((4 * MiB))     # des-cfb8
    size_des3_cfb8=$((2 * MiB)) # des3-cfb8
    default_runs=1
    warmup=0
    mem_check=0
else
    size_full=$((256 * MiB))
    size_des3=$((64 * MiB))
    size_cfb8=$((32 * MiB))
    size_des3_cfb8=$((8 * MiB))
    default_runs=3
    warmup=1
    mem_check=1
fi
runs=${runs:-$default_runs}
case $runs in
    '' | *[!0-9]*) die "--runs needs a positive integer, got '$runs'" ;;
esac
[ "$runs" -ge 1 ] || die "--runs needs a positive integer, got '$runs'"
runs=$((10#$runs))

ciphers="des-cfb des-cfb8 des3-cfb des3-cfb8 arc4"

# ossl_name_of CIPHER: the openssl enc name of a cookbook cipher.
ossl_name_of() {
    case $1 in
        des-cfb) echo des-cfb ;;
        des-cfb8) echo des-cfb8 ;;
        des3-cfb) echo des-ede3-cfb ;;
        des3-cfb8) echo des-ede3-cfb8 ;;
        arc4) echo rc4 ;;
        *) die "internal: unknown cipher $1" ;;
    esac
}

# bytes_of CIPHER: the size of its plaintext.
bytes_of() {
    case $1 in
        des-cfb | arc4) echo "$size_full" ;;
        des3-cfb) echo "$size_des3" ;;
        des-cfb8) echo "$size_cfb8" ;;
        des3-cfb8) echo "$size_des3_cfb8" ;;
        *) die "internal: unknown cipher $1" ;;
    esac
}

# size_label BYTES: "256 MiB" (whole MiB) or "1.5 MiB".
size_label() {
    awk -v b="$1" 'BEGIN { m = b / 1048576; if (m == int(m)) printf "%d MiB", m; else printf "%.1f MiB", m }'
}

# plain_of CIPHER: its plaintext file (ciphers with the same size share one).
plain_of() {
    echo "plain-$(($(bytes_of "$1") / MiB))MiB.bin"
}

# is_des CIPHER: true for the DES family (the cookbook-format and parallel-decrypt targets).
is_des() {
    case $1 in des*) return 0 ;; *) return 1 ;; esac
}

# ---------------------------------------------------------------- prerequisites

case $cookbook in
    /*) ;;
    *) cookbook="$PWD/$cookbook" ;;
esac
if [ ! -f "$cookbook" ] || [ ! -x "$cookbook" ]; then
    die "cookbook not found or not executable: $cookbook
  build it first (mvn -pl cli -am package in the repository root), or pass --cookbook PATH"
fi
cookbook_dir=$(cd -- "$(dirname -- "$cookbook")" && pwd -P)
cookbook="$cookbook_dir/${cookbook##*/}"

missing=
for tool in openssl sha256sum awk head cat wc cmp cut tr truncate du date mktemp df sed sort; do
    command -v "$tool" >/dev/null 2>&1 || missing="$missing $tool"
done
[ -z "$missing" ] || die "missing required tools:$missing (sha256sum/truncate come with GNU coreutils; openssl with the openssl package)"

# The password, for both tools, from the environment.
ENC_BENCH_PW='encrypt-bench password'
export ENC_BENCH_PW
pass_spec=env:ENC_BENCH_PW

# cookbook must run at all (it needs Java), and agree with us on the openssl names.
if ! cb_list=$("$cookbook" encrypt --list 2>/dev/null </dev/null); then
    cb_err=$("$cookbook" encrypt --list 2>&1 >/dev/null </dev/null || true)
    die "cookbook does not run ('$cookbook encrypt --list'): $cb_err"
fi
for c in $ciphers; do
    o=$(ossl_name_of "$c")
    printf '%s\n' "$cb_list" | awk -v c="$c" -v o="$o" '$1 == c && $2 == "openssl" && $3 == o { f = 1 } END { exit !f }' ||
        die "'cookbook encrypt --list' does not list $c as openssl $o:
$cb_list"
done

# openssl must know every cipher: OpenSSL 3 only with its legacy provider.
ossl_prov="-provider legacy -provider default"
if ! printf 'x' | openssl enc -des-cfb -pbkdf2 -iter 1 -md sha256 -salt -pass "$pass_spec" $ossl_prov >/dev/null 2>&1; then
    if printf 'x' | openssl enc -des-cfb -pbkdf2 -iter 1 -md sha256 -salt -pass "$pass_spec" >/dev/null 2>&1 &&
        ! openssl enc -help 2>&1 | grep -q -- '-provider'; then
        ossl_prov=    # an openssl without providers (1.1): DES and RC4 are built in
    fi
fi
for c in $ciphers; do
    o=$(ossl_name_of "$c")
    # shellcheck disable=SC2086
    printf 'x' | openssl enc "-$o" -pbkdf2 -iter 1 -md sha256 -salt -pass "$pass_spec" $ossl_prov >/dev/null 2>&1 ||
        die "openssl cannot encrypt with -$o${ossl_prov:+ (with $ossl_prov)}: OpenSSL 3 needs its legacy provider (ossl-modules/legacy.so, in the openssl package or libssl3)"
done

if [ "$use_hyperfine" -eq 1 ] && command -v hyperfine >/dev/null 2>&1; then
    timer=hyperfine
else
    timer=loop
    case $(date +%s%N) in
        *[!0-9]*) die "hyperfine is not on PATH and date +%s%N is not supported here: install hyperfine" ;;
    esac
fi

# ---------------------------------------------------------------- plan

zeros_bytes=$((4 * 1024 * MiB))
zeros_sha256=8479e43911dc45e89f934fe48d01297e16f51d17aa561d4d1c216b1ae0fcddca

plain_files=
plain_total=0    # bytes of the distinct plaintext files
cipher_total=0   # bytes of plaintext over all ciphers
max_bytes=0
for c in $ciphers; do
    b=$(bytes_of "$c")
    cipher_total=$((cipher_total + b))
    [ "$b" -gt "$max_bytes" ] && max_bytes=$b
    case " $plain_files " in
        *" $(plain_of "$c") "*) ;;
        *) plain_files="$plain_files $(plain_of "$c")"; plain_total=$((plain_total + b)) ;;
    esac
done
plain_files=${plain_files# }
# Disk: the plaintexts, the two encrypted inputs of every cipher (made before any
# timing) and the five outputs of the cipher being timed. The 4 GiB file is sparse.
disk_bytes=$((plain_total + 2 * cipher_total + 5 * max_bytes))

# Rough time: every command costs JVM/process start-up plus its data at about the
# speed of openssl on a 2020s x86 core (cookbook is assumed to be as fast).
estimate_s=$(
    for c in $ciphers; do
        printf '%s %s\n' "$c" "$(bytes_of "$c")"
    done | awk -v runs="$runs" -v warmup="$warmup" -v mem="$mem_check" -v zb="$zeros_bytes" -v pb="$plain_total" '
        BEGIN { rate["des-cfb"] = 50e6; rate["des-cfb8"] = 8e6; rate["des3-cfb"] = 20e6
                rate["des3-cfb8"] = 3.5e6; rate["arc4"] = 300e6 }
        { one = 0.6 + $2 / rate[$1]; t += one * (6 * (runs + warmup) + 6) }
        END { t += pb / 200e6; if (mem) t += zb / 50e6; printf "%.0f", t }')

# ---------------------------------------------------------------- work directory

stamp_name=.encrypt-bench
stamp_want="encrypt-bench data v1: files=$plain_files generator=urandom"
created_dir=0
work=

if [ -n "$opt_dir" ]; then
    if [ ! -d "$opt_dir" ]; then
        mkdir -p -- "$opt_dir" || die "cannot create --dir $opt_dir"
        created_dir=1
    fi
    work=$(cd -- "$opt_dir" && pwd -P)
    if [ ! -f "$work/$stamp_name" ] && [ -n "$(ls -A -- "$work")" ]; then
        die "--dir $work is not empty and was not made by this script; give an empty or new directory"
    fi
else
    work=$(mktemp -d "${TMPDIR:-/tmp}/encrypt-bench.XXXXXX") || die "mktemp failed"
    created_dir=1
fi

cleanup() {
    status=$?
    trap - EXIT INT TERM
    cd / || true
    if [ -n "$work" ] && [ -d "$work" ]; then
        rm -f -- "$work/zeros.bin"    # sparse, made again in a moment
        if [ "$keep" -eq 1 ]; then
            note "kept the data, encrypted files, logs and JSON in $work"
        else
            rm -rf -- "$work"/plain-*MiB.bin "$work/run" "$work/$stamp_name"
            if [ "$created_dir" -eq 1 ]; then
                rmdir -- "$work" 2>/dev/null || true
            fi
        fi
    fi
    exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

cd -- "$work"
rm -rf -- run zeros.bin
mkdir run
for c in $ciphers; do
    mkdir "run/$c"
done

# Time a private copy of the launcher (a self-contained file): the tree may be
# rebuilt while the benchmark runs, and every command must use the same build.
cookbook_src=$cookbook
cookbook_mtime=$(date -r "$cookbook_src" '+%Y-%m-%d %H:%M:%S' 2>/dev/null) || cookbook_mtime=unknown
cp -- "$cookbook_src" run/cookbook
cookbook="$work/run/cookbook"
cookbook_sum=$(sha256sum <run/cookbook | cut -c1-12)
results=run/results.txt
: >"$results"

sizes_desc=
for c in $ciphers; do
    sizes_desc="$sizes_desc, $c $(size_label "$(bytes_of "$c")")"
done
sizes_desc=${sizes_desc#, }
note "plan: $sizes_desc of random bytes ($(size_label "$plain_total") of distinct plaintext files);"
note "  6 commands per cipher x ($runs timed + $warmup warm-up) runs + 6 checking runs: $(size_label "$(((6 * (runs + warmup) + 6) * cipher_total))") through the ciphers"
if [ "$mem_check" -eq 1 ]; then
    note "  constant-memory check: 4 GiB of zeros (sparse file, no disk) through encrypt | decrypt"
else
    note "  constant-memory check: skipped (--quick)"
fi
note "  disk: about $(size_label "$disk_bytes") in $work; rough time estimate: $((estimate_s / 60)) min $((estimate_s % 60)) s (longer if cookbook is slower than openssl)"
bench_start=$(date +%s)

# ---------------------------------------------------------------- data

data_ok=0
if [ -f "$stamp_name" ] && [ "$(cat "$stamp_name")" = "$stamp_want" ]; then
    data_ok=1
    for c in $ciphers; do
        f=$(plain_of "$c")
        { [ -f "$f" ] && [ "$(wc -c <"$f")" -eq "$(bytes_of "$c")" ]; } || data_ok=0
    done
    if [ "$data_ok" -eq 1 ]; then note "reusing the plaintexts in $work"; fi
fi

need_kb=$((disk_bytes / 1024 * 11 / 10))
[ "$data_ok" -eq 1 ] && need_kb=$(((disk_bytes - plain_total) / 1024 * 11 / 10))
avail_kb=$(df -Pk . | awk 'NR == 2 { print $4 }')
case $avail_kb in
    '' | *[!0-9]*) ;;
    *) [ "$avail_kb" -ge "$need_kb" ] ||
        die "not enough disk space in $work: need about $((need_kb / 1024)) MiB, have $((avail_kb / 1024)) MiB (use --dir)" ;;
esac
if [ -r /proc/meminfo ]; then
    avail_mem_kb=$(awk '/^MemAvailable:/ { print $2 }' /proc/meminfo)
    # The three inputs of the largest cipher stay cached; its outputs need room too.
    if [ -n "$avail_mem_kb" ] && [ "$avail_mem_kb" -lt $((5 * max_bytes / 1024 * 12 / 10)) ]; then
        note "warning: only $((avail_mem_kb / 1024)) MiB of memory available for $(size_label $((5 * max_bytes))) of files per cipher: the page cache may not hold them and timings may include disk reads"
    fi
fi

if [ "$data_ok" -eq 0 ]; then
    rm -f -- plain-*MiB.bin "$stamp_name"
    echo "$stamp_want" >"$stamp_name"
    for f in $plain_files; do
        b=$((${f//[!0-9]/} * MiB))
        note "generating $f ($(size_label "$b") from /dev/urandom) in $work..."
        head -c "$b" /dev/urandom >"$f"
        [ "$(wc -c <"$f")" -eq "$b" ] || die "could not write $f"
    done
fi

# ---------------------------------------------------------------- commands

cb_q=$(shq "$cookbook")
kinds="ossl-enc cb-enc-ossl cb-enc-cb ossl-dec cb-dec-ossl cb-dec-cb"

# Command ids are CIPHER.KIND. Their labels, and how to run them (one string,
# word-split by hyperfine -N, or eval'ed by the fallback loop). All paths are
# relative to the data directory.
label_of() {
    local c=${1%%.*} o
    o=$(ossl_name_of "$c")
    case ${1#*.} in
        ossl-enc) echo "openssl enc -$o -pbkdf2 -iter 10000" ;;
        cb-enc-ossl) echo "cookbook encrypt --openssl -c $c" ;;
        cb-enc-cb) echo "cookbook encrypt -c $c --iter 10000" ;;
        ossl-dec) echo "openssl enc -d -$o -pbkdf2 -iter 10000" ;;
        cb-dec-ossl) echo "cookbook decrypt -c $c --pbkdf2 (openssl file)" ;;
        cb-dec-cb) echo "cookbook decrypt (cookbook file)" ;;
        ossl-dec-cb) echo "openssl enc -d -$o of cookbook's file" ;;
        *) die "internal: unknown id $1" ;;
    esac
}

cmd_of() {
    local c=${1%%.*} o p d
    o=$(ossl_name_of "$c")
    p=$(plain_of "$c")
    d=run/$c
    case ${1#*.} in
        ossl-enc) echo "openssl enc -$o -pbkdf2 -iter 10000 -md sha256 -salt -pass $pass_spec -in $p${ossl_prov:+ $ossl_prov}" ;;
        cb-enc-ossl) echo "$cb_q encrypt --openssl -c $c --pass $pass_spec -i $p" ;;
        cb-enc-cb) echo "$cb_q encrypt -c $c --iter 10000 --pass $pass_spec -i $p" ;;
        ossl-dec) echo "openssl enc -d -$o -pbkdf2 -iter 10000 -md sha256 -pass $pass_spec -in $d/ossl.enc${ossl_prov:+ $ossl_prov}" ;;
        cb-dec-ossl) echo "$cb_q decrypt -c $c --pbkdf2 --pass $pass_spec -i $d/ossl.enc" ;;
        cb-dec-cb) echo "$cb_q decrypt --pass $pass_spec -i $d/cb.enc" ;;
        # Checking only: openssl decrypts what cookbook encrypt --openssl wrote.
        ossl-dec-cb) echo "openssl enc -d -$o -pbkdf2 -iter 10000 -md sha256 -pass $pass_spec -in $d/cb-enc-ossl.out${ossl_prov:+ $ossl_prov}" ;;
        *) die "internal: unknown id $1" ;;
    esac
}

ids_of() {
    local k out=
    for k in $kinds; do out="$out $1.$k"; done
    echo "${out# }"
}

# ---------------------------------------------------------------- verification

# run_once ID: run the command once, stdout to run/C/KIND.out, stderr to run/C/KIND.err.
run_once() {
    local rc=0 c=${1%%.*} k=${1#*.}
    eval "$(cmd_of "$1")" >"run/$c/$k.out" 2>"run/$c/$k.err" </dev/null || rc=$?
    if [ "$rc" -ne 0 ]; then
        sed -n '1,5p' "run/$c/$k.err" >&2
        die "'$(label_of "$1")' failed with exit status $rc (in $work)"
    fi
}

# same_as_plain CIPHER FILE WHAT: abort unless FILE is byte-identical to the plaintext.
same_as_plain() {
    local p
    p=$(plain_of "$1")
    if ! cmp -s -- "$p" "run/$1/$2"; then
        {
            echo "--- $p vs run/$1/$2:"
            cmp -- "$p" "run/$1/$2" 2>&1 | sed -n '1,3p' || true
        } >&2
        die "WRONG RESULT ($1): $3 is not the plaintext - not timing a wrong result (in $work)"
    fi
}

verify() {
    local c=$1 d=run/$1
    note "verifying $c: openssl <-> cookbook in openssl's format, cookbook format round trip..."
    # openssl's file, made once: decrypted by cookbook (and, as a control, by openssl).
    run_once "$c.ossl-enc"
    mv -f -- "$d/ossl-enc.out" "$d/ossl.enc"
    run_once "$c.cb-dec-ossl"
    same_as_plain "$c" cb-dec-ossl.out "cookbook decrypt -c $c --pbkdf2 of openssl's file"
    run_once "$c.ossl-dec"
    same_as_plain "$c" ossl-dec.out "openssl enc -d of openssl's own file"
    # cookbook's openssl-format file, decrypted by openssl.
    run_once "$c.cb-enc-ossl"
    [ "$(head -c 8 "$d/cb-enc-ossl.out")" = "Salted__" ] ||
        die "WRONG RESULT ($c): cookbook encrypt --openssl did not write openssl's 'Salted__' header"
    run_once "$c.ossl-dec-cb"
    same_as_plain "$c" ossl-dec-cb.out "openssl enc -d of cookbook encrypt --openssl's file"
    # cookbook's own format, made once, round trip.
    run_once "$c.cb-enc-cb"
    mv -f -- "$d/cb-enc-cb.out" "$d/cb.enc"
    if cmp -s -- "$(plain_of "$c")" "$d/cb.enc"; then
        die "WRONG RESULT ($c): cookbook encrypt wrote the plaintext"
    fi
    run_once "$c.cb-dec-cb"
    same_as_plain "$c" cb-dec-cb.out "cookbook decrypt of cookbook encrypt -c $c --iter 10000's file"
    rm -f -- "$d"/*.out
    note "  ok: $c round-trips both ways"
}

# ---------------------------------------------------------------- timing

if [ "$timer" = hyperfine ]; then
    stat_name=mean
    timer_desc="mean of $runs run(s) after $warmup warm-up run(s), hyperfine $(hyperfine --version | awk '{ print $2 }') -N"
else
    stat_name=median
    timer_desc="median of $runs run(s) after $warmup warm-up run(s), date +%s%N loop"
fi

# time_cipher C: time its commands, append "ID SECONDS SD" lines to $results.
time_cipher() {
    local c=$1 ids id
    ids=$(ids_of "$c")
    note "timing $c: 6 commands x $runs runs (+ $warmup warm-up) with $timer..."
    # Read the inputs once (warms the page cache).
    cat -- "$(plain_of "$c")" "run/$c/ossl.enc" "run/$c/cb.enc" >/dev/null
    if [ "$timer" = hyperfine ]; then
        local -a args=(-N --style basic --warmup "$warmup" --runs "$runs" --export-json "run/$c.json"
            --output "run/$c/timed.out")
        for id in $ids; do
            args+=(--command-name "$id" "$(cmd_of "$id")")
        done
        if ! hyperfine "${args[@]}" >"run/$c.hyperfine.log" 2>&1; then
            sed -n '1,40p' "run/$c.hyperfine.log" >&2
            die "hyperfine failed on $c (log above)"
        fi
        # Works for pretty-printed and compact JSON: one "key": value per line after tr.
        tr '{},[]' '\n\n\n\n\n' <"run/$c.json" | awk '
            function flush() { if (name != "") print name, mean, (sd == "" ? "nan" : sd); name = ""; mean = ""; sd = "" }
            /^ *"command": *"/ { flush(); v = $0; sub(/^ *"command": *"/, "", v); sub(/" *$/, "", v); name = v }
            /^ *"mean": */ { v = $0; sub(/^ *"mean": */, "", v); mean = v + 0 }
            /^ *"stddev": */ { v = $0; sub(/^ *"stddev": */, "", v); sd = (v ~ /null/ ? "nan" : v + 0) }
            END { flush() }
        ' >>"$results"
    else
        local i t0 t1 cmd
        for id in $ids; do
            cmd=$(cmd_of "$id")
            for ((i = 0; i < warmup; i++)); do
                eval "$cmd" >"run/$c/timed.out" 2>/dev/null </dev/null || die "'$(label_of "$id")' failed"
            done
            : >"run/$id.times"
            for ((i = 0; i < runs; i++)); do
                t0=$(date +%s%N)
                eval "$cmd" >"run/$c/timed.out" 2>/dev/null </dev/null || die "'$(label_of "$id")' failed"
                t1=$(date +%s%N)
                echo "$((t1 - t0))" >>"run/$id.times"
            done
            sort -n "run/$id.times" | awk -v id="$id" '
                { t[NR] = $1 / 1e9; s += t[NR] }
                END {
                    m = s / NR
                    med = (NR % 2) ? t[(NR + 1) / 2] : (t[NR / 2] + t[NR / 2 + 1]) / 2
                    for (i = 1; i <= NR; i++) ss += (t[i] - m) ^ 2
                    print id, med, (NR > 1 ? sqrt(ss / (NR - 1)) : "nan")
                }' >>"$results"
        done
    fi
    for id in $ids; do
        [ -n "$(time_of "$id")" ] || die "no timing recorded for $id (see run/$c.*)"
    done
    # The outputs are not needed any more; the inputs only with --keep.
    rm -f -- "run/$c/timed.out"
    [ "$keep" -eq 1 ] || rm -f -- "run/$c/ossl.enc" "run/$c/cb.enc"
}

# ---------------------------------------------------------------- constant memory

mem_status=skipped
mem_wall=
mem_digest=
mem_rss_enc=
mem_rss_dec=
mem_rss_note=
mem_cmd="cookbook encrypt -c arc4 --iter 1000 --pass $pass_spec -i zeros.bin | cookbook decrypt --pass $pass_spec | sha256sum"

constant_memory() {
    note "constant-memory check: 4 GiB of zeros through '$mem_cmd', COOKBOOK_JAVA_OPTS=-Xmx64m..."
    truncate -s "$zeros_bytes" zeros.bin || die "truncate -s $zeros_bytes zeros.bin failed"
    local used_kb
    used_kb=$(du -k zeros.bin | awk '{ print $1 }')
    [ "${used_kb:-0}" -lt 1024 ] || note "warning: zeros.bin is not sparse here (${used_kb} KiB on disk)"

    # Peak RSS with GNU time, if it has -f and -o.
    local -a time_enc=() time_dec=()
    rm -f run/rss-test
    if [ -x /usr/bin/time ] && /usr/bin/time -f %M -o run/rss-test true >/dev/null 2>&1 &&
        tail -n 1 run/rss-test 2>/dev/null | grep -Eq '^[0-9]+$'; then
        time_enc=(/usr/bin/time -f %M -o run/mem-enc.rss)
        time_dec=(/usr/bin/time -f %M -o run/mem-dec.rss)
    else
        mem_rss_note="/usr/bin/time -f %M not available: no peak RSS"
    fi
    rm -f run/rss-test run/mem-enc.rss run/mem-dec.rss

    local t0 t1
    local -a st
    t0=$(date +%s%N)
    set +e
    COOKBOOK_JAVA_OPTS=-Xmx64m ${time_enc[@]+"${time_enc[@]}"} "$cookbook" encrypt -c arc4 --iter 1000 \
        --pass "$pass_spec" -i zeros.bin 2>run/mem-enc.err </dev/null |
        COOKBOOK_JAVA_OPTS=-Xmx64m ${time_dec[@]+"${time_dec[@]}"} "$cookbook" decrypt \
            --pass "$pass_spec" 2>run/mem-dec.err |
        sha256sum >run/mem.sha256
    st=("${PIPESTATUS[@]}")
    set -e
    t1=$(date +%s%N)
    rm -f zeros.bin
    mem_wall=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.1f", (b - a) / 1e9 }')
    mem_digest=$(awk '{ print $1 }' run/mem.sha256)
    if [ "${#time_enc[@]}" -gt 0 ]; then
        # GNU time writes "Command exited with non-zero status N" before the number on failure.
        mem_rss_enc=$(tail -n 1 run/mem-enc.rss 2>/dev/null | awk '/^[0-9]+$/ { printf "%.1f", $1 / 1024 }')
        mem_rss_dec=$(tail -n 1 run/mem-dec.rss 2>/dev/null | awk '/^[0-9]+$/ { printf "%.1f", $1 / 1024 }')
    fi
    if [ "${st[0]}" -ne 0 ] || [ "${st[1]}" -ne 0 ] || [ "${st[2]}" -ne 0 ]; then
        mem_status="FAILED (exit status encrypt ${st[0]}, decrypt ${st[1]}, sha256sum ${st[2]})"
        {
            echo "--- cookbook encrypt stderr:"; sed -n '1,10p' run/mem-enc.err
            echo "--- cookbook decrypt stderr:"; sed -n '1,10p' run/mem-dec.err
        } >&2
    elif [ "$mem_digest" = "$zeros_sha256" ]; then
        mem_status=ok
    else
        mem_status="DIGEST MISMATCH"
    fi
    note "  $mem_status in $mem_wall s"
}

# ---------------------------------------------------------------- reporting

md_rows=
targets_total=0
targets_met=0

# ratio_line ANCHOR_ID COOKBOOK_ID LABEL TARGET_OP TARGET OPERATION [NOTE]
# (TARGET_OP "-" means no target; NOTE says why). Prints the line, records a Markdown row.
ratio_line() {
    local anchor=$1 cb=$2 label=$3 op=$4 t=$5 operation=$6 why=${7-} r target verdict_s md_target c
    c=${cb%%.*}
    r=$(ratio "$anchor" "$cb")
    if [ "$op" = "-" ]; then
        target="-"
        verdict_s="(information${why:+: $why})"
        md_target="- (information)"
    else
        target="$op $t"x
        verdict_s=$(verdict "$anchor" "$cb" "$op" "$t")
        targets_total=$((targets_total + 1))
        [ "$verdict_s" = met ] && targets_met=$((targets_met + 1))
        md_target="$op ${t}x: $verdict_s"
    fi
    printf '  %-36s %7sx   target %-8s %s\n' "$label" "$r" "$target" "$verdict_s"
    md_rows="$md_rows| $c | $(size_label "$(bytes_of "$c")") | $operation | \`$(label_of "$cb")\` | $(fmt '%.3f' "$(time_of "$cb")") | $(fmt '%.3f' "$(time_of "$anchor")") | ${r}x | $md_target |
"
}

# time_table BYTES IDS: one line per command.
time_table() {
    local bytes=$1 ids=$2 id t
    printf '  %-50s %10s %9s %9s\n' "command" "$stat_name (s)" "sd (s)" "MB/s"
    for id in $ids; do
        t=$(time_of "$id")
        printf '  %-50s %10s %9s %9s\n' "$(label_of "$id")" "$(fmt '%.3f' "$t")" \
            "$(sd_fmt "$(sd_of "$id")")" "$(mbps "$bytes" "$t")"
    done
}

# ---------------------------------------------------------------- run

load_start=$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null) || load_start=unknown
for c in $ciphers; do
    verify "$c"
done
# What the tools print on stderr (discarded while timing).
cb_warnings=$(cat run/*/cb-*.err 2>/dev/null | sort -u)
ossl_warnings=$(cat run/*/ossl-*.err 2>/dev/null | sort -u)

for c in $ciphers; do
    time_cipher "$c"
done
if [ "$mem_check" -eq 1 ]; then
    constant_memory
fi
bench_end=$(date +%s)

mode_desc="full"
[ "$quick" -eq 1 ] && mode_desc="QUICK (smoke test: smaller files, no warm-up, no constant-memory check; the targets are defined for the full sizes)"

rc4_why="RC4 is sequential by nature; the target's reason, parallel CFB decryption, does not apply"
rc4_cb_why="the cookbook-format targets are for the DES family"

echo
echo "cookbook encrypt/decrypt benchmark - mode: $mode_desc"
echo "timing: whole process wall time incl. JVM start-up, page cache warm; $timer_desc"
echo "speed vs openssl = openssl time / cookbook time  (> 1.00x: cookbook is faster)"
echo "key derivation: PBKDF2-HMAC-SHA-256 with 10,000 iterations on both sides (the cookbook"
echo "  format runs with --iter 10000 instead of its default 600,000 so both spend the same on it)"
echo "sizes: $sizes_desc of random bytes; the 8-bit feedback modes (des-cfb8, des3-cfb8)"
echo "  are about 8x slower than the full-block ones, so their files are smaller"
echo "openssl: openssl enc ... -md sha256 [-salt]${ossl_prov:+ $ossl_prov}; password from the environment"
if [ "$keep" -eq 1 ]; then kept_desc="kept"; else kept_desc="removed on exit"; fi
echo "MB = 10^6 bytes; data in $work ($kept_desc)"

for c in $ciphers; do
    bytes=$(bytes_of "$c")
    echo
    echo "== $c (openssl -$(ossl_name_of "$c")), $(size_label "$bytes") of random bytes ($bytes bytes) =="
    time_table "$bytes" "$(ids_of "$c")"
    echo
    ratio_line "$c.ossl-enc" "$c.cb-enc-ossl" "1. encrypt, openssl format" ">=" 0.8 "encrypt, openssl format"
    if is_des "$c"; then
        ratio_line "$c.ossl-dec" "$c.cb-dec-ossl" "2. decrypt, openssl format" ">=" 1.2 "decrypt, openssl format"
        ratio_line "$c.ossl-enc" "$c.cb-enc-cb" "3. encrypt, cookbook format" ">=" 1.5 "encrypt, cookbook format"
        ratio_line "$c.ossl-dec" "$c.cb-dec-cb" "4. decrypt, cookbook format" ">=" 1.5 "decrypt, cookbook format"
    else
        ratio_line "$c.ossl-dec" "$c.cb-dec-ossl" "2. decrypt, openssl format" - - "decrypt, openssl format" "$rc4_why"
        ratio_line "$c.ossl-enc" "$c.cb-enc-cb" "3. encrypt, cookbook format" - - "encrypt, cookbook format" "$rc4_cb_why"
        ratio_line "$c.ossl-dec" "$c.cb-dec-cb" "4. decrypt, cookbook format" - - "decrypt, cookbook format" "$rc4_cb_why"
    fi
done

echo
echo "targets met: $targets_met of $targets_total"
echo "  (openssl format: encrypt >= 0.8x for every cipher, decrypt >= 1.2x for the DES family;"
echo "   cookbook format: encrypt and decrypt >= 1.5x for the DES family; arc4 rows 2-4 for information)"

echo
echo "== M. constant memory: 4 GiB of zeros (sparse file), arc4, COOKBOOK_JAVA_OPTS=-Xmx64m =="
mem_md=
if [ "$mem_check" -eq 0 ]; then
    echo "  skipped (--quick)"
else
    echo "  $mem_cmd"
    mem_mbps=$(mbps "$zeros_bytes" "$mem_wall")
    echo "  wall time: $mem_wall s ($mem_mbps MB/s of plaintext)"
    if [ "$mem_status" = ok ]; then
        echo "  sha256: $mem_digest  ok (the SHA-256 of 4 GiB of zeros)"
    else
        echo "  sha256: ${mem_digest:-none}  $mem_status (want $zeros_sha256)"
    fi
    if [ -n "$mem_rss_note" ]; then
        echo "  peak RSS: $mem_rss_note"
        rss_md=""
    else
        echo "  peak RSS (/usr/bin/time -f %M): cookbook encrypt ${mem_rss_enc:-?} MiB, cookbook decrypt ${mem_rss_dec:-?} MiB"
        rss_md="; peak RSS encrypt ${mem_rss_enc:-?} MiB, decrypt ${mem_rss_dec:-?} MiB"
    fi
    mem_md="Constant memory: 4 GiB of zeros through \`cookbook encrypt -c arc4 --iter 1000 | cookbook decrypt | sha256sum\` with \`COOKBOOK_JAVA_OPTS=-Xmx64m\`: $mem_wall s ($mem_mbps MB/s), digest $mem_status$rss_md."
fi

# ---------------------------------------------------------------- machine

java_bin=java
if [ -n "${JAVA_HOME-}" ] && [ -x "$JAVA_HOME/bin/java" ]; then java_bin=$JAVA_HOME/bin/java; fi
java_version=$("$java_bin" -version 2>&1 | sed -n '1p') || java_version=unknown
cpu_model=unknown
if [ -r /proc/cpuinfo ]; then
    cpu_model=$(awk -F': *' '/^(model name|Model|Hardware|cpu model)[[:space:]]*:/ { print $2; exit }' /proc/cpuinfo)
    [ -n "$cpu_model" ] || cpu_model=unknown
fi
cores=$(nproc 2>/dev/null || getconf _NPROCESSORS_ONLN 2>/dev/null || echo unknown)
mem_total=unknown
[ -r /proc/meminfo ] && mem_total="$(awk '/^MemTotal:/ { printf "%.1f", $2 / 1048576 }' /proc/meminfo) GiB"
openssl_version=$(openssl version 2>/dev/null) || openssl_version=unknown
cookbook_version=$("$cookbook" --version 2>/dev/null | sed -n '1p') || cookbook_version=unknown
hyperfine_version=none
[ "$timer" = hyperfine ] && hyperfine_version=$(hyperfine --version)
load=$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null) || load=unknown
now=$(date '+%Y-%m-%d %H:%M %Z')
elapsed=$((bench_end - bench_start))

echo
echo "Markdown (paste into the README):"
echo
echo "| cipher | data | operation | cookbook | time (s) | openssl (s) | speed vs openssl | target |"
echo "| --- | ---: | --- | --- | ---: | ---: | ---: | --- |"
printf '%s' "$md_rows"
echo
echo "Speed vs openssl = openssl time / cookbook time (> 1: cookbook faster); $stat_name wall time of whole processes, JVM start-up included, page cache warm; $timer_desc; mode: $mode_desc. openssl: \`openssl enc -<cipher> -pbkdf2 -iter 10000 -md sha256 -salt\` (and \`-d\`)${ossl_prov:+ with \`$ossl_prov\`}; the cookbook format with \`--iter 10000\`, so both sides spend the same on key derivation. Files of random bytes: $sizes_desc (the 8-bit feedback modes are about 8x slower, hence the smaller files)."
if [ -n "$mem_md" ]; then
    echo
    echo "$mem_md"
fi
echo
echo "Machine: $cores cores, $cpu_model, $mem_total of memory, $(uname -sr 2>/dev/null || echo unknown kernel); load average before/after: $load_start / $load"
echo "Software: $cookbook_version (build $cookbook_src, modified $cookbook_mtime, sha256 $cookbook_sum...); $java_version; COOKBOOK_JAVA_OPTS: ${COOKBOOK_JAVA_OPTS:-unset}; $openssl_version; hyperfine: $hyperfine_version"
echo "Date: $now; elapsed $((elapsed / 60)) min $((elapsed % 60)) s (estimated $((estimate_s / 60)) min $((estimate_s % 60)) s)"
if [ -n "$cb_warnings" ]; then
    echo
    echo "(cookbook printed on stderr, discarded while timing:"
    printf '%s\n' "$cb_warnings" | sed 's/^/   /'
    echo ")"
fi
if [ -n "$ossl_warnings" ]; then
    echo
    echo "(openssl printed on stderr, discarded while timing:"
    printf '%s\n' "$ossl_warnings" | sed 's/^/   /'
    echo ")"
fi

case $mem_status in
    ok | skipped) ;;
    *) die "the constant-memory check did not pass: $mem_status" ;;
esac
