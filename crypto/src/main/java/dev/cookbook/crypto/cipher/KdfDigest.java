package dev.cookbook.crypto.cipher;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import org.bouncycastle.crypto.Digest;
import org.bouncycastle.crypto.digests.MD5Digest;
import org.bouncycastle.crypto.digests.SHA1Digest;
import org.bouncycastle.crypto.digests.SHA224Digest;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.digests.SHA384Digest;
import org.bouncycastle.crypto.digests.SHA512Digest;

/**
 * The digest a {@link Kdf} runs on: {@code openssl enc -md}. SHA-256 is openssl's default since
 * 1.1.0 for both derivations; MD5 was the default of EVP_BytesToKey before.
 */
public enum KdfDigest {
    MD5("md5", "MD5"),
    SHA1("sha1", "SHA-1"),
    SHA224("sha224", "SHA-224"),
    SHA256("sha256", "SHA-256"),
    SHA384("sha384", "SHA-384"),
    SHA512("sha512", "SHA-512");

    private final String opensslName;
    private final String jdkName;

    KdfDigest(String opensslName, String jdkName) {
        this.opensslName = opensslName;
        this.jdkName = jdkName;
    }

    /** The name {@code openssl enc -md} takes: {@code sha256}. */
    public String opensslName() {
        return opensslName;
    }

    MessageDigest newJdkDigest() {
        try {
            return MessageDigest.getInstance(jdkName);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the Java runtime lacks " + jdkName, e);
        }
    }

    /** The JDK's PBKDF2 algorithm name, or null where the JDK has none (MD5). */
    String jdkPbkdf2() {
        return this == MD5 ? null : "PBKDF2WithHmac" + jdkName.replace("-", "");
    }

    Digest newBcDigest() {
        return switch (this) {
            case MD5 -> new MD5Digest();
            case SHA1 -> new SHA1Digest();
            case SHA224 -> new SHA224Digest();
            case SHA256 -> new SHA256Digest();
            case SHA384 -> new SHA384Digest();
            case SHA512 -> new SHA512Digest();
        };
    }
}
