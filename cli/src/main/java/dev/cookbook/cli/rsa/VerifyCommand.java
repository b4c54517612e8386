package dev.cookbook.cli.rsa;

import dev.cookbook.cli.CommandFailure;
import dev.cookbook.cli.ExitCodes;
import dev.cookbook.cli.Stdio;
import dev.cookbook.cli.common.Diagnostics;
import dev.cookbook.cli.common.InputOptions;
import dev.cookbook.cli.common.KeyReader;
import dev.cookbook.cli.common.Messages;
import dev.cookbook.cli.common.PasswordOption;
import dev.cookbook.crypto.CryptoException;
import dev.cookbook.crypto.rsa.RsaKey;
import dev.cookbook.crypto.rsa.Signatures;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code cookbook verify}: checks an RSA signature, with openssl's words and exit status. */
@Command(
        name = "verify",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Verify a file's RSA signature: print 'Verified OK' (exit 0) or 'Verification failure' (exit 1), as "
                    + "'openssl dgst -verify' does.",
            "The key may be a public key (SPKI or PKCS#1), a certificate or a private key; the signature raw or "
                    + "base64. PSS signatures verify whatever their salt length.",
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  cookbook verify --key key.pub.pem --signature report.sig report.pdf",
            "  openssl dgst -sha256 -sign key.pem -out m.sig m.txt && cookbook verify --key key.pem --signature m.sig m.txt",
        })
@ExitCodes.Returns({ExitCodes.CHECK_FAILED, ExitCodes.BAD_DATA, ExitCodes.IO_ERROR, ExitCodes.CLOSED_PIPE})
public final class VerifyCommand implements Callable<Integer> {
    @Option(
            names = "--key",
            required = true,
            paramLabel = "KEY",
            description = "The public key, certificate or " + "private key file.")
    String keyFile;

    @Option(
            names = "--signature",
            required = true,
            paramLabel = "SIG",
            description = "The signature file, raw or " + "base64.")
    String signatureFile;

    @Mixin
    SignatureOptions options;

    @Mixin
    PasswordOption pass;

    @Mixin
    InputOptions input;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException, CryptoException {
        options.check();
        Stdio stdio = Stdio.of(spec);
        Diagnostics say = Diagnostics.of(spec);
        if (input.isStdin() && ("-".equals(keyFile) || "-".equals(signatureFile))) {
            throw new ParameterException(
                    spec.commandLine(), "only one of the key, the signature and the data can come from stdin");
        }
        try (InputStream in = input.open(stdio)) {
            RsaKey key = KeyReader.read(keyFile, pass, stdio, say::warn);
            byte[] signature = signature(InputOptions.readAll(stdio, signatureFile), key.bits(), signatureFile);
            options.warnLegacy(say);
            boolean ok = Signatures.verify(in, key.publicKey(), options.hash, options.pss, signature);
            spec.commandLine().getOut().println(ok ? "Verified OK" : "Verification failure");
            return ok ? ExitCodes.OK : ExitCodes.CHECK_FAILED;
        }
    }

    /**
     * The signature's bytes: a file of base64 text is decoded when it decodes to a signature's
     * length. Any other length cannot be a signature by the key: bad data, not a failed check.
     */
    private static byte[] signature(byte[] raw, int bits, String file) {
        int length = (bits + 7) / 8;
        if (raw.length == length) {
            return raw;
        }
        String text = new String(raw, StandardCharsets.US_ASCII).replaceAll("\\s+", "");
        try {
            byte[] decoded = Base64.getDecoder().decode(text);
            if (decoded.length == length) {
                return decoded;
            }
        } catch (IllegalArgumentException e) {
            // not base64
        }
        String name = "-".equals(file) ? "standard input" : Messages.quote(file);
        throw new CommandFailure(
                ExitCodes.BAD_DATA,
                name + ": "
                        + (raw.length == 0
                                ? "the signature is empty"
                                : "not a signature by a " + bits + "-bit key: " + raw.length + " bytes, not " + length
                                        + " (or their base64)"));
    }
}
