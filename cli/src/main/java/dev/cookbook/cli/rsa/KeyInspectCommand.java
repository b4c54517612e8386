package dev.cookbook.cli.rsa;

import dev.cookbook.cli.ExitCodes;
import dev.cookbook.cli.Stdio;
import dev.cookbook.cli.common.Diagnostics;
import dev.cookbook.cli.common.InputOptions;
import dev.cookbook.cli.common.KeyReader;
import dev.cookbook.cli.common.PasswordOption;
import dev.cookbook.crypto.CryptoException;
import dev.cookbook.crypto.rsa.KeyFormat;
import dev.cookbook.crypto.rsa.RsaKey;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code cookbook key inspect}: what a key file is. */
@Command(
        name = "inspect",
        mixinStandardHelpOptions = true,
        description = {
            "Say what a key file holds: its format, the key's size, and the SHA-256 fingerprint of its public key.",
            "The fingerprint is that of the DER SubjectPublicKeyInfo, as "
                    + "'openssl pkey -pubout -outform DER | sha256sum' prints it.",
        })
@ExitCodes.Returns({ExitCodes.BAD_DATA, ExitCodes.IO_ERROR, ExitCodes.CLOSED_PIPE})
public final class KeyInspectCommand implements Callable<Integer> {
    @Mixin
    InputOptions input;

    @Mixin
    PasswordOption pass;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException, CryptoException {
        RsaKey key = KeyReader.read(input, pass, Stdio.of(spec), Diagnostics.of(spec)::warn);
        PrintWriter out = spec.commandLine().getOut();
        out.println("format:      " + key.format().label()
                // encrypted PKCS#8 says so in its name; PKCS#1 (openssl's traditional encryption) does not
                + (key.encrypted() && key.format() != KeyFormat.ENCRYPTED_PKCS8 ? ", encrypted" : "")
                + (key.pem() ? " (PEM)" : " (DER)"));
        out.println("key:         RSA " + key.bits() + " bits, " + (key.privateKey() != null ? "private" : "public"));
        if (key.certificate() != null) {
            out.println("subject:     "
                    + key.certificate().getSubjectX500Principal().getName());
            out.println("not after:   " + key.certificate().getNotAfter().toInstant());
        }
        out.println("fingerprint: " + key.fingerprint());
        return ExitCodes.OK;
    }
}
