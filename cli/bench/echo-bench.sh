#!/usr/bin/env bash
#
# echo-bench.sh - `cookbook echo server` against a socat echo server, side by side in one run,
# on 127.0.0.1.
#
#   throughput   one connection carries a file of random bytes (256 MiB by default) to the
#                server and back: `socat -b 262144 -t 30 - TCP:127.0.0.1:PORT < data.bin >
#                /dev/shm/FILE`, the same client for both servers (a C program, so the client
#                is not what is measured); the echo must be byte-identical to data.bin (cmp,
#                after the timing) or the script stops. Median wall time of --runs runs.
#   connections  `cookbook echo bench --connections N --duration HOLD --size 64 --json` against
#                each server: connections held, connect failures (a burst of N connects), and
#                the server's memory: peak RSS (ours: VmHWM of its one process; socat: the
#                largest sum, sampled every 0.25 s, of the RSS of its whole process tree, as it
#                forks a socat and a cat per connection, which counts shared pages once per
#                process) and the largest PSS summed over the tree, sampled every second
#                (shared pages divided among their sharers: the fair figure for socat's forks).
#   large        (only with --large N) our server alone, N connections spread over the source
#                addresses 127.0.0.2 and 127.0.0.3 (one address pair has about 28,000
#                ephemeral ports): connections held and the server's peak RSS.
#
# The servers as users start them:
#   cookbook echo server --port 0 --port-file FILE
#   socat TCP-LISTEN:PORT,bind=127.0.0.1,reuseaddr,fork EXEC:cat     (its default backlog, 5)
# The issue's targets: throughput at least 2x socat's; N=10,000 connections held with a server
# peak RSS under 128 MB and no connect failure.
#
# Usage:
#   cli/bench/echo-bench.sh [--quick] [--runs N] [--mib N] [--connections N]
#                           [--socat-connections N] [--hold SECONDS] [--large N]
#                           [--keep] [--dir PATH] [--cookbook PATH]
#     --quick                 64 MiB, 1 run, 1,000 connections held 3 s (smoke test)
#     --runs N                throughput runs per server (default 3)
#     --mib N                 the throughput file's size in MiB (default 256)
#     --connections N         connections for both servers (default 10000)
#     --socat-connections N   connections for socat only (default: --connections)
#     --hold SECONDS          how long the bench holds them (default 10)
#     --large N               also hold N connections on our server over two source addresses
#     --keep                  keep the data directory and the logs
#     --dir PATH              the data directory (default: a new mktemp directory)
#     --cookbook PATH         the cookbook launcher (default: cli/target/cookbook)
#
# Needs bash, coreutils, python3 (a free port for socat), socat, ps, awk and Java. A full run
# takes about two minutes; the open-file limit (ulimit -n) must exceed the connection count.

set -eu
set -o pipefail

prog=${0##*/}

script_dir=$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")" && pwd -P)
# shellcheck source=lib.sh
. "$script_dir/lib.sh"
cookbook="$script_dir/../target/cookbook"
runs=
mib=
connections=
socat_connections=
hold=
large=0
quick=0
keep=0
dir=

while [ "$#" -gt 0 ]; do
    case $1 in
        --quick) quick=1 ;;
        --runs) need_arg "$@"; runs=$2; shift ;;
        --mib) need_arg "$@"; mib=$2; shift ;;
        --connections) need_arg "$@"; connections=$2; shift ;;
        --socat-connections) need_arg "$@"; socat_connections=$2; shift ;;
        --hold) need_arg "$@"; hold=$2; shift ;;
        --large) need_arg "$@"; large=$2; shift ;;
        --keep) keep=1 ;;
        --dir) need_arg "$@"; dir=$2; shift ;;
        --cookbook) need_arg "$@"; cookbook=$2; shift ;;
        -h | --help) sed -n '/^# Usage:/,/^# takes about/s/^# \{0,1\}//p' "$0"; exit 0 ;;
        *) die "unknown argument: $1 (see --help)" ;;
    esac
    shift
done
if [ "$quick" -eq 1 ]; then
    runs=${runs:-1} mib=${mib:-64} connections=${connections:-1000} hold=${hold:-3}
else
    runs=${runs:-3} mib=${mib:-256} connections=${connections:-10000} hold=${hold:-10}
fi
socat_connections=${socat_connections:-$connections}
for n in "$runs" "$mib" "$connections" "$socat_connections" "$hold" "$large"; do
    case $n in '' | *[!0-9]*) die "counts and sizes are whole numbers, not '$n'" ;; esac
done
[ "$runs" -gt 0 ] && [ "$mib" -gt 0 ] && [ "$connections" -gt 0 ] || die "--runs, --mib and --connections must be positive"

case $cookbook in /*) ;; *) cookbook="$PWD/$cookbook" ;; esac
[ -x "$cookbook" ] || die "cookbook not found: $cookbook (build it: mvn -q -DskipTests package)"
for tool in python3 socat ps awk cmp sort head; do
    command -v "$tool" >/dev/null || die "$tool is not installed"
done
limit=$(ulimit -n)
need=$((connections > socat_connections ? connections : socat_connections))
[ "$large" -gt "$need" ] && need=$large
[ "$limit" = unlimited ] || [ "$limit" -gt $((need + 64)) ] \
    || die "the open-file limit ($limit) is too low for $need connections: ulimit -n $((need + 1000))"

if [ -z "$dir" ]; then
    dir=$(mktemp -d "${TMPDIR:-/tmp}/echo-bench.XXXXXX")
fi
mkdir -p -- "$dir"
cd -- "$dir"
server_pid=
sampler_pid=
stop_server() {
    if [ -n "$sampler_pid" ]; then
        kill "$sampler_pid" 2>/dev/null || true
        wait "$sampler_pid" 2>/dev/null || true
        sampler_pid=
    fi
    if [ -n "$server_pid" ]; then
        pkill -TERM -P "$server_pid" 2>/dev/null || true
        kill -TERM "$server_pid" 2>/dev/null || true
        wait "$server_pid" 2>/dev/null || true
        server_pid=
    fi
}
cleanup() {
    stop_server
    [ -n "${echo_file-}" ] && rm -f -- "$echo_file"
    if [ "$keep" -eq 0 ]; then
        cd / && rm -rf -- "$dir"
    fi
}
trap cleanup EXIT
# A private copy: a rebuild of the tree during the run cannot mix builds.
cp -- "$cookbook" ./cookbook
cb=$PWD/cookbook

# ------------------------------------------------------------------ servers and measures

# start_server cookbook|socat [EXTRA ARGS]: starts it in the background, sets server_pid and port.
start_server() {
    local kind=$1
    shift
    rm -f port
    if [ "$kind" = cookbook ]; then
        "$cb" echo server --port 0 --port-file port "$@" 2>server-cookbook.log &
        server_pid=$!
        for _ in $(seq 200); do
            [ -s port ] && break
            kill -0 "$server_pid" 2>/dev/null || die "our server did not start: $(cat server-cookbook.log)"
            sleep 0.05
        done
        [ -s port ] || die "our server did not write its port within 10 s"
        port=$(cat port)
    else
        port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
        socat "TCP-LISTEN:$port,bind=127.0.0.1,reuseaddr,fork" EXEC:cat 2>server-socat.log &
        server_pid=$!
        for _ in $(seq 200); do
            (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && break
            kill -0 "$server_pid" 2>/dev/null || die "socat did not start: $(cat server-socat.log)"
            sleep 0.05
        done
    fi
}

# tree_rss PID: the summed RSS in KiB of PID and all its descendants.
tree_rss() {
    ps -e -o pid=,ppid=,rss= | awk -v root="$1" '
        { parent[$1] = $2; rss[$1] = $3 }
        END {
            for (p in parent) {
                q = p
                for (depth = 0; depth < 16 && q != root && q in parent; depth++) q = parent[q]
                if (q == root) sum += rss[p]
            }
            print sum + 0
        }'
}

# sample_tree PID RSS_FILE PSS_FILE: writes the largest tree_rss seen (every 0.25 s) and the
# largest tree_pss seen (every second) to the files, until killed.
sample_tree() {
    local rss_peak=0 pss_peak=0 now i=0
    while kill -0 "$1" 2>/dev/null; do
        now=$(tree_rss "$1")
        if [ "$now" -gt "$rss_peak" ]; then
            rss_peak=$now
            echo "$rss_peak" >"$2"
        fi
        if [ $((i % 4)) -eq 0 ]; then
            now=$(tree_pss "$1")
            if [ "$now" -gt "$pss_peak" ]; then
                pss_peak=$now
                echo "$pss_peak" >"$3"
            fi
        fi
        i=$((i + 1))
        sleep 0.25
    done
}

# tree_pss PID: the summed PSS in KiB of PID and all its descendants (shared pages divided
# among the processes that share them, so thousands of forks are not counted many times over).
tree_pss() {
    local pids
    pids=$(ps -e -o pid=,ppid= | awk -v root="$1" '
        { parent[$1] = $2 }
        END {
            for (p in parent) {
                q = p
                for (depth = 0; depth < 16 && q != root && q in parent; depth++) q = parent[q]
                if (q == root) print p
            }
        }')
    # one cat for all of them (a process per file would take longer than the sampling period)
    printf '/proc/%s/smaps_rollup\n' $pids | xargs cat 2>/dev/null \
        | awk '/^Pss:/ { sum += $2 } END { print sum + 0 }'
}

# hwm PID: VmHWM (peak RSS) of one process in KiB.
hwm() {
    awk '/^VmHWM:/ { print $2 }' "/proc/$1/status"
}

# json FILE KEY: a number from the one JSON record in FILE (KEY may be a.b).
json() {
    python3 -c 'import json, sys
v = json.load(open(sys.argv[1]))
for k in sys.argv[2].split("."):
    v = v[k]
print(v)' "$1" "$2"
}

mib_of() {
    awk -v k="$1" 'BEGIN { printf "%.0f", k / 1024 }'
}

# ---------------------------------------------------------------------------- throughput

# The echo goes to memory (/dev/shm when there is one), so no disk is timed; compared after.
echo_file=$dir/echo.bin
[ -d /dev/shm ] && [ -w /dev/shm ] && echo_file=$(mktemp /dev/shm/echo-bench.XXXXXX)
note "writing $mib MiB of random bytes in $dir..."
head -c $((mib * 1048576)) /dev/urandom >data.bin

throughput() { # KIND -> prints the median seconds; checks every echo
    local kind=$1 i start end
    start_server "$kind"
    : >"times-$kind"
    for i in $(seq "$runs"); do
        start=$(date +%s%N)
        socat -b 262144 -t 30 - "TCP:127.0.0.1:$port" <data.bin >"$echo_file"
        end=$(date +%s%N)
        cmp -s data.bin "$echo_file" || die "$kind: the echo of data.bin differs (run $i)"
        rm -f "$echo_file"
        awk -v s="$start" -v e="$end" 'BEGIN { printf "%.3f\n", (e - s) / 1e9 }' >>"times-$kind"
    done
    stop_server
    sort -n "times-$kind" | awk '{ t[NR] = $1 } END { print t[int((NR + 1) / 2)] }'
}

note "throughput: $mib MiB through one connection, $runs run(s) per server, checked by cmp..."
t_cookbook=$(throughput cookbook)
t_socat=$(throughput socat)

# --------------------------------------------------------------------------- connections

hold_connections() { # KIND N -> writes bench-KIND.json and rss-KIND (KiB)
    local kind=$1 n=$2
    start_server "$kind"
    rm -f "rss-$kind" "pss-$kind"
    sample_tree "$server_pid" "rss-$kind" "pss-$kind" &
    sampler_pid=$!
    "$cb" echo bench --port "$port" --connections "$n" --duration "${hold}s" --size 64 --json \
        >"bench-$kind.json" 2>"bench-$kind.err" || true
    [ -s "bench-$kind.json" ] || die "$kind: the bench printed no result: $(cat "bench-$kind.err")"
    if [ "$kind" = cookbook ]; then
        hwm "$server_pid" >"rss-$kind"
    fi
    stop_server
}

note "connections: $connections held for ${hold} s on our server, $socat_connections on socat..."
hold_connections cookbook "$connections"
hold_connections socat "$socat_connections"

if [ "$large" -gt 0 ]; then
    note "large: $large connections on our server from 127.0.0.2 and 127.0.0.3..."
    start_server cookbook --max-connections "$large"
    sample_tree "$server_pid" rss-large pss-large &
    sampler_pid=$!
    "$cb" echo bench --port "$port" --connections "$large" --duration "${hold}s" --size 64 \
        --source 127.0.0.2,127.0.0.3 --json >bench-large.json 2>bench-large.err || true
    [ -s bench-large.json ] || die "large: the bench printed no result: $(cat bench-large.err)"
    hwm "$server_pid" >rss-large
    stop_server
fi

# -------------------------------------------------------------------------------- report

mibps_cookbook=$(awk -v m="$mib" -v t="$t_cookbook" 'BEGIN { printf "%.0f", m / t }')
mibps_socat=$(awk -v m="$mib" -v t="$t_socat" 'BEGIN { printf "%.0f", m / t }')
ratio=$(awk -v a="$t_socat" -v c="$t_cookbook" 'BEGIN { printf "%.2f", a / c }')
verdict_tp=$(awk -v a="$t_socat" -v c="$t_cookbook" 'BEGIN { print (a / c >= 2 ? "met" : "NOT MET") }')

row() { # KIND N
    local f="bench-$1.json"
    printf '| %-8s | %6s | %6s | %8s | %6s | %10s | %10s | %8s MiB | %8s MiB |\n' "$1" "$2" \
        "$(json "$f" connections_held)" "$(json "$f" connect_failures)" "$(json "$f" connections_lost)" \
        "$(json "$f" messages_per_second)" "$(json "$f" latency_us.p99)" "$(mib_of "$(cat "rss-$1")")" \
        "$(mib_of "$(cat "pss-$1" 2>/dev/null || echo 0)")"
}

echo
echo "throughput: $mib MiB through one connection, socat as the client, median of $runs"
echo
echo "| server   | time (s) | MiB/s | speed vs socat |"
echo "|----------|----------|-------|----------------|"
printf '| cookbook | %8s | %5s | %5sx (target >= 2x: %s) |\n' "$t_cookbook" "$mibps_cookbook" "$ratio" "$verdict_tp"
printf '| socat    | %8s | %5s |                |\n' "$t_socat" "$mibps_socat"
echo
echo "connections: cookbook echo bench, 64-byte messages, held ${hold} s"
echo
echo "| server   | asked  | held   | failures | lost   | messages/s | p99 (us)   | peak RSS     | PSS          |"
echo "|----------|--------|--------|----------|--------|------------|------------|--------------|--------------|"
row cookbook "$connections"
row socat "$socat_connections"
[ "$large" -gt 0 ] && row large "$large"
held=$(json bench-cookbook.json connections_held)
failures=$(json bench-cookbook.json connect_failures)
rss=$(mib_of "$(cat rss-cookbook)")
echo
if [ "$held" -eq "$connections" ] && [ "$failures" -eq 0 ] && [ "$rss" -lt 122 ]; then
    echo "target ($connections held, none refused, peak RSS under 128 MB): met"
else
    echo "target ($connections held, none refused, peak RSS under 128 MB): NOT MET"
fi
echo
printf 'machine: %s cores, %s, %s, socat %s, load average %s\n' "$(nproc)" \
    "$(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo)" \
    "$(java -version 2>&1 | head -1)" "$(socat -V 2>/dev/null | awk '/socat version/ { print $3; exit }')" \
    "$(cut -d' ' -f1-3 /proc/loadavg)"
