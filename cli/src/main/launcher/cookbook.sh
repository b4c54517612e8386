#!/bin/sh
# cookbook: this file is a POSIX shell launcher followed by a self-contained Java archive.
# It needs only a Java 17+ runtime: the one bundled beside it (the self-contained distribution's
# runtime/), else $JAVA_HOME/bin/java if JAVA_HOME is set, else java on PATH.
# COOKBOOK_JAVA_OPTS adds JVM options, for example COOKBOOK_JAVA_OPTS=-Xmx64m.
# COOKBOOK_ARCHIVE=off turns the class-data archive off (see the README's start-up section).
#
# Everything up to the exec runs on every call: shell builtins only, no forks.
build=@BUILD_ID@
# This file, by an absolute path: the JVM's class path, and part of the archive's name (an archive
# holds the path of the jar it was made from). A symbolic link (an installed link to a distribution)
# is resolved, so that the bundled runtime and archive are found beside the real file.
self=$0
case $self in /*) ;; */*) self=$PWD/${self#./} ;; *) self=$PWD/$self ;; esac
if [ -L "$self" ]; then
    self=$(readlink -f -- "$self") || self=$0
fi
dist=${self%/*}
dist=${dist%/*}
if [ -x "$dist/runtime/bin/java" ]; then
    java=$dist/runtime/bin/java
elif [ -n "${JAVA_HOME-}" ] && [ -x "$JAVA_HOME/bin/java" ]; then
    java=$JAVA_HOME/bin/java
    dist=
else
    java=java
    dist=
    command -v java >/dev/null 2>&1 || {
        echo "cookbook: no Java runtime found: install Java 17 or later, or set JAVA_HOME" >&2
        exit 127
    }
fi
# Java decodes arguments and file names with the locale's charset: under C or POSIX every
# non-ASCII name would turn into '?' and could not be opened. Run the JVM in C.UTF-8 then; the
# caller's setting is kept in COOKBOOK_CALLER_LC_ALL ('=' and its value, or empty when it had none),
# and the programs 'cookbook run' starts get it back (one the caller passed on is not ours to use).
case "${LC_ALL:-${LC_CTYPE:-${LANG-}}}" in
    *[Uu][Tt][Ff]-8* | *[Uu][Tt][Ff]8*) unset COOKBOOK_CALLER_LC_ALL ;;
    *) COOKBOOK_CALLER_LC_ALL=${LC_ALL+=$LC_ALL}; export COOKBOOK_CALLER_LC_ALL; LC_ALL=C.UTF-8; export LC_ALL ;;
esac
# Java cannot ask whether a descriptor is a terminal; the shell can, cheaply.
tty=
[ -t 0 ] && tty=${tty}i
[ -t 1 ] && tty=${tty}o
[ -t 2 ] && tty=${tty}e
# The class-data archive: the classes cookbook loads, parsed and linked once, mapped at start-up
# (Java 17 AppCDS, Java 25 AOT cache; -XX:SharedArchiveFile takes either). A distribution for
# Java 25 brings one for every command, made for its runtime; a family's own is made in the
# background after its first call, per build, runtime, place of this file and command family,
# under $XDG_CACHE_HOME/cookbook (for example
# ~/.cache/cookbook/0.1.0-1b92f00abde3/PATH/java/home/me/.local/bin/cookbook.quote.jsa):
# an archive of one family's classes starts it faster than one of every family's (Java 25 links
# all the classes of its cache at start-up). Making one removes those no call can map again (other
# builds' for this file, those whose launcher is gone, and what a training that died left). Beside
# it, the collector it was made for (Java 17's holds the G1 heap that spares the JVM building its
# module graph). The caller's own options about sharing win, and turn this off.
archive= made= folder= gc=-XX:+UseSerialGC
family=all
case ${1-} in
    checksum | encrypt | decrypt | key | sign | verify | csv | mail | echo | quote | split | run | install | uninstall | completion | help)
        family=$1 ;;
    --version | -V) family=version ;;
esac
# 'run -- CMD' runs without picocli (PlainRun), so it gets an archive of that path alone: Java 25
# loads every class of its cache at start-up, and run's own archive holds picocli for the calls
# with options.
if [ "$family" = run ] && [ "${2-}" = -- ] && [ $# -ge 3 ]; then
    family=run-plain
fi
# So do 'checksum FILE...', 'quote ARG...' and 'csv read FILE' when no argument starts with -, and
# 'checksum -a ALGO FILE...' when no FILE does (PlainCalls).
case $family in
    checksum | quote)
        if [ $# -ge 2 ]; then
            plain=$family-plain
            skip=1
            if [ "$family" = checksum ] && [ $# -ge 4 ] && { [ "$2" = -a ] || [ "$2" = --algorithm ]; }; then
                skip=3
            fi
            for arg do
                case $skip in
                    0) case $arg in -*) plain=$family; break ;; esac ;;
                    *) skip=$((skip - 1)) ;;
                esac
            done
            family=$plain
        fi ;;
    csv)
        if [ "${2-}" = read ] && [ $# -eq 3 ]; then
            case $3 in -*) ;; *) family=csv-plain ;; esac
        fi ;;
esac
case " ${COOKBOOK_JAVA_OPTS-} " in
    *" -Xshare:"* | *SharedArchiveFile* | *AOTCache* | *AOTMode* | *ArchiveClassesAtExit* | *AOTConfiguration*) ;;
    *)
        if [ "${COOKBOOK_ARCHIVE-}" != off ]; then
            bundled=
            if [ -n "$dist" ] && [ -f "$dist/lib/cookbook.jsa" ]; then
                bundled=$dist/lib/cookbook.jsa
            fi
            cache=${XDG_CACHE_HOME-}
            case $cache in /*) ;; *) cache=${HOME:+$HOME/.cache} ;; esac
            # A distribution's own archive serves every command from the first call. A family's
            # archive in the cache, made after its first call as without one, starts it faster,
            # but for --version and what names no command, whose archive would be the same.
            if [ -n "$bundled" ] && { [ -z "$cache" ] || [ "$family" = all ] || [ "$family" = version ]; }; then
                archive=-XX:SharedArchiveFile=$bundled
            elif [ -n "$cache" ]; then
                case $java in /*) key=$java ;; *) key=/PATH/java ;; esac
                folder=$cache/cookbook/$build
                cache=$folder$key$self.$family.jsa
                if [ -f "$cache" ]; then
                    archive=-XX:SharedArchiveFile=$cache
                    made=-Dcookbook.archive=$cache
                    if [ -f "$cache.gc" ] && read -r line <"$cache.gc"; then
                        case $line in -XX:+UseG1GC | -XX:+UseSerialGC) gc=$line ;; esac
                    fi
                else
                    made=-Dcookbook.archive.create=$cache
                    archive=${bundled:+-XX:SharedArchiveFile=$bundled}
                fi
            fi
        fi
        ;;
esac
# Commands that never crunch data run C1-compiled only: it starts faster, and they end before C2
# would pay (quote, split and run's own work is argument handling; install copies a few files).
# Hashing, ciphers, CSV, mail and echo keep C2: C1 alone makes sha256 of a large file 4x slower
# (the README's start-up section).
jit=
case ${1-} in
    quote | split | run | completion | help | install | uninstall | --version | -V | --help | -h | '')
        jit=-XX:TieredStopAtLevel=1 ;;
esac
# The caller's own collector, if any, instead of ours.
case " ${COOKBOOK_JAVA_OPTS-} " in *" -XX:+Use"*GC" "*) gc= ;; esac
# JVM warnings go to stderr, never into cookbook's data on stdout; an archive the runtime cannot
# use (another runtime's, a damaged one) is skipped without a word. SerialGC unless the archive
# holds G1's heap, and no perf-data file: a short command starts measurably faster.
# ArchiveRelocationMode=0 maps the archives at the address they were made for instead of
# relocating every pointer in them (the default since JDK 20, and in Debian's 17), ~7 ms of a
# Java 25 start. -cp and the main class rather than -jar: -jar reads the manifest, which opens the
# jar and indexes its 10,000 entries (~20 ms) even when every class comes from the archive.
exec "$java" $gc -XX:-UsePerfData \
    -XX:+UnlockDiagnosticVMOptions -XX:ArchiveRelocationMode=0 \
    -Xlog:disable -Xlog:all=warning:stderr -Xlog:cds*=off:stderr \
    $jit ${archive:+"$archive"} ${made:+"$made" "-Dcookbook.family=$family" "-Dcookbook.archive.build=$folder"} -Dcookbook.tty="$tty" \
    $COOKBOOK_JAVA_OPTS -cp "$self" dev.cookbook.cli.Main "$@"
