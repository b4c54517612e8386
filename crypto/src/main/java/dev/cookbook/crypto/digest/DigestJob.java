package dev.cookbook.crypto.digest;

/**
 * One unit of work for {@link ParallelDigester}: what to hash and with which algorithm. A job whose
 * {@link #source()} is null is passed through in order without hashing, so that things that need no
 * work (a malformed line in a checksum file) still come out in their place.
 */
public interface DigestJob {
    Source source();

    DigestAlgorithm algorithm();
}
