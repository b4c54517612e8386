/**
 * Cryptography for cookbook: {@link dev.cookbook.crypto.digest checksums},
 * {@link dev.cookbook.crypto.cipher file encryption} and {@link dev.cookbook.crypto.rsa RSA keys
 * and signatures}. Every failure a user can cause is a {@link dev.cookbook.crypto.CryptoException},
 * or its {@link dev.cookbook.crypto.AuthenticationException} subtype for a wrong password or
 * tampered data.
 */
package dev.cookbook.crypto;
