package dev.cookbook.crypto.rsa;

import static dev.cookbook.crypto.rsa.RsaTestSupport.flipBit;
import static dev.cookbook.crypto.rsa.RsaTestSupport.pseudoRandomBytes;
import static dev.cookbook.crypto.rsa.RsaTestSupport.publicKey;
import static dev.cookbook.crypto.rsa.RsaTestSupport.stream;
import static dev.cookbook.crypto.rsa.RsaTestSupport.utf8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cookbook.crypto.CryptoException;
import dev.cookbook.crypto.rsa.RsaTestSupport.TestKeys;
import java.io.InputStream;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.bouncycastle.crypto.Digest;
import org.bouncycastle.crypto.digests.MD5Digest;
import org.bouncycastle.crypto.digests.SHA1Digest;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.digests.SHA384Digest;
import org.bouncycastle.crypto.digests.SHA512Digest;
import org.bouncycastle.crypto.engines.RSABlindedEngine;
import org.bouncycastle.crypto.params.ParametersWithRandom;
import org.bouncycastle.crypto.signers.PSSSigner;
import org.bouncycastle.crypto.util.PrivateKeyFactory;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link Signatures} in process: its signatures against the JDK's and Bouncy Castle's own
 * implementations of PKCS#1 v1.5 and PSS, streaming past its buffer, PSS of any salt length, and
 * forged, damaged and malformed signatures, which are simply not valid. openssl's view is
 * {@link SignaturesOpensslInteropTest}'s.
 */
class SignaturesTest {
    static final byte[] MESSAGE = utf8("The quick brown fox jumps over the lazy dog\n");
    /** More than Signatures' 64 KiB buffer and no multiple of it. */
    static final int LARGE = (1 << 20) + 7;
    /** The digests' JDK names, written out here rather than taken from {@link SignatureHash}. */
    static final Map<SignatureHash, String> JDK_DIGESTS = Map.of(
            SignatureHash.SHA256,
            "SHA-256",
            SignatureHash.SHA384,
            "SHA-384",
            SignatureHash.SHA512,
            "SHA-512",
            SignatureHash.SHA1,
            "SHA-1",
            SignatureHash.MD5,
            "MD5");

    /** A hash and a padding: PSS, or PKCS#1 v1.5. */
    record Scheme(SignatureHash hash, boolean pss) {
        byte[] sign(PrivateKey key, byte[] data) throws Exception {
            return Signatures.sign(stream(data), key, hash, pss);
        }

        boolean verify(RSAPublicKey key, byte[] data, byte[] signature) throws Exception {
            return Signatures.verify(stream(data), key, hash, pss, signature);
        }

        /** The other padding with the same hash. */
        Scheme otherPadding() {
            return new Scheme(hash, !pss);
        }

        /** Another hash with the same padding. */
        Scheme otherHash() {
            return new Scheme(hash == SignatureHash.SHA256 ? SignatureHash.SHA512 : SignatureHash.SHA256, pss);
        }

        @Override
        public String toString() {
            return hash.name().toLowerCase(java.util.Locale.ROOT) + (pss ? " PSS" : " PKCS#1 v1.5");
        }
    }

    /** Every hash with both paddings but md5 with PSS, which the JDK lacks ({@link #md5WithPss}). */
    static Stream<Scheme> schemes() {
        List<Scheme> out = new ArrayList<>();
        for (SignatureHash hash : SignatureHash.values()) {
            out.add(new Scheme(hash, false));
            if (hash != SignatureHash.MD5) {
                out.add(new Scheme(hash, true));
            }
        }
        return out.stream();
    }

    static Stream<SignatureHash> pssHashes() {
        return Stream.of(SignatureHash.values()).filter(h -> h != SignatureHash.MD5);
    }

    private static KeyPair alice() {
        return TestKeys.alice();
    }

    /**
     * The JDK's own signature engine for {@code scheme}, parameters spelt out here: PSS with MGF1
     * over the same digest, a salt of {@code saltLength} bytes and the trailer field 1.
     */
    static Signature jdkSignature(Scheme scheme, int saltLength) throws Exception {
        String digest = JDK_DIGESTS.get(scheme.hash());
        if (!scheme.pss()) {
            return Signature.getInstance(digest.replace("-", "") + "withRSA");
        }
        Signature s = Signature.getInstance("RSASSA-PSS");
        s.setParameter(new PSSParameterSpec(digest, "MGF1", new MGF1ParameterSpec(digest), saltLength, 1));
        return s;
    }

    static boolean jdkVerify(Scheme scheme, RSAPublicKey key, byte[] data, byte[] signature) throws Exception {
        Signature s = jdkSignature(scheme, scheme.hash().length());
        s.initVerify(key);
        s.update(data);
        return s.verify(signature);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("schemes")
    @DisplayName("a signature is as long as the modulus, verifies, and verifies with the JDK's own engine")
    void signAndVerify(Scheme scheme) throws Exception {
        byte[] signature = scheme.sign(alice().getPrivate(), MESSAGE);

        assertEquals(256, signature.length);
        assertTrue(scheme.verify(publicKey(alice()), MESSAGE, signature));
        assertTrue(jdkVerify(scheme, publicKey(alice()), MESSAGE, signature), "the JDK's verification");
    }

    @ParameterizedTest
    @EnumSource(SignatureHash.class)
    @DisplayName("PKCS#1 v1.5 is deterministic: byte for byte the JDK's signature")
    void pkcs1IsTheJdksSignature(SignatureHash hash) throws Exception {
        Scheme scheme = new Scheme(hash, false);
        Signature jdk = jdkSignature(scheme, 0);
        jdk.initSign(alice().getPrivate());
        jdk.update(MESSAGE);

        assertArrayEquals(jdk.sign(), scheme.sign(alice().getPrivate(), MESSAGE));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("schemes")
    @DisplayName("1 MiB + 7 bytes are signed and verified streamed, as the JDK signs them in one piece")
    void largeInput(Scheme scheme) throws Exception {
        byte[] data = pseudoRandomBytes(LARGE);

        byte[] signature = scheme.sign(alice().getPrivate(), data);

        assertTrue(jdkVerify(scheme, publicKey(alice()), data, signature), "the JDK's verification");
        assertTrue(scheme.verify(publicKey(alice()), data, signature));
        assertFalse(scheme.verify(publicKey(alice()), Arrays.copyOf(data, LARGE - 1), signature), "one byte short");
    }

    @ParameterizedTest
    @MethodSource("pssHashes")
    @DisplayName("our PSS signatures carry a salt as long as the digest")
    void pssSaltIsDigestLength(SignatureHash hash) throws Exception {
        byte[] signature = new Scheme(hash, true).sign(alice().getPrivate(), MESSAGE);

        assertEquals(hash.length(), Signatures.pssSaltLength(publicKey(alice()), hash, signature));
    }

    @ParameterizedTest
    @MethodSource("pssHashes")
    @DisplayName("PSS signatures of any salt length verify (made by Bouncy Castle: 0, 1, 20, the digest's, the most)")
    void pssOfAnySaltLength(SignatureHash hash) throws Exception {
        int most = 256 - hash.length() - 2; // emLen - hLen - 2 for a 2048-bit modulus
        for (int saltLength : new int[] {0, 1, 20, hash.length(), most}) {
            byte[] signature = bouncyCastlePss(alice().getPrivate(), hash, saltLength, MESSAGE);

            assertEquals(saltLength, Signatures.pssSaltLength(publicKey(alice()), hash, signature), "salt length");
            assertTrue(
                    Signatures.verify(stream(MESSAGE), publicKey(alice()), hash, true, signature),
                    "salt of " + saltLength);
            assertFalse(
                    Signatures.verify(stream(utf8("another message")), publicKey(alice()), hash, true, signature),
                    "another message, salt of " + saltLength);
        }
    }

    /** A PSS signature by Bouncy Castle's own signer: MGF1 over the same digest, trailer 0xbc. */
    static byte[] bouncyCastlePss(PrivateKey key, SignatureHash hash, int saltLength, byte[] data) throws Exception {
        PSSSigner signer = new PSSSigner(new RSABlindedEngine(), bouncyCastleDigest(hash), saltLength);
        signer.init(true, new ParametersWithRandom(PrivateKeyFactory.createKey(key.getEncoded()), new SecureRandom()));
        signer.update(data, 0, data.length);
        return signer.generateSignature();
    }

    private static Digest bouncyCastleDigest(SignatureHash hash) {
        return switch (hash) {
            case SHA256 -> new SHA256Digest();
            case SHA384 -> new SHA384Digest();
            case SHA512 -> new SHA512Digest();
            case SHA1 -> new SHA1Digest();
            case MD5 -> new MD5Digest();
        };
    }

    // ---------------------------------------------------------------------- invalid signatures

    /** Ways a signature can fail to be the signer's signature of the message. */
    enum Forgery {
        MODIFIED_MESSAGE,
        FLIPPED_BIT_IN_THE_MIDDLE,
        FLIPPED_LAST_BIT,
        ANOTHER_KEYS_SIGNATURE,
        TRUNCATED,
        LEADING_ZERO_BYTE,
        ALL_ZERO,
        THE_MODULUS,
        ALL_ONES,
        EMPTY,
        OTHER_PADDING,
        OTHER_HASH
    }

    /** What is verified: the data and signature, against Alice's key, with {@code scheme}. */
    record Attempt(byte[] data, byte[] signature) {}

    static Attempt forge(Scheme scheme, Forgery forgery) throws Exception {
        PrivateKey key = alice().getPrivate();
        byte[] genuine = scheme.sign(key, MESSAGE);
        byte[] modulus = unsigned(publicKey(alice()).getModulus().toByteArray());
        return switch (forgery) {
            case MODIFIED_MESSAGE -> new Attempt(flipBit(MESSAGE, 4, 5), genuine);
            case FLIPPED_BIT_IN_THE_MIDDLE -> new Attempt(MESSAGE, flipBit(genuine, genuine.length / 2, 3));
            case FLIPPED_LAST_BIT -> new Attempt(MESSAGE, flipBit(genuine, genuine.length - 1, 0));
            case ANOTHER_KEYS_SIGNATURE ->
                new Attempt(MESSAGE, scheme.sign(TestKeys.bob().getPrivate(), MESSAGE));
            case TRUNCATED -> new Attempt(MESSAGE, Arrays.copyOf(genuine, genuine.length - 1));
            case LEADING_ZERO_BYTE -> new Attempt(MESSAGE, prependZero(genuine));
            case ALL_ZERO -> new Attempt(MESSAGE, new byte[genuine.length]);
            case THE_MODULUS -> new Attempt(MESSAGE, modulus);
            case ALL_ONES -> {
                byte[] ones = new byte[genuine.length];
                Arrays.fill(ones, (byte) 0xff);
                yield new Attempt(MESSAGE, ones);
            }
            case EMPTY -> new Attempt(MESSAGE, new byte[0]);
            case OTHER_PADDING -> new Attempt(MESSAGE, scheme.otherPadding().sign(key, MESSAGE));
            case OTHER_HASH -> new Attempt(MESSAGE, scheme.otherHash().sign(key, MESSAGE));
        };
    }

    /** Every scheme with every forgery, but a md5 PSS signature as md5 PKCS#1's other padding. */
    static Stream<Arguments> forgeries() {
        return schemes()
                .flatMap(scheme -> Stream.of(Forgery.values())
                        .filter(f -> !(f == Forgery.OTHER_PADDING && scheme.hash() == SignatureHash.MD5))
                        .map(f -> Arguments.of(scheme, f)));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("forgeries")
    @DisplayName("a forged, damaged or malformed signature is not valid: false, no exception, "
            + "the input read to its end")
    void invalidSignature(Scheme scheme, Forgery forgery) throws Exception {
        Attempt attempt = forge(scheme, forgery);
        InputStream data = stream(attempt.data());

        assertFalse(Signatures.verify(data, publicKey(alice()), scheme.hash(), scheme.pss(), attempt.signature()));
        assertEquals(-1, data.read(), "the input is read to its end");
    }

    @ParameterizedTest
    @MethodSource("pssHashes")
    @DisplayName("pssSaltLength is -1 for what is no PSS encoding: PKCS#1 v1.5, zeros, too long, too short, >= n")
    void noPssEncoding(SignatureHash hash) throws Exception {
        RSAPublicKey key = publicKey(alice());
        byte[] pkcs1 = new Scheme(hash, false).sign(alice().getPrivate(), MESSAGE);
        byte[] ones = new byte[256];
        Arrays.fill(ones, (byte) 0xff);

        for (byte[] signature : List.of(
                pkcs1,
                new byte[256],
                prependZero(pkcs1),
                Arrays.copyOf(pkcs1, 255),
                ones,
                unsigned(key.getModulus().toByteArray()))) {
            assertEquals(-1, Signatures.pssSaltLength(key, hash, signature));
        }
    }

    // ----------------------------------------------------------------------------- the limits

    @Test
    @DisplayName("md5 with PSS (the CLI refuses it): the JDK has no such PSS, so sign and verify refuse it up front")
    void md5WithPss() throws Exception {
        PrivateKey key = alice().getPrivate();
        RSAPublicKey pub = publicKey(alice());
        byte[] genuine = bouncyCastlePss(key, SignatureHash.MD5, 16, MESSAGE);

        String refusal = "RSA-PSS with md5 is not supported: use PKCS#1 v1.5 or a SHA-2 hash";
        IllegalArgumentException signing = assertThrows(
                IllegalArgumentException.class, () -> Signatures.sign(stream(MESSAGE), key, SignatureHash.MD5, true));
        assertEquals(refusal, signing.getMessage());

        assertEquals(16, Signatures.pssSaltLength(pub, SignatureHash.MD5, genuine), "the encoding opens");
        for (byte[] signature : List.of(genuine, new Scheme(SignatureHash.SHA256, true).sign(key, MESSAGE))) {
            IllegalArgumentException verifying = assertThrows(
                    IllegalArgumentException.class,
                    () -> Signatures.verify(stream(MESSAGE), pub, SignatureHash.MD5, true, signature));
            assertEquals(refusal, verifying.getMessage());
        }
    }

    @Test
    @DisplayName("a key too short for the digest cannot sign: CryptoException 'cannot sign with this key: ...'")
    void keyTooShort() {
        KeyPair small = KeyFiles.generate(512, new SecureRandom());

        for (Scheme scheme : List.of(new Scheme(SignatureHash.SHA512, false), new Scheme(SignatureHash.SHA256, true))) {
            CryptoException e = assertThrows(
                    CryptoException.class, () -> scheme.sign(small.getPrivate(), MESSAGE), scheme::toString);
            assertTrue(e.getMessage().startsWith("cannot sign with this key: "), e.getMessage());
        }
    }

    // -------------------------------------------------------------------------------- helpers

    private static byte[] prependZero(byte[] b) {
        byte[] out = new byte[b.length + 1];
        System.arraycopy(b, 0, out, 1, b.length);
        return out;
    }

    /** A BigInteger's bytes without the sign byte it adds when the top bit is set. */
    private static byte[] unsigned(byte[] twosComplement) {
        return twosComplement[0] == 0 ? Arrays.copyOfRange(twosComplement, 1, twosComplement.length) : twosComplement;
    }
}
