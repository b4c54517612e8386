package dev.cookbook.crypto.digest;

/**
 * The tally of one checksum file, with the verdict coreutils would give.
 *
 * @param malformed     lines that are not checksum lines
 * @param mismatched    files whose digest differs
 * @param unreadable    files that could not be opened or read
 * @param verified      files whose digest matched
 * @param wellFormed    whether any line was a checksum line
 * @param byteOrderMark whether the file began with a UTF-8 byte-order mark (skipped)
 * @param crlf          whether any line ended with CRLF (read as LF)
 * @param otherHexLength the digest length (in hex digits) of the first malformed line that looks like
 *                      {@code HASH  NAME} for another algorithm, or 0: a hint for the user
 */
public record CheckSummary(
        long malformed,
        long mismatched,
        long unreadable,
        long verified,
        boolean wellFormed,
        boolean byteOrderMark,
        boolean crlf,
        int otherHexLength) {

    /**
     * The coreutils verdict: something was checked, something matched, nothing failed, and with
     * {@code strict} no line was malformed.
     */
    public boolean passed(boolean strict) {
        return wellFormed && verified > 0 && mismatched == 0 && unreadable == 0 && (!strict || malformed == 0);
    }

    /** True if the file was written on Windows (a byte-order mark or CRLF line ends). */
    public boolean windowsText() {
        return byteOrderMark || crlf;
    }
}
