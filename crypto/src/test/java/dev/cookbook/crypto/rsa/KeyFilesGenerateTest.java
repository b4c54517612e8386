package dev.cookbook.crypto.rsa;

import static dev.cookbook.crypto.rsa.RsaTestSupport.privateKey;
import static dev.cookbook.crypto.rsa.RsaTestSupport.publicKey;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@link KeyFiles#generate}: the size asked for, exponent F4, a complete and consistent CRT key. */
class KeyFilesGenerateTest {
    private static final BigInteger F4 = BigInteger.valueOf(65537);

    @ParameterizedTest(name = "{0} bits")
    @ValueSource(ints = {512, 1024, 2048})
    @DisplayName("a generated key has the requested size, exponent 65537 and consistent CRT parameters")
    void generated(int bits) {
        KeyPair pair = KeyFiles.generate(bits, new SecureRandom());

        RSAPublicKey pub = publicKey(pair);
        assertEquals(bits, pub.getModulus().bitLength(), "modulus length");
        assertEquals(F4, pub.getPublicExponent());
        assertEquals(F4, KeyFiles.EXPONENT);
        assertTrue(pair.getPrivate() instanceof RSAPrivateCrtKey, "a CRT private key");
        assertConsistentCrtKey(pub, privateKey(pair));
        assertEquals(bits, KeyFiles.of(pair).bits());
    }

    /** n = pq with both primes half the size, ed = 1 mod lcm(p-1, q-1), and the CRT values derived right. */
    private static void assertConsistentCrtKey(RSAPublicKey pub, RSAPrivateCrtKey k) {
        BigInteger p = k.getPrimeP();
        BigInteger q = k.getPrimeQ();
        BigInteger e = k.getPublicExponent();
        BigInteger d = k.getPrivateExponent();
        BigInteger pMinus1 = p.subtract(BigInteger.ONE);
        BigInteger qMinus1 = q.subtract(BigInteger.ONE);
        BigInteger lcm = pMinus1.multiply(qMinus1).divide(pMinus1.gcd(qMinus1));
        int half = pub.getModulus().bitLength() / 2;

        assertEquals(pub.getModulus(), k.getModulus(), "the same modulus in both halves");
        assertEquals(pub.getPublicExponent(), e, "the same exponent in both halves");
        assertEquals(k.getModulus(), p.multiply(q), "n = pq");
        assertTrue(p.isProbablePrime(64) && q.isProbablePrime(64), "p and q are prime");
        assertNotEquals(p, q);
        assertEquals(half, p.bitLength(), "p is half the size");
        assertEquals(half, q.bitLength(), "q is half the size");
        assertEquals(BigInteger.ONE, e.multiply(d).mod(lcm), "ed = 1 mod lcm(p-1, q-1)");
        assertEquals(d.mod(pMinus1), k.getPrimeExponentP(), "dP");
        assertEquals(d.mod(qMinus1), k.getPrimeExponentQ(), "dQ");
        assertEquals(BigInteger.ONE, q.multiply(k.getCrtCoefficient()).mod(p), "qInv q = 1 mod p");
    }

    @Test
    @DisplayName("512-bit keys are made: what is too weak is for the CLI to decide")
    void weakSizeIsMade() throws Exception {
        KeyPair pair = KeyFiles.generate(512, new SecureRandom());

        RsaKey back = KeyFiles.read(KeyFiles.write(KeyFiles.of(pair), KeyFormat.PKCS8, true, null), null);

        assertEquals(512, back.bits());
    }

    @Test
    @DisplayName("two keys are never the same")
    void keysDiffer() {
        KeyPair a = KeyFiles.generate(512, new SecureRandom());
        KeyPair b = KeyFiles.generate(512, new SecureRandom());

        assertNotEquals(publicKey(a).getModulus(), publicKey(b).getModulus());
    }

    @ParameterizedTest(name = "{0} bits")
    @ValueSource(ints = {0, 256, 511})
    @DisplayName("a size the JDK cannot make is an IllegalArgumentException naming the size")
    void impossibleSize(int bits) {
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> KeyFiles.generate(bits, new SecureRandom()));

        assertTrue(e.getMessage().startsWith("cannot make a " + bits + "-bit RSA key: "), e.getMessage());
    }
}
