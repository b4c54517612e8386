package dev.cookbook.crypto.digest;

import java.io.IOException;

/**
 * What {@link ChecksumVerifier} reports while it checks one checksum file, in line order, one call
 * at a time (each seeing what the ones before did), on any of the run's hashing threads (see
 * {@link ParallelDigester.ResultHandler}). The presentation (the {@code NAME: OK} lines, warnings)
 * is the listener's business.
 */
public interface CheckListener {

    /** How a listed file came out. */
    enum Outcome {
        /** The digest matches. */
        OK,
        /** The digest differs. */
        FAILED,
        /** The file could not be opened or read. */
        UNREADABLE,
        /** The file does not exist and missing files are ignored. */
        IGNORED_MISSING
    }

    /**
     * The file's untagged lines give no algorithm and their digests' length is not the given
     * algorithm's: they are checked with {@code algorithm}, the usual one for that length. Called
     * once, before the first of them is reported.
     */
    default void assumed(DigestAlgorithm algorithm) {}

    /** Line {@code lineNumber} (1-based) is not a checksum line. */
    default void malformed(long lineNumber) {}

    /** One listed file was checked; {@code error} is set for {@link Outcome#UNREADABLE}. */
    void checked(ChecksumEntry entry, Outcome outcome, IOException error);
}
