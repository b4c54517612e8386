package dev.cookbook.cli.common;

import dev.cookbook.cli.CommandFailure;
import dev.cookbook.cli.ExitCodes;
import dev.cookbook.cli.Stdio;
import dev.cookbook.crypto.CryptoException;
import dev.cookbook.crypto.rsa.KeyFiles;
import dev.cookbook.crypto.rsa.PasswordRequiredException;
import dev.cookbook.crypto.rsa.RsaKey;
import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.function.Consumer;

/**
 * Reads a key file named on the command line ({@code -} for stdin), asking for its password only
 * if it turns out to be encrypted: from {@code --pass} if given, else on the terminal. A failure
 * names the file (the library's {@link CryptoException#source()}, or {@code standard input}); a
 * directory is refused in words that say a key file was expected.
 */
public final class KeyReader {
    private KeyReader() {}

    public static RsaKey read(String file, PasswordOption pass, Stdio stdio, Consumer<String> warn)
            throws IOException, CryptoException {
        if (!file.equals("-")) {
            Path path = Path.of(file);
            if (Files.isDirectory(path)) {
                throw new FileSystemException(file, null, "is a directory, not a key file");
            }
            return KeyFiles.read(path, () -> pass.read(stdio, warn, false));
        }
        byte[] data = stdio.in().readAllBytes();
        try {
            try {
                return KeyFiles.read(data, null);
            } catch (PasswordRequiredException e) {
                char[] password = pass.read(stdio, warn, false);
                try {
                    return KeyFiles.read(data, password);
                } finally {
                    Arrays.fill(password, '\0');
                }
            }
        } catch (CryptoException e) {
            // named here, else the error handler would name the command's data file
            throw new CommandFailure(ExitCodes.BAD_DATA, "standard input: " + e.getMessage(), null, e);
        }
    }

    /** The key file that {@code input} names, standard input if none. */
    public static RsaKey read(InputOptions input, PasswordOption pass, Stdio stdio, Consumer<String> warn)
            throws IOException, CryptoException {
        return read(input.nameOrDash(stdio), pass, stdio, warn);
    }
}
