package dev.cookbook.cli.cipher;

import dev.cookbook.cli.common.Messages;
import dev.cookbook.crypto.cipher.Encoding;
import dev.cookbook.crypto.cipher.EncryptionOptions;
import dev.cookbook.crypto.cipher.FileCipher;
import dev.cookbook.crypto.cipher.Format;
import dev.cookbook.crypto.cipher.Kdf;
import dev.cookbook.crypto.cipher.KdfDigest;
import java.util.HexFormat;

/**
 * The commands that read or redo what cookbook just did. {@code --print-openssl} prints the
 * {@code openssl enc} command that does the same, so a user can check us with the tool they
 * trust; encrypting openssl's format, the note names the options that decrypt it. Secrets never
 * appear: the key and IV of a raw run are left as {@code $KEY} and {@code $IV}, the password as a
 * {@code -pass} spec to fill in.
 */
final class OpensslCommandLine {
    private OpensslCommandLine() {}

    /**
     * The whole {@code openssl enc} command; encrypting, with the salt used ({@code -S}), so that it
     * writes the very same bytes.
     *
     * @param in  the input file, or null for standard input
     * @param out the output file, or null for standard output
     */
    static String of(FileCipher.Result r, boolean decrypt, String in, String out) {
        StringBuilder sb = new StringBuilder(options(r, decrypt));
        if (r.format() == Format.RAW) {
            sb.append(" -K \"$KEY\"");
            if (r.cipher().ivLength() > 0) {
                sb.append(" -iv \"$IV\"");
            }
        } else {
            if (!decrypt) {
                sb.append(" -S ").append(HexFormat.of().formatHex(r.salt()));
            }
            sb.append(" -pass env:PASSWORD");
        }
        // OpenSSL 3 keeps DES and RC4 in its legacy provider.
        sb.append(" -provider legacy -provider default");
        if (in != null) {
            sb.append(" -in ").append(Messages.quote(in));
        }
        if (out != null) {
            sb.append(" -out ").append(Messages.quote(out));
        }
        return sb.toString();
    }

    /** {@code openssl enc [-d] -CIPHER}, its key derivation and its base64 options. */
    static String options(FileCipher.Result r, boolean decrypt) {
        StringBuilder sb = new StringBuilder("openssl enc");
        if (decrypt) {
            sb.append(" -d");
        }
        sb.append(" -").append(r.cipher().opensslName());
        if (r.format() == Format.OPENSSL) {
            if (r.kdf() == Kdf.PBKDF2) {
                sb.append(" -pbkdf2 -iter ").append(r.iterations());
            }
            sb.append(" -md ").append(r.digest().opensslName());
        }
        if (r.encoding() != Encoding.BINARY) {
            sb.append(r.encoding() == Encoding.BASE64_ONE_LINE ? " -a -A" : " -a");
        }
        return sb.toString();
    }

    /** The {@code cookbook decrypt} options that read openssl's format as {@code r} wrote it. */
    static String cookbookDecrypt(FileCipher.Result r) {
        StringBuilder sb =
                new StringBuilder("cookbook decrypt --openssl -c ").append(CipherOptions.CipherChoice.name(r.cipher()));
        if (r.kdf() == Kdf.PBKDF2) {
            sb.append(" --pbkdf2");
            if (r.iterations() != EncryptionOptions.OPENSSL_ITERATIONS) {
                sb.append(" --iter ").append(r.iterations());
            }
        }
        if (r.digest() != KdfDigest.SHA256) {
            sb.append(" --md ").append(r.digest().opensslName());
        }
        if (r.encoding() != Encoding.BINARY) {
            sb.append(" -a");
        }
        return sb.toString();
    }
}
