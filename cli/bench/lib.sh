# lib.sh - what the cli/bench scripts share: messages, option checks, quoting, and reading
# and comparing the timings they collect. Sourced, not run; the script sets $prog first, and
# $results (lines "ID SECONDS SD") before it calls time_of and what builds on it.

die() {
    printf '%s: error: %s\n' "$prog" "$*" >&2
    exit 1
}

note() {
    printf '%s: %s\n' "$prog" "$*" >&2
}

need_arg() {
    [ "$#" -ge 2 ] && [ -n "$2" ] || die "option $1 needs an argument (see --help)"
}

# shq STRING: STRING single-quoted for sh and for hyperfine -N's word splitting.
shq() {
    local s=$1 out="'"
    while :; do
        case $s in
            *\'*) out="$out${s%%\'*}'\\''"; s=${s#*\'} ;;
            *) out="$out$s'"; break ;;
        esac
    done
    printf '%s' "$out"
}

time_of() {
    awk -v id="$1" '$1 == id { print $2 }' "$results"
}

sd_of() {
    awk -v id="$1" '$1 == id { print $3 }' "$results"
}

# fmt FORMAT NUMBER...: printf with awk (floating point).
fmt() {
    awk -v f="$1" -v a="${2-}" -v b="${3-}" 'BEGIN { printf f, a, b }'
}

# sd_fmt VALUE: a standard deviation with 3 decimals, "-" when there is none (1 run).
sd_fmt() {
    awk -v a="$1" 'BEGIN { if (a ~ /^[0-9.eE+-]+$/) printf "%.3f", a; else printf "-" }'
}

# ratio ANCHOR_ID COOKBOOK_ID: anchor time / cookbook time.
ratio() {
    awk -v a="$(time_of "$1")" -v c="$(time_of "$2")" 'BEGIN { printf "%.2f", a / c }'
}

# verdict ANCHOR_ID COOKBOOK_ID OP THRESHOLD -> "met" / "NOT MET" (unrounded ratio).
verdict() {
    awk -v a="$(time_of "$1")" -v c="$(time_of "$2")" -v op="$3" -v t="$4" 'BEGIN {
        r = a / c
        ok = (op == ">=") ? (r >= t) : (r > t)
        print (ok ? "met" : "NOT MET")
    }'
}

# mbps BYTES SECONDS: throughput in MB/s (10^6 bytes).
mbps() {
    awk -v b="$1" -v t="$2" 'BEGIN { printf "%.1f", b / t / 1e6 }'
}

# use_private_archive DIR: cookbook keeps its class-data archive in DIR/cache for this run
# (XDG_CACHE_HOME), so that the run starts as a user's first call does.
use_private_archive() {
    XDG_CACHE_HOME=$1/cache
    export XDG_CACHE_HOME
}

# await_archive: after the first calls, wait (at most 60 s) for the archive they started to be
# made, so that the timed runs see what every later call sees.
await_archive() {
    local _
    for _ in $(seq 600); do
        [ -n "$(find "$XDG_CACHE_HOME" -name '*.lock' 2>/dev/null)" ] || return 0
        sleep 0.1
    done
    note "the class-data archive was not made within 60 s; timing without it"
}

# median: the median of the numbers on stdin (separated by spaces or newlines).
median() {
    tr ' ' '\n' | awk 'NF' | sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

# floor_program JAVA JAVAC NAME SOURCE [TRAINING_ARG...]: a floor row's program, made in the
# current folder. Compiles SOURCE (class NAME) into floor-NAME.jar and gives it a class-data
# archive of its own, made the launcher's way for JAVA from one run with TRAINING_ARGs: an AOT
# cache mapped with SerialGC on Java 25 and later; before, a static archive of the run's class
# list, mapped with G1 (the only collector Java 17 maps an archived heap with). Sets floor_cmd to
# the command line (quoted for eval, arguments to be appended) that runs it with the launcher's
# JVM options.
floor_program() {
    local java=$1 javac=$2 name=$3 source=$4 jar feature opts archive
    shift 4
    printf '%s\n' "$source" >"$name.java"
    # --release 17: a javac newer than the runtime (one from PATH) still makes a class it runs.
    "$javac" --release 17 -d "floor-$name" "$name.java"
    jar=${javac%/*}/jar
    [ -x "$jar" ] || die "no jar tool beside $javac"
    "$jar" --create --file "floor-$name.jar" -C "floor-$name" .
    feature=$("$java" -XshowSettings:properties -version 2>&1 | awk -F' = ' '/java.specification.version/ { print $2 }')
    opts="-XX:-UsePerfData -XX:+UnlockDiagnosticVMOptions -XX:ArchiveRelocationMode=0 -Xlog:disable -Xlog:all=warning:stderr"
    if [ "${feature%%.*}" -ge 25 ]; then
        "$java" -XX:AOTCacheOutput="floor-$name.aot" -Xlog:disable -cp "floor-$name.jar" "$name" "$@" >/dev/null
        archive=floor-$name.aot
        opts="-XX:+UseSerialGC $opts -XX:AOTCache=$archive"
    else
        "$java" -XX:DumpLoadedClassList="floor-$name.classlist" -cp "floor-$name.jar" "$name" "$@" >/dev/null
        "$java" -Xshare:dump -XX:+UseG1GC -XX:SharedClassListFile="floor-$name.classlist" \
            -XX:SharedArchiveFile="floor-$name.jsa" -Xlog:disable -cp "floor-$name.jar" >/dev/null
        archive=floor-$name.jsa
        opts="-XX:+UseG1GC $opts -XX:SharedArchiveFile=$archive"
    fi
    [ -f "$archive" ] || die "the floor program $name's archive was not made"
    floor_cmd="$(shq "$java") $opts -cp $(shq "$PWD/floor-$name.jar") $name"
}
