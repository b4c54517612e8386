package dev.cookbook.cli.cipher;

import dev.cookbook.cli.CommandFailure;
import dev.cookbook.cli.ExitCodes;
import dev.cookbook.cli.Stdio;
import dev.cookbook.cli.common.Diagnostics;
import dev.cookbook.cli.common.InputOptions;
import dev.cookbook.cli.common.KeyReader;
import dev.cookbook.cli.common.Messages;
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
import dev.cookbook.crypto.rsa.RsaKey;
import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code cookbook decrypt}: what {@code encrypt} or {@code openssl enc} wrote. */
@Command(
        name = "decrypt",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Decrypt what 'cookbook encrypt' or 'openssl enc' wrote.",
            "The cookbook format needs only the password: its header names the rest, and a wrong password or "
                    + "any change to the data is an error (exit 3) that leaves no output file. openssl's format "
                    + "(recognised by 'Salted__') says nothing of its cipher: give -c, and --kdf/--iter if not "
                    + "the defaults.",
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  cookbook decrypt --pass env:PASSWORD -o report.pdf report.pdf.enc",
            "  cookbook decrypt -c des-cfb --pass env:PASSWORD < old.enc > old.txt     # from openssl enc",
            "  cookbook decrypt -c arc4 -K 000102030405060708090a0b0c0d0e0f -o plain.bin raw.bin",
            "  cookbook decrypt --identity key.pem -o in in.enc",
        })
@ExitCodes.Returns({ExitCodes.BAD_DATA, ExitCodes.IO_ERROR, ExitCodes.CLOSED_PIPE})
public final class DecryptCommand implements Callable<Integer> {
    @Mixin
    private CipherOptions cipher;

    @Mixin
    private InputOptions input;

    @Mixin
    private OutputOptions output;

    @Mixin
    private PasswordOption password;

    @Option(
            names = "--identity",
            paramLabel = "KEY",
            description = "Decrypt with this RSA private key a file "
                    + "encrypted to its public key (--pass then unlocks the key file, if encrypted).")
    private String identity;

    @Mixin
    private ProgressOptions progress;

    @Spec
    private CommandSpec spec;

    private Secret identity(Stdio stdio, Diagnostics say) throws IOException, CryptoException {
        RsaKey key = KeyReader.read(identity, password, stdio, say::warn);
        if (key.privateKey() == null) {
            throw new CommandFailure(
                    ExitCodes.BAD_DATA, Messages.quote(identity) + " holds no private key: decrypting needs one");
        }
        return new Secret.Identity(key.privateKey(), key.publicKey());
    }

    @Override
    public Integer call() throws IOException, CryptoException {
        if (cipher.list) {
            cipher.printList();
            return ExitCodes.OK;
        }
        EncryptionOptions options = cipher.toOptions(true);
        cipher.refuseWithRawKey("--pass", password.given());
        cipher.refuseWithRawKey("--identity", identity != null);
        if (password.readsStdin() && input.isStdin()) {
            throw new ParameterException(spec.commandLine(), "--pass stdin and the data cannot both come from stdin");
        }
        Stdio stdio = Stdio.of(spec);
        Diagnostics say = Diagnostics.of(spec);
        FileCipher files = new FileCipher();
        FileCipher.Result result;
        try (InputStream in = input.open(stdio);
                Output out = output.open(stdio, Output.Kind.SECRET, input.path())) {
            Secret secret = cipher.raw()
                    ? cipher.rawSecret()
                    : identity != null
                            ? identity(stdio, say)
                            : new Secret.Password(password.read(stdio, say::warn, false));
            try (ProgressBar p = progress.start(stdio, output.isStdout(), files::bytesRead, input::size)) {
                result = files.decrypt(in, out.stream(), options, secret);
                out.commit();
            } finally {
                secret.destroy();
            }
        }
        CipherOptions.warnLegacy(say, result.cipher());
        if (result.format() == Format.OPENSSL && cipher.cipher == null) {
            say.warn("openssl's format does not record its cipher: assumed "
                    + CipherOptions.CipherChoice.name(result.cipher()) + " (give -c if it was another)");
        }
        if (result.format() != Format.COOKBOOK) {
            String secretName = result.format() == Format.RAW ? "key" : "password";
            say.warn("the " + (result.format() == Format.RAW ? "raw" : "openssl") + " format is not authenticated: "
                    + "a wrong " + secretName + " or damaged data gives garbage, not an error");
        }
        if (cipher.printOpenssl) {
            if (result.format() == Format.COOKBOOK) {
                say.warn("--print-openssl: the cookbook format has no openssl equivalent");
            } else {
                say.line(OpensslCommandLine.of(result, true, input.name(), output.name()));
            }
        }
        return ExitCodes.OK;
    }
}
