package dev.cookbook.crypto.cipher;

import java.util.Arrays;

/**
 * What the key comes from: a password, or a raw key and IV. {@link #destroy()} wipes it; the
 * library wipes every key it derives itself.
 */
public sealed interface Secret permits Secret.Password, Secret.RawKey {

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
}
