package dev.cookbook.cli.cipher;

import dev.cookbook.cli.common.Messages;
import dev.cookbook.crypto.cipher.FileCipher;
import dev.cookbook.crypto.cipher.Format;
import dev.cookbook.crypto.cipher.Kdf;
import java.util.HexFormat;

/**
 * {@code --print-openssl}: the {@code openssl enc} command that does what cookbook just did, so a
 * user can check us with the tool they trust. Secrets never appear: the key and IV of a raw run
 * are left as {@code $KEY} and {@code $IV}, the password as a {@code -pass} spec to fill in.
 */
public final class OpensslCommandLine {
    private OpensslCommandLine() {}

    /**
     * @param in  the input file, or null for standard input
     * @param out the output file, or null for standard output
     */
    static String of(FileCipher.Result r, boolean decrypt, String in, String out) {
        StringBuilder sb = new StringBuilder("openssl enc");
        if (decrypt) {
            sb.append(" -d");
        }
        sb.append(" -").append(r.cipher().opensslName());
        if (r.format() == Format.RAW) {
            sb.append(" -K \"$KEY\"");
            if (r.cipher().ivLength() > 0) {
                sb.append(" -iv \"$IV\"");
            }
        } else {
            if (r.kdf() == Kdf.PBKDF2_SHA256) {
                sb.append(" -pbkdf2 -iter ").append(r.iterations()).append(" -md sha256");
            } else {
                sb.append(" -md md5");
            }
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
}
