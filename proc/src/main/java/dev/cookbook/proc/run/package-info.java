/**
 * Running a command without a shell, as {@code subprocess.run} does, but with a time limit that
 * ends the whole process tree and pipes that cannot deadlock. For most uses, build a
 * {@link dev.cookbook.proc.run.RunSpec} and call {@link dev.cookbook.proc.run.Runner#run}; for a
 * shell command line made of untrusted words, {@link dev.cookbook.proc.run.ShellTemplate}.
 */
package dev.cookbook.proc.run;
