/**
 * File encryption with the legacy ciphers of the reference recipe (DES, triple DES in CFB mode,
 * RC4), made safe to use: random salts and IVs, PBKDF2 key derivation and, by default,
 * authenticated chunks that detect a wrong password and any tampering.
 *
 * <p>For most uses: {@link dev.cookbook.crypto.cipher.FileCipher#encrypt} and
 * {@link dev.cookbook.crypto.cipher.FileCipher#decrypt} with
 * {@link dev.cookbook.crypto.cipher.EncryptionOptions#DEFAULT} and a
 * {@link dev.cookbook.crypto.cipher.Secret.Password}. The formats are described in
 * {@link dev.cookbook.crypto.cipher.SealedFormat} and {@link dev.cookbook.crypto.cipher.Format}.
 */
package dev.cookbook.crypto.cipher;
