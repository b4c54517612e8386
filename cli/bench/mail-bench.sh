#!/usr/bin/env bash
#
# mail-bench.sh - time `cookbook mail send` against swaks, side by side in one run, sending
# to a local SMTP sink on 127.0.0.1 (no TLS, no authentication).
#
#   small  a text message of one line:
#            cookbook mail send --smtp 127.0.0.1:PORT --tls none --from .. --to .. --subject ..
#                --text body.txt
#            swaks --server 127.0.0.1 --port PORT --from .. --to .. --h-Subject .. --body @body.txt
#   20mb   the same text and a 20 MB attachment of random bytes (application/octet-stream),
#          multipart/mixed, base64 (about 27 MB on the wire):
#            cookbook ... --attach att-20mb.bin --type application/octet-stream
#            swaks ... --attach-type application/octet-stream --attach @att-20mb.bin
#   memory (not with --quick): cookbook alone, with COOKBOOK_JAVA_OPTS=-Xmx64m, sends a 100 MB
#          attachment; the script shows that it succeeds, its wall time and its peak RSS.
#
# The sink is a small Python asyncio server (standard library only, started here on a port
# the kernel picks): it answers every command, reads DATA in 256 KiB blocks, discards it and
# logs its size. It takes 27 MB in about 0.05 s, far below either tool, and treats both alike.
# Before timing, each tool sends each message once to the sink in saving mode, and Python's
# email module checks what arrived: the text, and an attachment whose SHA-256 is the file's.
#
# Each run times the two tools back to back (the order alternating from run to run), with
# date +%s%N around /usr/bin/time -f %M, so the wall time is the whole process, JVM start-up
# included, and the peak RSS comes from the same run. The table shows the median wall time,
# the largest peak RSS over the runs, and swaks's time / cookbook's time (> 1 means cookbook
# is faster). The issue's targets: the 20 MB message at least as fast as swaks (>= 1), the
# 100 MB attachment sent with -Xmx64m. The small message has no target: there the JVM's
# start-up is most of cookbook's time.
#
# Usage:
#   cli/bench/mail-bench.sh [--quick] [--runs N] [--keep] [--dir PATH] [--cookbook PATH]
#     --quick          3 runs, no 100 MB memory check (smoke test, ~20 s)
#     --runs N         timed runs per tool and message (default 11; 3 with --quick)
#     --keep           keep the data directory and the sink's log
#     --dir PATH       the data directory (default: a new mktemp directory)
#     --cookbook PATH  the cookbook launcher (default: cli/target/cookbook)
#
# Needs bash, coreutils, python3, awk, GNU time (/usr/bin/time: Debian's package time), Java,
# and swaks (Debian's package swaks). A full run takes about a minute and 150 MB of disk.

set -eu
set -o pipefail

prog=${0##*/}

script_dir=$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")" && pwd -P)
# shellcheck source=lib.sh
. "$script_dir/lib.sh"
cookbook="$script_dir/../target/cookbook"
runs=
quick=0
keep=0
dir=

while [ "$#" -gt 0 ]; do
    case $1 in
        --quick) quick=1 ;;
        --runs) need_arg "$@"; runs=$2; shift ;;
        --keep) keep=1 ;;
        --dir) need_arg "$@"; dir=$2; shift ;;
        --cookbook) need_arg "$@"; cookbook=$2; shift ;;
        -h | --help) sed -n '/^# Usage:/,/^# and swaks/s/^# \{0,1\}//p' "$0"; exit 0 ;;
        *) die "unknown argument: $1 (see --help)" ;;
    esac
    shift
done
runs=${runs:-$([ "$quick" -eq 1 ] && echo 3 || echo 11)}
case $runs in '' | *[!0-9]* | 0) die "--runs takes a positive integer" ;; esac

case $cookbook in /*) ;; *) cookbook="$PWD/$cookbook" ;; esac
[ -x "$cookbook" ] || die "cookbook not found: $cookbook (build it: mvn -q -DskipTests package)"
for tool in python3 awk sha256sum head sort; do
    command -v "$tool" >/dev/null || die "$tool is not installed"
done
command -v swaks >/dev/null || die "swaks is not installed (Debian: apt-get install swaks)"
[ -x /usr/bin/time ] && /usr/bin/time -f %M -o /dev/null true 2>/dev/null \
    || die "GNU time is not installed as /usr/bin/time (Debian: apt-get install time)"

if [ -z "$dir" ]; then
    dir=$(mktemp -d "${TMPDIR:-/tmp}/mail-bench.XXXXXX")
fi
mkdir -p -- "$dir"
cd -- "$dir"
sink_pid=
cleanup() {
    if [ -n "$sink_pid" ]; then
        kill "$sink_pid" 2>/dev/null || true
        wait "$sink_pid" 2>/dev/null || true
    fi
    if [ "$keep" -eq 0 ]; then
        cd / && rm -rf -- "$dir"
    fi
}
trap cleanup EXIT
# A private copy: a rebuild of the tree during the run cannot mix builds.
cp -- "$cookbook" ./cookbook
cb=$PWD/cookbook

# ---------------------------------------------------------------- the sink and the checker

cat >sink.py <<'EOF'
# An SMTP sink: answers every command, discards DATA, logs each message's size (bytes between
# the 354 and the final CRLF.CRLF) to the log file; while the file "save" exists, also writes
# the message (dot-stuffed, as received) to saved-N.eml.
import asyncio, os, sys

port_file, log_file = sys.argv[1], sys.argv[2]
log = open(log_file, "a", buffering=1)
saved = 0

async def session(reader, writer):
    global saved
    writer.write(b"220 sink ESMTP\r\n")
    while True:
        line = await reader.readline()
        if not line:
            break
        verb = line[:4].upper()
        if verb == b"EHLO":
            writer.write(b"250-sink\r\n250 8BITMIME\r\n")
        elif verb == b"DATA":
            writer.write(b"354 go ahead\r\n")
            await writer.drain()
            save = open("saved-%d.eml" % saved, "wb") if os.path.exists("save") else None
            n, tail = 0, b"\r\n"
            while True:
                block = await reader.read(1 << 18)
                if not block:
                    return
                joined = tail + block
                end = joined.find(b"\r\n.\r\n")
                if end >= 0:
                    n += end + 2 - len(tail)
                    if save:
                        save.write(block[: end + 2 - len(tail)])
                    break
                n += len(block)
                if save:
                    save.write(block)
                tail = joined[-4:]
            if save:
                save.close()
                saved += 1
            log.write("%d\n" % n)
            writer.write(b"250 2.0.0 queued\r\n")
        elif verb == b"QUIT":
            writer.write(b"221 bye\r\n")
            await writer.drain()
            break
        else:
            writer.write(b"250 ok\r\n")
        await writer.drain()
    writer.close()

async def main():
    server = await asyncio.start_server(session, "127.0.0.1", 0)
    with open(port_file + ".tmp", "w") as f:
        f.write(str(server.sockets[0].getsockname()[1]))
    os.rename(port_file + ".tmp", port_file)
    async with server:
        await server.serve_forever()

asyncio.run(main())
EOF
cat >check.py <<'EOF'
# check.py MESSAGE BODY [ATTACHMENT]: the message's text is BODY's, and its one attachment (if
# given) decodes to ATTACHMENT's bytes. Prints what is wrong, exits 1.
import email, email.policy, hashlib, sys

raw = open(sys.argv[1], "rb").read().replace(b"\r\n..", b"\r\n.")
msg = email.message_from_bytes(raw, policy=email.policy.default)
body = open(sys.argv[2], "rb").read()
text = msg.get_body(("plain",))
problems = []
if text is None or text.get_content().strip() != body.decode().strip():
    problems.append("the text is not body.txt's")
if len(sys.argv) > 3:
    atts = list(msg.iter_attachments())
    want = hashlib.sha256(open(sys.argv[3], "rb").read()).hexdigest()
    if len(atts) != 1:
        problems.append("%d attachments, not 1" % len(atts))
    elif hashlib.sha256(atts[0].get_content()).hexdigest() != want:
        problems.append("the attachment is not the file")
if problems:
    print("; ".join(problems))
    sys.exit(1)
EOF

python3 sink.py port sink.log 2>sink.err &
sink_pid=$!
for _ in $(seq 100); do
    [ -s port ] && break
    kill -0 "$sink_pid" 2>/dev/null || die "the sink did not start: $(cat sink.err)"
    sleep 0.05
done
[ -s port ] || die "the sink did not start within 5 s"
port=$(cat port)

printf 'Hello from mail-bench: one line of text.\n' >body.txt
note "writing a 20 MB attachment of random bytes in $dir..."
head -c 20000000 /dev/urandom >att-20mb.bin
if [ "$quick" -eq 0 ]; then
    head -c 100000000 /dev/urandom >att-100mb.bin
fi

# ---------------------------------------------------------------- the commands

from=bench@example.org
to=sink@example.org
# cmd_of ID: the command line, as an array in $cmd.
cmd_of() {
    local attach_cb=() attach_sw=()
    case $1 in
        *-20mb)
            attach_cb=(--attach att-20mb.bin --type application/octet-stream)
            attach_sw=(--attach-type application/octet-stream --attach @att-20mb.bin)
            ;;
        *-100mb) attach_cb=(--attach att-100mb.bin --type application/octet-stream) ;;
    esac
    case $1 in
        cb-*)
            cmd=("$cb" mail send --smtp "127.0.0.1:$port" --tls none --from "$from" --to "$to"
                --subject "mail-bench $1" --text body.txt "${attach_cb[@]}")
            ;;
        sw-*)
            cmd=(swaks --silent 2 --suppress-data --server 127.0.0.1 --port "$port" --from "$from" --to "$to"
                --h-Subject "mail-bench $1" --body @body.txt "${attach_sw[@]}")
            ;;
    esac
}

# run_once ID: runs the command once under /usr/bin/time; appends "ID MS RSS_KIB" to times.txt.
run_once() {
    cmd_of "$1"
    local t0 t1 before
    before=$(wc -l <sink.log)
    t0=$(date +%s%N)
    "${env_of[@]}" /usr/bin/time -f %M -o rss.tmp "${cmd[@]}" >out.tmp 2>err.tmp \
        || die "'${cmd[*]}' failed: $(head -c 500 err.tmp)"
    t1=$(date +%s%N)
    [ "$(wc -l <sink.log)" -gt "$before" ] || die "'${cmd[*]}': the sink received nothing"
    echo "$1 $(((t1 - t0) / 1000000)) $(tail -1 rss.tmp)" >>times.txt
}
env_of=(env)

note "checking what each tool sends before timing..."
: >save
for id in cb-small sw-small cb-20mb sw-20mb; do
    # One message saved per check, renamed at once.
    run_once "$id"
    mv saved-*.eml "check-$id.eml"
    att=
    case $id in *-20mb) att=att-20mb.bin ;; esac
    python3 check.py "check-$id.eml" body.txt $att || die "WRONG MESSAGE from $id (check-$id.eml)"
done
rm -f save
note "  ok: both tools deliver the text and the attachment byte for byte" \
    "($(wc -c <check-cb-20mb.eml) and $(wc -c <check-sw-20mb.eml) bytes for the 20 MB message)"

# ---------------------------------------------------------------- timing

: >times.txt
for workload in small 20mb; do
    note "timing $workload: $runs runs of each tool, alternating..."
    for i in $(seq "$runs"); do
        if [ $((i % 2)) -eq 1 ]; then
            run_once "cb-$workload"; run_once "sw-$workload"
        else
            run_once "sw-$workload"; run_once "cb-$workload"
        fi
    done
done

# median ID / peak ID: median wall time in seconds, largest peak RSS in MiB.
median() {
    awk -v id="$1" '$1 == id { print $2 }' times.txt | sort -n \
        | awk '{ a[NR] = $1 } END { printf "%.3f", (NR % 2 ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2) / 1000 }'
}
peak() {
    awk -v id="$1" '$1 == id && $3 > m { m = $3 } END { printf "%.0f", m / 1024 }' times.txt
}
quotient() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }

echo
echo "mail send to a local SMTP sink, no TLS: median wall time of $runs runs, largest peak RSS"
echo
printf '| %-22s | %-10s | %-10s | %-14s | %-14s | %-20s |\n' message cookbook swaks "cookbook RSS" "swaks RSS" \
    "speed vs swaks"
printf '|%s|%s|%s|%s|%s|%s|\n' ------------------------ ------------ ------------ ---------------- \
    ---------------- ----------------------
for workload in small 20mb; do
    c=$(median "cb-$workload"); s=$(median "sw-$workload")
    r=$(quotient "$s" "$c")
    case $workload in
        small) label="small (text only)"; v="$r x (no target)" ;;
        20mb) label="20 MB attachment"; v="$r x ($(awk -v r="$r" 'BEGIN { print (r >= 1 ? "met" : "NOT MET") }'))" ;;
    esac
    printf '| %-22s | %-10s | %-10s | %-14s | %-14s | %-20s |\n' "$label" "$c s" "$s s" \
        "$(peak "cb-$workload") MiB" "$(peak "sw-$workload") MiB" "$v"
done

# ---------------------------------------------------------------- constant memory

if [ "$quick" -eq 0 ]; then
    note "memory: cookbook sends a 100 MB attachment with COOKBOOK_JAVA_OPTS=-Xmx64m..."
    env_of=(env COOKBOOK_JAVA_OPTS=-Xmx64m)
    run_once cb-100mb
    env_of=(env)
    echo
    echo "memory: a 100 MB attachment ($(tail -1 sink.log) bytes on the wire) sent with -Xmx64m:" \
        "exit 0 in $(awk '$1 == "cb-100mb" { printf "%.2f", $2 / 1000 }' times.txt) s," \
        "peak RSS $(peak cb-100mb) MiB"
fi
echo
echo "machine: $(nproc) cores, $(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo)," \
    "$("$cb" --version 2>/dev/null | head -1), $(java -version 2>&1 | head -1)," \
    "swaks $(swaks --version 2>/dev/null | awk 'NR == 1 { print $3 }'), $(python3 --version)," \
    "load average $(cut -d' ' -f1-3 /proc/loadavg)"
