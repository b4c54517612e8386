/**
 * RSA keys and signatures, interoperable with openssl: key files in every PEM and DER form
 * ({@link dev.cookbook.crypto.rsa.KeyFiles}), PKCS#1 v1.5 and PSS signatures
 * ({@link dev.cookbook.crypto.rsa.Signatures}). Encryption to a public key is part of the
 * cookbook file format ({@link dev.cookbook.crypto.cipher.FileCipher}, {@code Secret.Recipients}).
 */
package dev.cookbook.crypto.rsa;
