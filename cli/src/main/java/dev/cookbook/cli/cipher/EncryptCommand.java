package dev.cookbook.cli.cipher;

import dev.cookbook.cli.ExitCodes;
import dev.cookbook.cli.Stdio;
import dev.cookbook.cli.common.IoOptions;
import dev.cookbook.cli.common.KeyReader;
import dev.cookbook.cli.common.Messenger;
import dev.cookbook.cli.common.PasswordOption;
import dev.cookbook.cli.common.ProgressBar;
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
            "Encrypt with DES, triple DES (CFB) or RC4 under a password.",
            "By default the output is authenticated: 'cookbook decrypt' detects a wrong password and any change "
                    + "to the data. --openssl writes what 'openssl enc -salt' writes instead.",
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  cookbook encrypt -i report.pdf -o report.pdf.enc           # asks for the password twice",
            "  PASSWORD=... cookbook encrypt --pass env:PASSWORD < in > in.enc",
            "  cookbook encrypt --openssl -c des-cfb --pass file:pw.txt -i in -o in.enc --print-openssl",
            "  cookbook encrypt --recipient alice.pub.pem --recipient bob.pub.pem -i in -o in.enc",
        })
@ExitCodes.Returns({ExitCodes.BAD_DATA, ExitCodes.IO_ERROR, ExitCodes.CLOSED_PIPE})
public final class EncryptCommand implements Callable<Integer> {
    @Mixin
    private CipherOptions cipher;

    @Mixin
    private IoOptions io;

    @Mixin
    private PasswordOption password;

    @Option(
            names = "--recipient",
            paramLabel = "PUB",
            description = "Encrypt to the holder of this RSA public key "
                    + "(SPKI, PKCS#1 or a certificate) instead of with a password; repeat for several.")
    private List<String> recipients = new ArrayList<>();

    @Spec
    private CommandSpec spec;

    private Secret recipients(Stdio stdio, Messenger say) throws IOException, CryptoException {
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
        if (cipher.printOpenssl && options.format() == Format.COOKBOOK) {
            throw new ParameterException(
                    spec.commandLine(),
                    "--print-openssl needs --openssl or -K: the cookbook " + "format has no openssl equivalent");
        }
        if (!recipients.isEmpty() && (password.source != null || options.format() != Format.COOKBOOK)) {
            throw new ParameterException(
                    spec.commandLine(),
                    "--recipient encrypts to public keys in the cookbook "
                            + "format: --pass, --openssl and -K do not apply");
        }
        if (password.readsStdin() && io.inputIsStdin()) {
            throw new ParameterException(spec.commandLine(), "--pass stdin and the data cannot both come from stdin");
        }
        Stdio stdio = Stdio.of(spec);
        Messenger say = new Messenger(spec);
        say.warn(CipherOptions.legacyWarning(options.cipher()));
        if (options.format() != Format.COOKBOOK) {
            say.warn("warning: the " + (cipher.raw() ? "raw" : "openssl") + " format is not authenticated: decrypting "
                    + "cannot detect a wrong " + (cipher.raw() ? "key" : "password") + " or tampering");
        }
        Secret secret = cipher.raw()
                ? cipher.rawSecret()
                : !recipients.isEmpty()
                        ? recipients(stdio, say)
                        : new Secret.Password(password.read(stdio, say::warn, true));
        FileCipher files = new FileCipher();
        try (InputStream in = io.openInput(stdio);
                IoOptions.Output out = io.openOutput(stdio, true);
                ProgressBar p = io.progressBar(stdio, files::bytesRead)) {
            FileCipher.Result result = files.encrypt(in, out.stream(), options, secret);
            out.commit();
            if (cipher.printOpenssl) {
                say.line(OpensslCommandLine.of(result, false, io.in, io.out));
            }
        } finally {
            secret.destroy();
        }
        return ExitCodes.OK;
    }
}
