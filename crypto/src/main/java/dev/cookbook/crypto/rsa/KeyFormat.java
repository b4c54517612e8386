package dev.cookbook.crypto.rsa;

/** The kinds of RSA key file that openssl and ssh tooling write, each in PEM or DER. */
public enum KeyFormat {
    /** {@code BEGIN PRIVATE KEY}: PKCS#8 PrivateKeyInfo. */
    PKCS8("PKCS#8", true),
    /** {@code BEGIN ENCRYPTED PRIVATE KEY}: PKCS#8 EncryptedPrivateKeyInfo (PBES2). */
    ENCRYPTED_PKCS8("encrypted PKCS#8", true),
    /** {@code BEGIN RSA PRIVATE KEY}: PKCS#1 RSAPrivateKey, {@code openssl genrsa -traditional}; maybe encrypted. */
    PKCS1("PKCS#1", true),
    /** {@code BEGIN RSA PUBLIC KEY}: PKCS#1 RSAPublicKey. */
    PKCS1_PUBLIC("PKCS#1 public key", false),
    /** {@code BEGIN PUBLIC KEY}: X.509 SubjectPublicKeyInfo. */
    SPKI("SPKI public key", false),
    /** {@code BEGIN CERTIFICATE}: an X.509 certificate, for its public key. */
    CERTIFICATE("X.509 certificate", false);

    private final String label;
    private final boolean isPrivate;

    KeyFormat(String label, boolean isPrivate) {
        this.label = label;
        this.isPrivate = isPrivate;
    }

    /** How {@code key inspect} names it: {@code PKCS#8}, {@code SPKI public key}. */
    public String label() {
        return label;
    }

    public boolean holdsPrivateKey() {
        return isPrivate;
    }
}
