/**
 * Shell words without a shell: {@link dev.cookbook.proc.shell.ShellQuote} quotes words so that
 * {@code sh} reads them back exactly ({@code shlex.quote}/{@code join}), and
 * {@link dev.cookbook.proc.shell.ShellSplit} reads a string into words as {@code shlex.split}
 * does, throwing {@link dev.cookbook.proc.shell.ShellSyntaxException} with the position of a quote
 * never closed or a lone trailing backslash. For most uses, call {@code ShellQuote.join} or
 * {@code ShellSplit.split}.
 */
package dev.cookbook.proc.shell;
