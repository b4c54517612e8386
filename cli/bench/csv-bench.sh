#!/usr/bin/env bash
#
# csv-bench.sh - time `cookbook csv read` / `cookbook csv write` against Python's csv
# module and Miller, side by side in one run.
#
# The data: ROWS records (default 1,000,000) of 8 columns (id, name, email, city,
# amount, date, active, note), made by Python's csv.writer with a fixed seed: ASCII and
# non-ASCII text, numbers, and notes with commas, quotes and line breaks (quoted). About
# 95 bytes a record.
#
#   read   CSV -> JSON Lines:
#            cookbook csv read rows.csv
#            python3: csv.DictReader -> json.dumps(row, ensure_ascii=False, separators=(',', ':'))
#            mlr --icsv --ojsonl cat rows.csv
#   write  JSON Lines -> CSV:
#            cookbook csv write -i rows.jsonl
#            python3: json.loads -> csv.DictWriter (fieldnames from the first record)
#            mlr --ijsonl --ocsv cat rows.jsonl
#   memory (not with --quick): the records repeated to 4 GiB, streamed through
#            cookbook csv read | cookbook csv write, both with COOKBOOK_JAVA_OPTS=-Xmx64m;
#            the output must be the input, byte for byte (SHA-256 of both streams).
#
# Before timing, the script checks the results: cookbook's JSON Lines must be
# byte-identical to Python's (the same records, the same compact spelling), and
# cookbook's and Python's CSV must both be the original file; Miller's outputs are
# only counted (it types numbers and writes LF line ends, so its bytes differ).
# It aborts on any difference rather than time a wrong result.
#
# Whole-process wall time, JVM start-up included, page cache warm; every tool writes to
# stdout, redirected to a file in the data directory (cookbook's -o would add an fsync).
# hyperfine (-N, 1 warm-up, mean) when it is on PATH, else a date +%s%N loop (median).
# "speed vs X" = X's time / cookbook's time (> 1 means cookbook is faster). The issue's targets: at least 3x Python both ways,
# faster than Miller to JSON Lines, at least 3x Miller back to CSV.
#
# Usage:
#   cli/bench/csv-bench.sh [--quick] [--rows N] [--runs N] [--keep] [--dir PATH]
#                          [--cookbook PATH]
#     --quick          100,000 records, 1 run, no memory check (smoke test)
#     --rows N         records in the file (default 1000000)
#     --runs N         timed runs per command (default 3; 1 with --quick)
#     --keep           keep the data directory
#     --dir PATH       the data directory (default: a new mktemp directory)
#     --cookbook PATH  the cookbook launcher (default: cli/target/cookbook)
#
# Needs bash, coreutils, python3, awk, Java; Miller (mlr) and hyperfine if present
# (Miller's columns are left out without it). A full run takes a few minutes and about
# 1 GB of disk.

set -eu
set -o pipefail

prog=${0##*/}

script_dir=$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")" && pwd -P)
# shellcheck source=lib.sh
. "$script_dir/lib.sh"
cookbook="$script_dir/../target/cookbook"
rows=1000000
runs=
quick=0
keep=0
dir=

while [ "$#" -gt 0 ]; do
    case $1 in
        --quick) quick=1; rows=100000 ;;
        --rows) rows=${2:?--rows needs a number}; shift ;;
        --runs) runs=${2:?--runs needs a number}; shift ;;
        --keep) keep=1 ;;
        --dir) dir=${2:?--dir needs a path}; shift ;;
        --cookbook) cookbook=${2:?--cookbook needs a path}; shift ;;
        -h | --help) sed -n '/^# Usage:/,/^# 1 GB of disk/s/^# \{0,1\}//p' "$0"; exit 0 ;;
        *) die "unknown argument: $1 (see --help)" ;;
    esac
    shift
done
runs=${runs:-$([ "$quick" -eq 1 ] && echo 1 || echo 3)}
case $rows$runs in *[!0-9]*) die "--rows and --runs take positive integers" ;; esac

case $cookbook in /*) ;; *) cookbook="$PWD/$cookbook" ;; esac
[ -x "$cookbook" ] || die "cookbook not found: $cookbook (build it: mvn -q -DskipTests package)"
for tool in python3 awk sha256sum cmp head tail wc; do
    command -v "$tool" >/dev/null || die "$tool is not installed"
done
have_mlr=0
command -v mlr >/dev/null && have_mlr=1 || note "mlr (Miller) is not installed: its columns are left out"

if [ -z "$dir" ]; then
    dir=$(mktemp -d "${TMPDIR:-/tmp}/csv-bench.XXXXXX")
fi
mkdir -p -- "$dir"
cd -- "$dir"
if [ "$keep" -eq 0 ]; then
    trap 'cd / && rm -rf -- "$dir"' EXIT
fi
# A private copy: a rebuild of the tree during the run cannot mix builds.
cp -- "$cookbook" ./cookbook
cb=$PWD/cookbook

# ---------------------------------------------------------------- the data and the Python side

cat >gen.py <<'EOF'
import csv, random, sys
random.seed(42)
first = ["Ada", "Grace", "Linus", "Guido", "Ken", "Dennis", "Barbara", "Margaret", "Alan", "Edsger", "Zoë", "José"]
last = ["Lovelace", "Hopper", "Torvalds", "van Rossum", "Thompson", "Ritchie", "Liskov", "Hamilton", "Turing"]
cities = ["London", "New York", "Helsinki", "Amsterdam", "Murray Hill", "Zürich", "São Paulo", "Tokyo"]
notes = ["", "ok", "call back, after 5pm", 'said "hello"', "multi\nline note", "plain text here"]
out = open(sys.stdout.fileno(), "w", newline="", encoding="utf-8", closefd=False)
w = csv.writer(out)
w.writerow(["id", "name", "email", "city", "amount", "date", "active", "note"])
for i in range(int(sys.argv[1])):
    f, l = random.choice(first), random.choice(last)
    w.writerow([i, f + " " + l, (f + "." + l).lower().replace(" ", "") + "@example.com", random.choice(cities),
                "%.2f" % (random.random() * 10000), "2026-%02d-%02d" % (random.randint(1, 12), random.randint(1, 28)),
                random.choice(["true", "false"]), random.choice(notes)])
out.flush()
EOF
cat >py_read.py <<'EOF'
import csv, json, sys
out = open(sys.stdout.fileno(), "w", encoding="utf-8", closefd=False)
for row in csv.DictReader(open(sys.argv[1], newline="", encoding="utf-8")):
    out.write(json.dumps(row, ensure_ascii=False, separators=(",", ":")))
    out.write("\n")
out.flush()
EOF
cat >py_write.py <<'EOF'
import csv, json, sys
out = open(sys.stdout.fileno(), "w", newline="", encoding="utf-8", closefd=False)
w = None
for line in open(sys.argv[1], encoding="utf-8"):
    record = json.loads(line)
    if w is None:
        w = csv.DictWriter(out, fieldnames=list(record))
        w.writeheader()
    w.writerow(record)
out.flush()
EOF

note "generating $rows records with Python's csv.writer in $dir..."
python3 gen.py "$rows" >rows.csv
bytes=$(wc -c <rows.csv)
"$cb" csv read rows.csv >rows.jsonl

# ---------------------------------------------------------------- the commands

cmd_of() {
    case $1 in
        cb-read) echo "$cb csv read rows.csv" ;;
        py-read) echo "python3 py_read.py rows.csv" ;;
        mlr-read) echo "mlr --icsv --ojsonl cat rows.csv" ;;
        cb-write) echo "$cb csv write -i rows.jsonl" ;;
        py-write) echo "python3 py_write.py rows.jsonl" ;;
        mlr-write) echo "mlr --ijsonl --ocsv cat rows.jsonl" ;;
    esac
}
# Where each command's stdout goes: every tool writes to stdout, redirected to a file.
out_of() {
    echo "out/$1"
}
ids="cb-read py-read cb-write py-write"
[ "$have_mlr" -eq 1 ] && ids="cb-read py-read mlr-read cb-write py-write mlr-write"
mkdir -p out

note "checking the results before timing..."
for id in $ids; do
    eval "$(cmd_of "$id")" >"$(out_of "$id")" || die "'$(cmd_of "$id")' failed"
done
cmp -s out/cb-read out/py-read || die "WRONG RESULT: cookbook csv read differs from csv.DictReader + json.dumps"
cmp -s out/cb-write rows.csv || die "WRONG RESULT: cookbook csv write does not give back the original CSV"
cmp -s out/py-write rows.csv || die "WRONG RESULT: Python's csv.DictWriter does not give back the original CSV"
records=$(wc -l <out/py-read)
[ "$records" -eq "$rows" ] || die "WRONG RESULT: $records JSON records for $rows rows"
if [ "$have_mlr" -eq 1 ]; then
    [ "$(wc -l <out/mlr-read)" -eq "$rows" ] || die "Miller read $(wc -l <out/mlr-read) records, not $rows"
fi
note "  ok: cookbook's JSON Lines are Python's byte for byte; both write the original CSV back"

# ---------------------------------------------------------------- timing

results=$PWD/results.txt
: >"$results"
if command -v hyperfine >/dev/null; then
    timer="hyperfine: mean of $runs run(s) after 1 warm-up"
    for id in $ids; do
        note "timing $id..."
        hyperfine -N --style none --warmup 1 --runs "$runs" --output "$(out_of "$id")" \
            --export-json "out/$id.json" "$(cmd_of "$id")" >/dev/null 2>&1 || die "hyperfine failed on $id"
        awk -v id="$id" -F'[:,]' '/"mean"/ { gsub(/ /, "", $2); print id, $2; exit }' "out/$id.json" >>"$results"
    done
else
    timer="date +%s%N: median of $runs run(s)"
    for id in $ids; do
        note "timing $id..."
        times=
        for _ in $(seq "$runs"); do
            t0=$(date +%s%N)
            eval "$(cmd_of "$id")" >"$(out_of "$id")"
            t1=$(date +%s%N)
            times="$times $(((t1 - t0) / 1000000))"
        done
        printf '%s\n' $times | sort -n | awk -v id="$id" '{ a[NR] = $1 } END { print id, a[int((NR + 1) / 2)] / 1000 }' >>"$results"
    done
fi

t() { awk -v id="$1" '$1 == id { printf "%.3f", $2 }' "$results"; }
quotient() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }
at_least() { awk -v r="$1" -v t="$2" 'BEGIN { print (r >= t ? "met" : "NOT MET") }'; }
mbs() { awk -v b="$bytes" -v s="$1" 'BEGIN { printf "%.0f", b / s / 1e6 }'; }

echo
echo "csv: $rows records x 8 columns, $bytes bytes of CSV, $(wc -c <rows.jsonl) of JSON Lines ($timer)"
echo
printf '| %-9s | %-9s | %-9s | %-9s | %-13s | %-13s |\n' direction cookbook python3 miller "vs python3" "vs miller"
printf '|%s|%s|%s|%s|%s|%s|\n' ----------- ----------- ----------- ----------- --------------- ---------------
for dir_ in read write; do
    cbt=$(t cb-$dir_); pyt=$(t py-$dir_); mt=$(t mlr-$dir_)
    rp=$(quotient "$pyt" "$cbt")
    vp="$rp x ($(at_least "$rp" 3))"
    if [ -n "$mt" ]; then
        rm_=$(quotient "$mt" "$cbt")
        target=$([ "$dir_" = read ] && echo 1.0001 || echo 3)
        vm="$rm_ x ($(at_least "$rm_" "$target"))"
        ms="$mt s"
    else
        vm=-; ms=-
    fi
    printf '| %-9s | %-9s | %-9s | %-9s | %-13s | %-13s |\n' "$dir_" "$cbt s" "$pyt s" "$ms" "$vp" "$vm"
done
echo
echo "cookbook csv read: $(mbs "$(t cb-read)") MB/s of CSV; csv write: $(mbs "$(t cb-write)") MB/s of CSV"

# ---------------------------------------------------------------- constant memory

if [ "$quick" -eq 0 ]; then
    copies=$(((4 * 1024 * 1024 * 1024 + bytes - 1) / bytes))
    note "memory: $copies copies of the records (4 GiB) through csv read | csv write with -Xmx64m..."
    tail -n +2 rows.csv >body.csv
    stream() { head -1 rows.csv; for _ in $(seq "$copies"); do cat body.csv; done; }
    want=$(stream | sha256sum | cut -d' ' -f1)
    t0=$(date +%s%N)
    got=$(stream | COOKBOOK_JAVA_OPTS=-Xmx64m /usr/bin/time -f '%M' -o rss.read "$cb" csv read \
        | COOKBOOK_JAVA_OPTS=-Xmx64m /usr/bin/time -f '%M' -o rss.write "$cb" csv write | sha256sum | cut -d' ' -f1)
    t1=$(date +%s%N)
    [ "$got" = "$want" ] || die "WRONG RESULT: 4 GiB through csv read | csv write is not the input"
    echo "memory: $((copies * bytes / 1048576)) MiB through csv read | csv write with -Xmx64m in" \
        "$(((t1 - t0) / 1000000000)) s, output identical; peak RSS read $(($(tail -1 rss.read) / 1024)) MiB," \
        "write $(($(tail -1 rss.write) / 1024)) MiB"
fi
echo
echo "machine: $(nproc) cores, $(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo)," \
    "$(java -version 2>&1 | head -1), $(python3 --version)$([ "$have_mlr" -eq 1 ] && echo ", $(mlr --version)")"
