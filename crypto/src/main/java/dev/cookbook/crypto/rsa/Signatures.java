package dev.cookbook.crypto.rsa;

import dev.cookbook.crypto.CryptoException;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.SignatureException;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import org.bouncycastle.crypto.Digest;
import org.bouncycastle.crypto.digests.MD5Digest;
import org.bouncycastle.crypto.digests.SHA1Digest;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.digests.SHA384Digest;
import org.bouncycastle.crypto.digests.SHA512Digest;
import org.bouncycastle.crypto.generators.MGF1BytesGenerator;
import org.bouncycastle.crypto.params.MGFParameters;

/**
 * RSA signatures over streams of any length, PKCS#1 v1.5 or PSS, as {@code openssl dgst -sign}
 * and {@code -verify} make and check them.
 *
 * <p>PSS signatures are made with MGF1 over the same digest and a salt as long as the digest.
 * They are verified with whatever salt length the signature carries (openssl's {@code auto}): the
 * length is read from the signature itself, so signatures made by openssl, whose default is the
 * maximum salt, verify too. Stateless and thread-safe.
 */
public final class Signatures {
    private static final int BUFFER = 64 << 10;

    private Signatures() {}

    /**
     * Signs everything {@code data} holds.
     *
     * @throws IllegalArgumentException PSS with md5, which the JDK does not implement
     */
    public static byte[] sign(InputStream data, PrivateKey key, SignatureHash hash, boolean pss)
            throws IOException, CryptoException {
        requireSupported(hash, pss);
        try {
            Signature s = pss ? pss(hash, hash.length()) : Signature.getInstance(hash.pkcs1Algorithm());
            s.initSign(key);
            feed(data, s);
            return s.sign();
        } catch (InvalidKeyException e) {
            throw new CryptoException("cannot sign with this key: " + e.getMessage());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * True if {@code signature} is {@code key}'s signature of everything {@code data} holds.
     * A malformed signature is simply not valid.
     *
     * @throws IllegalArgumentException PSS with md5, which the JDK does not implement
     */
    public static boolean verify(InputStream data, RSAPublicKey key, SignatureHash hash, boolean pss, byte[] signature)
            throws IOException {
        requireSupported(hash, pss);
        try {
            Signature s;
            if (pss) {
                int saltLength = pssSaltLength(key, hash, signature);
                if (saltLength < 0) {
                    drain(data);
                    return false;
                }
                s = pss(hash, saltLength);
            } else {
                s = Signature.getInstance(hash.pkcs1Algorithm());
            }
            s.initVerify(key);
            feed(data, s);
            return s.verify(signature);
        } catch (SignatureException | InvalidKeyException e) {
            return false;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void requireSupported(SignatureHash hash, boolean pss) {
        if (pss && hash == SignatureHash.MD5) {
            throw new IllegalArgumentException("RSA-PSS with md5 is not supported: use PKCS#1 v1.5 or a SHA-2 hash");
        }
    }

    private static Signature pss(SignatureHash hash, int saltLength) throws GeneralSecurityException {
        Signature s = Signature.getInstance("RSASSA-PSS");
        s.setParameter(new PSSParameterSpec(
                hash.jdkName(),
                "MGF1",
                new MGF1ParameterSpec(hash.jdkName()),
                saltLength,
                PSSParameterSpec.TRAILER_FIELD_BC));
        return s;
    }

    /**
     * The salt length a PSS signature was made with, found by opening its encoding (RFC 8017,
     * EMSA-PSS verification steps 1 to 10) up to the salt; -1 if it is not a PSS encoding at all.
     * The full check against the data is then the JDK's, with that length.
     */
    static int pssSaltLength(RSAPublicKey key, SignatureHash hash, byte[] signature) {
        BigInteger n = key.getModulus();
        int modBits = n.bitLength();
        int emBits = modBits - 1;
        int emLen = (emBits + 7) / 8;
        int hLen = hash.length();
        BigInteger s = new BigInteger(1, signature);
        if (signature.length != (modBits + 7) / 8 || s.compareTo(n) >= 0 || emLen < hLen + 2) {
            return -1;
        }
        byte[] em = toFixedLength(s.modPow(key.getPublicExponent(), n), emLen);
        if (em[emLen - 1] != (byte) 0xbc) {
            return -1;
        }
        int dbLen = emLen - hLen - 1;
        byte[] db = new byte[dbLen];
        MGF1BytesGenerator mgf = new MGF1BytesGenerator(digest(hash));
        byte[] h = new byte[hLen];
        System.arraycopy(em, dbLen, h, 0, hLen);
        mgf.init(new MGFParameters(h));
        mgf.generateBytes(db, 0, dbLen);
        for (int i = 0; i < dbLen; i++) {
            db[i] ^= em[i];
        }
        db[0] &= (byte) (0xff >>> (8 * emLen - emBits));
        int i = 0;
        while (i < dbLen && db[i] == 0) {
            i++;
        }
        return i < dbLen && db[i] == 1 ? dbLen - i - 1 : -1;
    }

    private static Digest digest(SignatureHash hash) {
        return switch (hash) {
            case SHA256 -> new SHA256Digest();
            case SHA384 -> new SHA384Digest();
            case SHA512 -> new SHA512Digest();
            case SHA1 -> new SHA1Digest();
            case MD5 -> new MD5Digest();
        };
    }

    private static byte[] toFixedLength(BigInteger v, int length) {
        byte[] b = v.toByteArray();
        byte[] out = new byte[length];
        int copy = Math.min(b.length, length);
        System.arraycopy(b, b.length - copy, out, length - copy, copy);
        return out;
    }

    private static void feed(InputStream in, Signature s) throws IOException, SignatureException {
        byte[] buf = new byte[BUFFER];
        int n;
        while ((n = in.read(buf)) >= 0) {
            s.update(buf, 0, n);
        }
    }

    private static void drain(InputStream in) throws IOException {
        in.transferTo(java.io.OutputStream.nullOutputStream());
    }
}
