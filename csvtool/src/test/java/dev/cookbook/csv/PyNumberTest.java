package dev.cookbook.csv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** {@link PyNumber}: what Python 3.11's {@code float()} accepts, as JSON number text. */
class PyNumberTest {
    @ParameterizedTest(name = "{0} is kept")
    @ValueSource(
            strings = {
                "0",
                "1",
                "-1",
                "1.5",
                "1e5",
                "1E+05",
                "-0",
                "-0.0",
                "0e0",
                "1e-400",
                "0.0000001",
                "12345678901234567890.12345678901234567890"
            })
    void jsonNumbersAreKeptAsWritten(String s) {
        assertEquals(s, PyNumber.toJson(s));
    }

    @ParameterizedTest(name = "''{0}'' -> {1}")
    @CsvSource(
            delimiter = '|',
            quoteCharacter = '\'',
            value = {
                "+1|1",
                "1.|1",
                ".5|0.5",
                "-.5|-0.5",
                "1.e5|1E+5",
                "+1e5|1E+5",
                ".5e-3|0.0005",
                "00|0",
                "007|7",
                "1_000|1000",
                "1_0.2_5e1_0|1.025E+11",
                "' 7 '|7",
                "'7 '|7",
                ".0000001|1E-7",
                "+0|0",
                "-00.50|-0.50"
            })
    void otherPythonSpellingsAreNormalized(String s, String json) {
        assertEquals(json, PyNumber.toJson(s));
        assertEquals(Double.parseDouble(json), Double.parseDouble(PyNumber.toJson(s)));
    }

    @Test
    void surroundingWhitespace() {
        assertEquals("8", PyNumber.toJson("\t8\n"));
        assertEquals("1", PyNumber.toJson("1\u2003"));
    }

    @ParameterizedTest(name = "''{0}'' is no JSON number")
    @ValueSource(
            strings = {
                "1e400",
                "-1e400",
                "inf",
                "nan",
                "Infinity",
                "-inf",
                "NaN",
                "",
                "  ",
                "abc",
                "1__0",
                "_1",
                "1_",
                "1e",
                "e5",
                ".",
                "+",
                "--1",
                "1.2.3",
                "0x10",
                "1,5",
                "1 2",
                "+-1",
                "1e+",
                "1._5",
                "1_.5"
            })
    void infinitiesNanAndNonNumbersAreRefused(String s) {
        assertNull(PyNumber.toJson(s));
    }

    @Test
    void unicodeDigitsAndSpaces() {
        // python3.11: float('１') == 1.0, float('٣') == 3.0, float('\xa01') == 1.0
        assertEquals("1", PyNumber.toJson("１")); // actual: null
        assertEquals("3", PyNumber.toJson("٣")); // actual: null
        assertEquals("1", PyNumber.toJson("\u00a01")); // actual: null
    }
}
