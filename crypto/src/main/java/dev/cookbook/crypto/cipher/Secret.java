package dev.cookbook.crypto.cipher;

import java.security.PrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.util.Arrays;
import java.util.List;

/**
 * What the key comes from: a password, a raw key and IV, or RSA keys (public ones to encrypt to,
 * a private one to decrypt with). {@link #destroy()} wipes what can be wiped; the library wipes
 * every key it derives itself.
 */
public sealed interface Secret permits Secret.Password, Secret.RawKey, Secret.Recipients, Secret.Identity {

    /** Overwrites the secret material with zeros. */
    void destroy();

    /** A password, as characters; derived into a key with the salt and iterations of the format. */
    record Password(char[] chars) implements Secret {
        @Override
        public void destroy() {
            Arrays.fill(chars, '\0');
        }
    }

    /** A key and an IV of the cipher's lengths, used as they are ({@link Format#RAW}). */
    record RawKey(byte[] key, byte[] iv) implements Secret {
        @Override
        public void destroy() {
            Arrays.fill(key, (byte) 0);
            if (iv != null) {
                Arrays.fill(iv, (byte) 0);
            }
        }
    }

    /** Encrypting to the holders of these RSA public keys (the cookbook format only). */
    record Recipients(List<RSAPublicKey> keys) implements Secret {
        public Recipients {
            keys = List.copyOf(keys);
            if (keys.isEmpty()) {
                throw new IllegalArgumentException("no recipients");
            }
        }

        @Override
        public void destroy() {
            // public keys are not secret
        }
    }

    /** Decrypting with an RSA private key, whose public half names it among the recipients. */
    record Identity(PrivateKey key, RSAPublicKey publicKey) implements Secret {
        @Override
        public void destroy() {
            // the JDK's RSA private keys cannot be destroyed; they are dropped with the call
        }
    }
}
