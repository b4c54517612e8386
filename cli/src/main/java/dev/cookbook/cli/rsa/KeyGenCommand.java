package dev.cookbook.cli.rsa;

import dev.cookbook.cli.ExitCodes;
import dev.cookbook.cli.Stdio;
import dev.cookbook.cli.common.Diagnostics;
import dev.cookbook.cli.common.Messages;
import dev.cookbook.cli.common.Output;
import dev.cookbook.cli.common.OutputOptions;
import dev.cookbook.cli.common.PasswordOption;
import dev.cookbook.crypto.rsa.KeyFiles;
import dev.cookbook.crypto.rsa.KeyFormat;
import dev.cookbook.crypto.rsa.RsaKey;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code cookbook key gen}: a new RSA key pair. */
@Command(
        name = "gen",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Make a new RSA key: a PKCS#8 private key (BEGIN PRIVATE KEY, or BEGIN ENCRYPTED PRIVATE KEY with "
                    + "--pass), and its SPKI public key (BEGIN PUBLIC KEY) with --pub-out.",
            "Files are written atomically; the private key is readable by its owner only. --force replaces both "
                    + "files if they exist.",
        })
@ExitCodes.Returns({ExitCodes.BAD_DATA, ExitCodes.IO_ERROR, ExitCodes.CLOSED_PIPE})
public final class KeyGenCommand implements Callable<Integer> {
    static final int MIN_BITS = 2048;

    @Option(
            names = "--bits",
            paramLabel = "N",
            description = "Key size in bits (default 3072; below 2048 needs --allow-weak).")
    int bits = 3072;

    @Option(names = "--allow-weak", description = "Allow keys below 2048 bits (the reference recipe used 1024).")
    boolean allowWeak;

    @Mixin
    OutputOptions output;

    @Option(
            names = "--pub-out",
            paramLabel = "PUB",
            description =
                    "Also write the public key to PUB, a file other than OUT (- writes it to standard output, after the private key if that goes there too).")
    String pubOut;

    @Option(
            names = "--pass",
            paramLabel = "SPEC",
            description = "Encrypt the private key (AES-256, PBKDF2) with "
                    + "this password: env:NAME, file:PATH, fd:N, stdin or pass:TEXT.")
    String pass;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        if (bits < MIN_BITS && !allowWeak) {
            throw new ParameterException(
                    spec.commandLine(),
                    bits + "-bit keys are too weak (NIST: at least 2048): add --allow-weak if you must");
        }
        if (bits < 512 || bits > 16384) {
            throw new ParameterException(spec.commandLine(), "--bits must be from 512 to 16384, not " + bits);
        }
        if (pubOut != null && !output.isStdout() && sameFile(output.name(), pubOut)) {
            throw new ParameterException(
                    spec.commandLine(),
                    (output.name().equals(pubOut)
                                    ? "-o/--out and --pub-out both name " + Messages.quote(pubOut)
                                    : "-o/--out " + Messages.quote(output.name()) + " and --pub-out "
                                            + Messages.quote(pubOut) + " are the same file")
                            + ": the private and the public key need a file each");
        }
        Stdio stdio = Stdio.of(spec);
        Diagnostics say = Diagnostics.of(spec);
        char[] password = pass == null ? null : PasswordOption.read(spec, "--pass", pass, stdio, say::warn);
        try (Output keyOut = output.open(stdio, Output.Kind.SECRET, null);
                Output pubFile =
                        pubOut == null ? null : output.openOther(stdio, "--pub-out", pubOut, Output.Kind.TEXT)) {
            RsaKey key = KeyFiles.of(KeyFiles.generate(bits, new SecureRandom()));
            keyOut.stream()
                    .write(KeyFiles.write(
                            key, password == null ? KeyFormat.PKCS8 : KeyFormat.ENCRYPTED_PKCS8, true, password));
            if (pubFile != null) {
                pubFile.stream().write(KeyFiles.write(key, KeyFormat.SPKI, true, null));
                pubFile.commit();
            }
            keyOut.commit();
            if (!output.isStdout()) {
                say.note(Messages.quote(output.name()) + ": " + bits + "-bit RSA key, SHA-256 fingerprint "
                        + key.fingerprint());
            }
        } finally {
            if (password != null) {
                Arrays.fill(password, '\0');
            }
        }
        return ExitCodes.OK;
    }

    /**
     * Whether writing {@code a} and then {@code b} would replace one file twice, keeping only the
     * second: the same file however spelled ({@code ./k.pem}, {@code dir/../k.pem}, a symbolic or
     * hard link), existing or to be made. Standard output, devices and FIFOs are written in place,
     * one key after the other, so both keys may go there.
     */
    private static boolean sameFile(String a, String b) throws IOException {
        try {
            if (b.equals("-") || b.equals("/dev/stdout") || inPlace(a) || inPlace(b)) {
                return false;
            }
            Path p = Path.of(a);
            Path q = Path.of(b);
            if (Files.exists(p) && Files.exists(q)) {
                return Files.isSameFile(p, q);
            }
            return !Files.exists(p) && !Files.exists(q) && whereMade(p).equals(whereMade(q));
        } catch (InvalidPathException e) {
            return false; // opening it says what is wrong with the name
        }
    }

    /** Written in place rather than replaced: the kernel's files, devices, FIFOs (as {@link Output}). */
    private static boolean inPlace(String name) {
        Path p = Path.of(name);
        return name.startsWith("/dev/") || name.startsWith("/proc/") || (Files.exists(p) && !Files.isRegularFile(p));
    }

    /** Where a file that does not exist yet would be made: through symbolic links, in its real folder. */
    private static Path whereMade(Path path) throws IOException {
        Path p = path;
        for (int i = 0; i < 40 && Files.isSymbolicLink(p); i++) {
            p = p.resolveSibling(Files.readSymbolicLink(p));
        }
        p = p.toAbsolutePath();
        Path folder = p.getParent();
        return (Files.isDirectory(folder) ? folder.toRealPath() : folder.normalize()).resolve(p.getFileName());
    }
}
