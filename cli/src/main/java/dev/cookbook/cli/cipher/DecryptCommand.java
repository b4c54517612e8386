package dev.cookbook.cli.cipher;

import dev.cookbook.cli.CommandFailure;
import dev.cookbook.cli.ExitCodes;
import dev.cookbook.cli.Stdio;
import dev.cookbook.cli.common.IoOptions;
import dev.cookbook.cli.common.KeyReader;
import dev.cookbook.cli.common.Messages;
import dev.cookbook.cli.common.Messenger;
import dev.cookbook.cli.common.PasswordOption;
import dev.cookbook.cli.common.ProgressBar;
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
            "  cookbook decrypt --pass env:PASSWORD -i report.pdf.enc -o report.pdf",
            "  cookbook decrypt -c des-cfb --pass env:PASSWORD < old.enc > old.txt     # from openssl enc",
            "  cookbook decrypt -c arc4 -K 000102030405060708090a0b0c0d0e0f -i raw.bin -o plain.bin",
            "  cookbook decrypt --identity key.pem -i in.enc -o in",
        })
@ExitCodes.Returns({ExitCodes.BAD_DATA, ExitCodes.IO_ERROR, ExitCodes.CLOSED_PIPE})
public final class DecryptCommand implements Callable<Integer> {
    @Mixin
    private CipherOptions cipher;

    @Mixin
    private IoOptions io;

    @Mixin
    private PasswordOption password;

    @Option(
            names = "--identity",
            paramLabel = "KEY",
            description = "Decrypt with this RSA private key a file "
                    + "encrypted to its public key (--pass then unlocks the key file, if encrypted).")
    private String identity;

    @Spec
    private CommandSpec spec;

    private Secret identity(Stdio stdio, Messenger say) throws IOException, CryptoException {
        if (cipher.raw()) {
            throw new ParameterException(spec.commandLine(), "--identity and -K do not go together");
        }
        RsaKey key = KeyReader.read(identity, password, stdio, say::warn);
        if (key.privateKey() == null) {
            throw new CommandFailure(
                    ExitCodes.BAD_DATA, Messages.quote(identity) + " holds no private key: " + "decrypting needs one");
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
        if (password.readsStdin() && io.inputIsStdin()) {
            throw new ParameterException(spec.commandLine(), "--pass stdin and the data cannot both come from stdin");
        }
        Stdio stdio = Stdio.of(spec);
        Messenger say = new Messenger(spec);
        Secret secret = cipher.raw()
                ? cipher.rawSecret()
                : identity != null ? identity(stdio, say) : new Secret.Password(password.read(stdio, say::warn, false));
        FileCipher files = new FileCipher();
        FileCipher.Result result;
        try (InputStream in = io.openInput(stdio);
                IoOptions.Output out = io.openOutput(stdio, false);
                ProgressBar p = io.progressBar(stdio, files::bytesRead)) {
            result = files.decrypt(in, out.stream(), options, secret);
            out.commit();
        } finally {
            secret.destroy();
        }
        say.warn(CipherOptions.legacyWarning(result.cipher()));
        if (result.format() == Format.OPENSSL && cipher.cipher == null) {
            say.warn("warning: openssl's format does not record its cipher: assumed " + result.cipher()
                    + " (give -c if it was another)");
        }
        if (result.format() != Format.COOKBOOK) {
            say.warn("warning: the " + (result.format() == Format.RAW ? "raw" : "openssl") + " format is not "
                    + "authenticated: a wrong " + (result.format() == Format.RAW ? "key" : "password")
                    + " or damaged data gives garbage, not an error");
        }
        if (cipher.printOpenssl) {
            if (result.format() == Format.COOKBOOK) {
                say.warn("--print-openssl: the cookbook format has no openssl equivalent");
            } else {
                say.line(OpensslCommandLine.of(result, true, io.in, io.out));
            }
        }
        return ExitCodes.OK;
    }
}
