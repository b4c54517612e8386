package dev.cookbook.cli.cipher;

import dev.cookbook.cli.ExitCodes;
import dev.cookbook.cli.Stdio;
import dev.cookbook.cli.common.Diagnostics;
import dev.cookbook.cli.common.InputOptions;
import dev.cookbook.cli.common.KeyReader;
import dev.cookbook.cli.common.Output;
import dev.cookbook.cli.common.OutputOptions;
import dev.cookbook.cli.common.PasswordOption;
import dev.cookbook.cli.common.ProgressBar;
import dev.cookbook.cli.common.ProgressOptions;
import dev.cookbook.crypto.CryptoException;
import dev.cookbook.crypto.cipher.EncryptionOptions;
import dev.cookbook.crypto.cipher.FileCipher;
import dev.cookbook.crypto.cipher.Format;
import dev.cookbook.crypto.cipher.Secret;
import java.io.IOException;
import java.io.InputStream;
import java.security.interfaces.RSAPublicKey;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code cookbook encrypt}: a file under a password, authenticated by default. */
@Command(
        name = "encrypt",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Encrypt with DES or triple DES (CFB; CBC for openssl's format) or RC4, under a password or to RSA "
                    + "public keys.",
            "By default the output is authenticated: 'cookbook decrypt' detects a wrong password and any change "
                    + "to the data. --openssl writes what 'openssl enc' writes instead (PBKDF2 unless --kdf evp), and "
                    + "names the options that decrypt it.",
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  cookbook encrypt -o report.pdf.enc report.pdf             # asks for the password twice",
            "  PASSWORD=... cookbook encrypt --pass env:PASSWORD < in > in.enc",
            "  cookbook encrypt --openssl -c des-cfb --pass file:pw.txt -o in.enc --print-openssl in",
            "  cookbook encrypt --openssl -a -c rc4 --pass file:pw.txt -o in.b64 in    # openssl enc -a",
            "  cookbook encrypt -c arc4 -K 3031323334353637 -o out.bin in     # the RC4 key '01234567'",
            "  cookbook encrypt --recipient alice.pub.pem --recipient bob.pub.pem -o in.enc in",
        })
@ExitCodes.Returns({ExitCodes.BAD_DATA, ExitCodes.IO_ERROR, ExitCodes.CLOSED_PIPE})
public final class EncryptCommand implements Callable<Integer> {
    @Mixin
    CipherOptions cipher;

    @Mixin
    InputOptions input;

    @Mixin
    OutputOptions output;

    @Mixin
    PasswordOption password;

    @Option(
            names = "--recipient",
            paramLabel = "PUB",
            description = "Encrypt to the holder of this RSA public key "
                    + "(SPKI, PKCS#1 or a certificate) instead of with a password; repeat for several.")
    List<String> recipients = new ArrayList<>();

    @Mixin
    ProgressOptions progress;

    @Spec
    CommandSpec spec;

    private Secret recipients(Stdio stdio, Diagnostics say) throws IOException, CryptoException {
        List<RSAPublicKey> keys = new ArrayList<>();
        for (String r : recipients) {
            keys.add(KeyReader.read(r, password, stdio, say::warn).publicKey());
        }
        return new Secret.Recipients(keys);
    }

    @Override
    public Integer call() throws IOException, CryptoException {
        if (cipher.list) {
            cipher.printList();
            return ExitCodes.OK;
        }
        EncryptionOptions options = cipher.toOptions(false);
        cipher.refuseWithRawKey("--pass", password.given());
        if (cipher.printOpenssl && options.format() == Format.COOKBOOK) {
            throw new ParameterException(
                    spec.commandLine(),
                    "--print-openssl needs --openssl or -K: the cookbook format has no openssl equivalent");
        }
        if (!recipients.isEmpty() && (password.given() || options.format() != Format.COOKBOOK)) {
            throw new ParameterException(
                    spec.commandLine(),
                    "--recipient encrypts to public keys in the cookbook format: --pass, --openssl and -K do not apply");
        }
        if (password.readsStdin() && input.isStdin()) {
            throw new ParameterException(spec.commandLine(), "--pass stdin and the data cannot both come from stdin");
        }
        Stdio stdio = Stdio.of(spec);
        Diagnostics say = Diagnostics.of(spec);
        FileCipher files = new FileCipher();
        try (InputStream in = input.open(stdio);
                Output out = output.open(stdio, Output.Kind.BINARY, input.path())) {
            Secret secret = cipher.raw()
                    ? cipher.rawSecret()
                    : !recipients.isEmpty()
                            ? recipients(stdio, say)
                            : new Secret.Password(password.read(stdio, say::warn, true));
            try (ProgressBar p = progress.start(stdio, output.isStdout(), files::bytesRead, input::size)) {
                CipherOptions.warnLegacy(say, options.cipher());
                if (options.format() != Format.COOKBOOK) {
                    say.warn("the " + (cipher.raw() ? "raw" : "openssl") + " format is not authenticated: "
                            + "decrypting cannot detect a wrong " + (cipher.raw() ? "key" : "password")
                            + " or tampering");
                }
                FileCipher.Result result = files.encrypt(in, out.stream(), options, secret);
                out.commit();
                if (cipher.printOpenssl) {
                    if (cipher.opensslTakesRawKey()) {
                        say.line(OpensslCommandLine.of(result, false, input.name(), output.name()));
                    } else {
                        say.warn(CipherOptions.RC4_KEY_PADDED);
                    }
                } else if (result.format() == Format.OPENSSL) {
                    say.note("to decrypt: " + OpensslCommandLine.cookbookDecrypt(result) + ", or "
                            + OpensslCommandLine.options(result, true));
                }
                if (result.format() == Format.OPENSSL && result.bytes() == 0) {
                    say.warn("the input was empty: openssl's format then holds the salt alone, which "
                            + "'cookbook decrypt' refuses as cut short");
                }
            } finally {
                secret.destroy();
            }
        }
        return ExitCodes.OK;
    }
}
