package dev.cookbook.crypto.digest;

import java.util.concurrent.Future;

/**
 * One unit of work for {@link ParallelDigester}: what to hash and with which algorithm. A job whose
 * {@link #source()} is null is passed through in order without hashing, so that things that need no
 * work (a malformed line in a checksum file) still come out in their place.
 */
public interface DigestJob {
    Source source();

    DigestAlgorithm algorithm();

    /**
     * The job's result, already on its way elsewhere (hashing begun before the job was known), or
     * null. The digester waits for it and takes it if it is a successful {@link DigestResult} of
     * this source with this algorithm; if it is anything else (null, a failure, an exception), it
     * hashes the source itself, so that a failure is met and reported as without it.
     */
    default Future<DigestResult> started() {
        return null;
    }
}
