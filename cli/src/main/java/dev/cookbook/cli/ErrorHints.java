package dev.cookbook.cli;

/**
 * Implemented by a command whose library failures deserve advice that names one of its options
 * ({@code --encoding}, {@code --dedupe-headers}): the library cannot name options, the command
 * can. {@link ErrorHandler} prints the hint as a second line, {@code cookbook <command>: hint: ...}.
 * Usage errors ({@link picocli.CommandLine.ParameterException}) are asked too: a hint given for one
 * replaces the generic {@code see 'cookbook <command> --help'}.
 */
public interface ErrorHints {
    /** The advice for {@code failure}, or null for none. */
    String hint(Exception failure);
}
