package dev.cookbook.crypto.digest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CheckSummaryTest {

    @ParameterizedTest(name = "malformed={0} mismatched={1} unreadable={2} verified={3} wellFormed={4}")
    @CsvSource(textBlock = """
            # malformed, mismatched, unreadable, verified, wellFormed, passed, passed strictly
            0, 0, 0, 1, true,  true,  true
            2, 0, 0, 1, true,  true,  false
            0, 1, 0, 1, true,  false, false
            0, 0, 1, 1, true,  false, false
            0, 0, 0, 0, true,  false, false
            3, 0, 0, 0, false, false, false
            0, 0, 0, 0, false, false, false
            """)
    @DisplayName("passed(strict) is the coreutils verdict")
    void passed(
            long malformed,
            long mismatched,
            long unreadable,
            long verified,
            boolean wellFormed,
            boolean passed,
            boolean passedStrictly) {
        CheckSummary s = new CheckSummary(malformed, mismatched, unreadable, verified, wellFormed, false, false, 0);
        assertEquals(passed, s.passed(false));
        assertEquals(passedStrictly, s.passed(true));
    }

    @ParameterizedTest(name = "byteOrderMark={0} crlf={1}")
    @CsvSource({"false, false, false", "true, false, true", "false, true, true", "true, true, true"})
    @DisplayName("windowsText is set by a byte-order mark or CRLF line ends")
    void windowsText(boolean byteOrderMark, boolean crlf, boolean expected) {
        assertEquals(expected, new CheckSummary(0, 0, 0, 1, true, byteOrderMark, crlf, 0).windowsText());
    }
}
