#!/usr/bin/env bash
#
# run-bench.sh - what `cookbook run` costs over running a command directly, side by side in one run.
#
#   overhead     cookbook run -- true            against   timeout 10 true
#                (whole process, JVM start-up included: what a script pays per call)
#   pass-through cookbook run -- cat big | READER   against   cat big | READER
#                (SIZE bytes, default 1 GiB, from the page cache through a pipe; the child
#                writes to the inherited pipe itself, cookbook copies nothing). Two figures:
#                throughput  what the reader sees: SIZE over the time from the first byte to the
#                            end of the stream (which comes when the child and cookbook have both
#                            exited); the issue's target (at least 0.9) is on this one
#                whole process  the pipeline's wall time, JVM start-up included (the overhead
#                            row's start-up, paid once, over the copy)
#   floor        the JDK's own part of both: a three-line Java program that starts the command
#                with ProcessBuilder (inherited descriptors), waits and exits with its status,
#                with a class-data archive of its own and the launcher's JVM options for run
#                (no target: it shows what the JVM and its process start take before any of
#                cookbook's code)
#
# The runs of the two sides alternate, so a change in the machine's load hits both. Medians
# of wall time (date +%s%N; the reader's span with bash's $EPOCHREALTIME). "ratio" = direct
# time / cookbook time (1 means no cost).
#
# Usage:
#   cli/bench/run-bench.sh [--quick] [--runs N] [--size BYTES] [--keep] [--dir PATH]
#                          [--cookbook PATH]
#     --quick          256 MiB, 3 runs (smoke test)
#     --runs N         timed runs per command (default 11)
#     --size BYTES     bytes of the pass-through file (default 1073741824)
#     --keep           keep the data directory
#     --dir PATH       the data directory (default: a new mktemp directory)
#     --cookbook PATH  the cookbook launcher (default: cli/target/cookbook)
#
# Needs bash 5 ($EPOCHREALTIME), coreutils (timeout, head, cat, dd), awk, a JDK 17+ (javac, for
# the floor program; the java and javac of JAVA_HOME if set, else of PATH, as the launcher picks).
# About SIZE bytes of disk.

set -eu
set -o pipefail

prog=${0##*/}

script_dir=$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")" && pwd -P)
# shellcheck source=lib.sh
. "$script_dir/lib.sh"
cookbook="$script_dir/../target/cookbook"
runs=11
size=1073741824
keep=0
dir=

while [ "$#" -gt 0 ]; do
    case $1 in
        --quick) runs=3; size=268435456 ;;
        --runs) need_arg "$@"; runs=$2; shift ;;
        --size) need_arg "$@"; size=$2; shift ;;
        --keep) keep=1 ;;
        --dir) need_arg "$@"; dir=$2; shift ;;
        --cookbook) need_arg "$@"; cookbook=$2; shift ;;
        -h | --help) sed -n '/^# Usage:/,/^# Needs bash/s/^# \{0,1\}//p' "$0"; exit 0 ;;
        *) die "unknown argument: $1 (see --help)" ;;
    esac
    shift
done
case $runs$size in *[!0-9]*) die "--runs and --size take positive integers" ;; esac
[ "$runs" -gt 0 ] && [ "$size" -gt 0 ] || die "--runs and --size take positive integers"

case $cookbook in /*) ;; *) cookbook="$PWD/$cookbook" ;; esac
[ -x "$cookbook" ] || die "cookbook not found: $cookbook (build it: mvn -q -DskipTests package)"
[ -n "${EPOCHREALTIME-}" ] || die "needs bash 5 or later (\$EPOCHREALTIME)"
for tool in timeout head cat dd awk sort; do
    command -v "$tool" >/dev/null || die "$tool is not installed"
done
if [ -n "${JAVA_HOME-}" ] && [ -x "$JAVA_HOME/bin/java" ]; then
    java=$JAVA_HOME/bin/java javac=$JAVA_HOME/bin/javac
else
    java=$(command -v java) || die "no java on PATH"
    javac=$(command -v javac) || die "no javac on PATH (the floor program needs a JDK)"
fi
[ -x "$javac" ] || die "javac not found: $javac"

if [ -z "$dir" ]; then
    dir=$(mktemp -d "${TMPDIR:-/tmp}/run-bench.XXXXXX")
fi
mkdir -p -- "$dir"
cd -- "$dir"
if [ "$keep" -eq 0 ]; then
    trap 'cd / && rm -rf -- "$dir"' EXIT
fi
# A private copy: a rebuild of the tree during the run cannot mix builds.
cp -- "$cookbook" ./cookbook
cb=$PWD/cookbook

note "making $size bytes of random data in $dir..."
head -c "$size" /dev/urandom >big
cat big >/dev/null # into the page cache

# The floor, archived the launcher's way; run's calls are C1-only, as the launcher runs them.
floor_program "$java" "$javac" Run 'public class Run {
    public static void main(String[] a) throws Exception {
        Runtime.getRuntime().halt(new ProcessBuilder(a).inheritIO().start().waitFor());
    }
}' true
floor_run="${floor_cmd%% *} -XX:TieredStopAtLevel=1 ${floor_cmd#* }"

cmd_of() {
    case $1 in
        cb-true) echo "$cb run -- true" ;;
        timeout-true) echo "timeout 10 true" ;;
        floor-true) echo "$floor_run true" ;;
        cb-cat) echo "$cb run -- cat big | reader cb-cat" ;;
        cat) echo "cat big | reader cat" ;;
        floor-cat) echo "$floor_run cat big | reader floor-cat" ;;
    esac
}

use_private_archive "$dir"
note "checking the results before timing..."
[ "$("$cb" run -- cat big | cksum)" = "$(cksum <big)" ] || die "WRONG RESULT: cookbook run -- cat big is not the file"
[ "$(eval "$floor_run cat big" | cksum)" = "$(cksum <big)" ] || die "WRONG RESULT: the floor program's cat big is not the file"
"$cb" run -- true || die "cookbook run -- true failed"
await_archive

# reader ID: reads stdin to its end, as cat >/dev/null does, and appends to spans.ID the
# milliseconds from the first byte's arrival to the end of the stream.
reader() {
    local t0 t1
    dd bs=1 count=1 of=/dev/null status=none # returns once the first byte is there
    t0=$EPOCHREALTIME
    cat >/dev/null
    t1=$EPOCHREALTIME
    awk -v a="${t0/,/.}" -v b="${t1/,/.}" 'BEGIN { printf "%.1f\n", (b - a) * 1000 }' >>"spans.$1"
}

# ms COMMAND: the wall time of one run in milliseconds.
ms() {
    local t0 t1
    t0=$(date +%s%N)
    eval "$1"
    t1=$(date +%s%N)
    echo $(((t1 - t0) / 1000000))
}


results=$PWD/results.txt
: >"$results"
for group in "timeout-true cb-true floor-true" "cat cb-cat floor-cat"; do
    set -- $group
    note "timing $*, $runs runs each, taking turns..."
    for id; do eval "$(cmd_of "$id")"; done # warm-up
    for id; do rm -f "spans.$id"; done
    declare -A times=()
    for _ in $(seq "$runs"); do
        for id; do times[$id]="${times[$id]-} $(ms "$(cmd_of "$id")")"; done
    done
    for id; do echo "$id $(echo "${times[$id]}" | median) -" >>"$results"; done
    for id; do
        [ -f "spans.$id" ] && echo "span-$id $(median <"spans.$id") -" >>"$results"
    done
    unset times
done

t_cb_true=$(time_of cb-true)
t_cb_cat=$(time_of cb-cat)
t_cat=$(time_of cat)
mib=$(fmt '%.0f' "$(awk -v s="$size" 'BEGIN { print s / 1048576 }')")
echo
echo "cookbook run, $runs runs each, median wall time (ms); ratio = direct / cookbook"
printf '%-48s %10s %10s\n' "command" "median ms" "ratio"
printf '%-48s %10s %10s\n' "timeout 10 true" "$(time_of timeout-true)" ""
printf '%-48s %10s %10s\n' "cookbook run -- true" "$t_cb_true" "$(ratio timeout-true cb-true)"
printf '%-48s %10s %10s\n' "floor: java Run true" "$(time_of floor-true)" "$(ratio timeout-true floor-true)"
printf '%-48s %10s %10s\n' "cat big | reader ($mib MiB)" "$t_cat" ""
printf '%-48s %10s %10s\n' "cookbook run -- cat big | reader" "$t_cb_cat" "$(ratio cat cb-cat)"
printf '%-48s %10s %10s\n' "floor: java Run cat big | reader" "$(time_of floor-cat)" "$(ratio cat floor-cat)"
echo
echo "pass-through throughput, as the reader sees it (first byte to end of stream), median"
printf '%-48s %10s %10s\n' "command" "MiB/s" "ratio"
for id in cat cb-cat floor-cat; do
    case $id in
        cat) label="cat big" r="" ;;
        cb-cat) label="cookbook run -- cat big" r=$(ratio span-cat span-cb-cat) ;;
        floor-cat) label="floor: java Run cat big" r=$(ratio span-cat span-floor-cat) ;;
    esac
    printf '%-48s %10s %10s\n' "$label" "$(awk -v s="$size" -v t="$(time_of "span-$id")" 'BEGIN { printf "%.0f", s / (t / 1000) / 1048576 }')" "$r"
done
echo
echo "cookbook run over the floor: $(awk -v c="$t_cb_true" -v f="$(time_of floor-true)" 'BEGIN { printf "%.0f", c - f }') ms (true), $(awk -v c="$t_cb_cat" -v f="$(time_of floor-cat)" 'BEGIN { printf "%.0f", c - f }') ms (cat big)"
echo "start-up cost of cookbook run: $(awk -v c="$t_cb_true" -v t="$(time_of timeout-true)" 'BEGIN { printf "%.0f", c - t }') ms over timeout"
echo "pass-through whole-process ratio (start-up included): $(ratio cat cb-cat), the floor's $(ratio cat floor-cat)"
echo "pass-through throughput ratio: $(ratio span-cat span-cb-cat) (target 0.9: $(verdict span-cat span-cb-cat ">=" 0.9))"
