package dev.cookbook.cli.cipher;

import dev.cookbook.cli.CommandFailure;
import dev.cookbook.cli.ErrorHints;
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
import dev.cookbook.crypto.AuthenticationException;
import dev.cookbook.crypto.CryptoException;
import dev.cookbook.crypto.cipher.Encoding;
import dev.cookbook.crypto.cipher.EncryptionOptions;
import dev.cookbook.crypto.cipher.FileCipher;
import dev.cookbook.crypto.cipher.Format;
import dev.cookbook.crypto.cipher.Secret;
import dev.cookbook.crypto.cipher.WrongFormatException;
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
            "The cookbook format needs only the password, or --identity for a file encrypted to public keys: its "
                    + "header names the rest, and a wrong password or any change to the data is an error (exit 3) "
                    + "that leaves no output file.",
            "openssl's format ('Salted__') records nothing but its salt: give --openssl, which assumes what a plain "
                    + "'openssl enc -pass ...' uses (EVP_BytesToKey over sha256) and says so, and -c, --pbkdf2, "
                    + "--iter or --md as the file was made. Nothing can tell a wrong password or option from the "
                    + "right one there: the output is garbage.",
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  cookbook decrypt --pass env:PASSWORD -o report.pdf report.pdf.enc",
            "  cookbook decrypt --openssl -c des3 --pass env:PASSWORD -o old.txt old.enc    # from openssl enc -des3",
            "  cookbook decrypt --openssl -a -c rc4 --pbkdf2 --pass env:PASSWORD old.b64    # from openssl enc -rc4 -a -pbkdf2",
            "  cookbook decrypt -c arc4 -K 000102030405060708090a0b0c0d0e0f -o plain.bin raw.bin",
            "  cookbook decrypt --identity key.pem -o in in.enc",
        })
@ExitCodes.Returns({ExitCodes.BAD_DATA, ExitCodes.IO_ERROR, ExitCodes.CLOSED_PIPE})
public final class DecryptCommand implements Callable<Integer>, ErrorHints {
    @Mixin
    CipherOptions cipher;

    @Mixin
    InputOptions input;

    @Mixin
    OutputOptions output;

    @Mixin
    PasswordOption password;

    @Option(
            names = "--identity",
            paramLabel = "KEY",
            description = "Decrypt with this RSA private key a file "
                    + "encrypted to its public key (--pass then unlocks the key file, if encrypted).")
    String identity;

    @Mixin
    ProgressOptions progress;

    @Spec
    CommandSpec spec;

    private Secret identity(Stdio stdio, Diagnostics say) throws IOException, CryptoException {
        RsaKey key = KeyReader.read(identity, password, stdio, say::warn);
        if (key.privateKey() == null) {
            throw new CommandFailure(
                    ExitCodes.BAD_DATA, Messages.quote(identity) + " holds no private key: decrypting needs one");
        }
        return new Secret.Identity(key.privateKey(), key.publicKey());
    }

    /**
     * The secret the input's header asks for: its private key if it is encrypted to public keys
     * only, else the password; a usage error, before any prompt, where the options do not fit.
     */
    private Secret secretFor(FileCipher.Envelope envelope, Secret.RawKey raw, Stdio stdio, Diagnostics say)
            throws IOException, CryptoException {
        if (raw != null) {
            return raw;
        }
        String file = input.name() != null ? Messages.quote(input.name()) : "the input";
        if (envelope.publicKeys() && !envelope.password() && identity == null) {
            throw new CommandFailure(
                    ExitCodes.USAGE,
                    file + " is encrypted to public keys: give --identity KEY, the private key of one of them",
                    null,
                    null);
        }
        if (!envelope.publicKeys() && identity != null) {
            throw new CommandFailure(
                    ExitCodes.USAGE,
                    file + " is encrypted with a password, not to public keys: drop --identity",
                    null,
                    null);
        }
        return identity != null ? identity(stdio, say) : new Secret.Password(password.read(stdio, say::warn, false));
    }

    @Override
    public String hint(Exception failure) {
        if (failure instanceof AuthenticationException && (cipher.derivationGiven() || cipher.openssl)) {
            return "openssl's format records only its salt: check -c, --md, --pbkdf2 and --iter against how it was made";
        }
        if (!(failure instanceof WrongFormatException e)) {
            return null;
        }
        if (e.foundEncoding() == Encoding.BASE64) {
            return "add -a: it is base64 text, as 'openssl enc -a' writes it";
        }
        if (e.foundEncoding() == Encoding.BINARY && cipher.base64) {
            return "drop -a: the file is binary";
        }
        if (cipher.raw()) {
            return e.found() == Format.OPENSSL
                    ? "drop -K and --iv, and give --openssl with --pass"
                    : "drop -K and --iv, and give --pass or --identity";
        }
        return e.found() == Format.OPENSSL
                ? "add --openssl to read it with openssl enc's defaults, and -c, --pbkdf2, --iter or --md as it was made"
                : "drop --openssl, --kdf, --pbkdf2, --md and --iter: the cookbook format records how it was made";
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
        Secret.RawKey raw = cipher.raw() ? cipher.rawSecret() : null;
        Stdio stdio = Stdio.of(spec);
        Diagnostics say = Diagnostics.of(spec);
        FileCipher files = new FileCipher();
        FileCipher.Result result;
        Secret[] used = {null};
        ProgressBar[] bar = {null}; // started once the secret is known: a prompt comes first
        try (InputStream in = input.open(stdio);
                Output out = output.open(stdio, Output.Kind.SECRET, input.path())) {
            result = files.decrypt(in, out.stream(), options, envelope -> {
                used[0] = secretFor(envelope, raw, stdio, say);
                bar[0] = progress.start(stdio, output.isStdout(), files::bytesRead, input::size);
                return used[0];
            });
            out.commit();
        } finally {
            if (bar[0] != null) {
                bar[0].close();
            }
            if (used[0] != null) {
                used[0].destroy();
            }
        }
        CipherOptions.warnLegacy(say, result.cipher());
        if (result.format() == Format.OPENSSL) {
            String assumed = cipher.assumed(options);
            if (assumed != null) {
                say.warn(assumed);
            }
        }
        if (result.format() != Format.COOKBOOK) {
            String secretName = result.format() == Format.RAW ? "key" : "password";
            say.warn("the " + (result.format() == Format.RAW ? "raw" : "openssl") + " format is not authenticated: "
                    + (result.cipher().padded()
                            ? "CBC's padding check at its end catches most wrong " + secretName + "s, not damage"
                            : "a wrong " + secretName + " or damaged data gives garbage, not an error"));
        }
        if (cipher.printOpenssl) {
            if (result.format() == Format.COOKBOOK) {
                say.warn("--print-openssl: the cookbook format has no openssl equivalent");
            } else if (!cipher.opensslTakesRawKey()) {
                say.warn(CipherOptions.RC4_KEY_PADDED);
            } else {
                say.line(OpensslCommandLine.of(result, true, input.name(), output.name()));
            }
        }
        return ExitCodes.OK;
    }
}
