package dev.cookbook.crypto.rsa;

/** The digests a signature can be made over, with their names in the JDK and in openssl. */
public enum SignatureHash {
    SHA256("SHA-256", "SHA256", 32, true),
    SHA384("SHA-384", "SHA384", 48, true),
    SHA512("SHA-512", "SHA512", 64, true),
    /** Collisions are practical (SHAttered, 2017): no longer safe for signatures. */
    SHA1("SHA-1", "SHA1", 20, false),
    /** Broken; the reference recipe signs with it. For checking old signatures only. */
    MD5("MD5", "MD5", 16, false);

    private final String jdkName;
    private final String jcaPrefix;
    private final int length;
    private final boolean secure;

    SignatureHash(String jdkName, String jcaPrefix, int length, boolean secure) {
        this.jdkName = jdkName;
        this.jcaPrefix = jcaPrefix;
        this.length = length;
        this.secure = secure;
    }

    /** The digest's name in the JDK: {@code SHA-256}. */
    String jdkName() {
        return jdkName;
    }

    /** The PKCS#1 v1.5 signature algorithm: {@code SHA256withRSA}. */
    String pkcs1Algorithm() {
        return jcaPrefix + "withRSA";
    }

    /** Digest length in bytes: the salt length of PSS signatures we make. */
    public int length() {
        return length;
    }

    public boolean isSecure() {
        return secure;
    }
}
