#!/bin/sh
# cookbook: this file is a POSIX shell launcher followed by a self-contained Java archive.
# It needs only a Java 17+ runtime: $JAVA_HOME/bin/java if JAVA_HOME is set, else java on PATH.
# COOKBOOK_JAVA_OPTS adds JVM options, for example COOKBOOK_JAVA_OPTS=-Xmx64m.
if [ -n "${JAVA_HOME-}" ] && [ -x "$JAVA_HOME/bin/java" ]; then java=$JAVA_HOME/bin/java; else java=java; fi
command -v "$java" >/dev/null 2>&1 || {
    echo "cookbook: no Java runtime found: install Java 17 or later, or set JAVA_HOME" >&2
    exit 127
}
# Java decodes arguments and file names with the locale's charset: under C or POSIX every
# non-ASCII name would turn into '?' and could not be opened. Run the JVM in C.UTF-8 then; the
# caller's setting is kept in COOKBOOK_CALLER_LC_ALL for the programs cookbook runs.
case "${LC_ALL:-${LC_CTYPE:-${LANG-}}}" in
    *[Uu][Tt][Ff]-8* | *[Uu][Tt][Ff]8*) ;;
    *) COOKBOOK_CALLER_LC_ALL=${LC_ALL-unset}; export COOKBOOK_CALLER_LC_ALL; LC_ALL=C.UTF-8; export LC_ALL ;;
esac
# Java cannot ask whether a descriptor is a terminal; the shell can, cheaply.
tty=
[ -t 0 ] && tty=${tty}i
[ -t 1 ] && tty=${tty}o
[ -t 2 ] && tty=${tty}e
# SerialGC and no perf-data file: a short command starts measurably faster.
exec "$java" -XX:+UseSerialGC -XX:-UsePerfData -Xshare:auto -Dcookbook.tty="$tty" $COOKBOOK_JAVA_OPTS -jar "$0" "$@"
