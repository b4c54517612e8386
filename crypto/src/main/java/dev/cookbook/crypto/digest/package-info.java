/**
 * File checksums compatible with GNU coreutils ({@code sha256sum}, {@code md5sum}, {@code b2sum}).
 *
 * <p>For most uses: pick a {@link dev.cookbook.crypto.digest.DigestAlgorithm}, turn operands into
 * sources with {@link dev.cookbook.crypto.digest.FileTree#sources}, hash them with a
 * {@link dev.cookbook.crypto.digest.ParallelDigester} and print each result with
 * {@link dev.cookbook.crypto.digest.ChecksumFormat#appendLine}. To check a checksum file, use
 * {@link dev.cookbook.crypto.digest.ChecksumVerifier}.
 */
package dev.cookbook.crypto.digest;
