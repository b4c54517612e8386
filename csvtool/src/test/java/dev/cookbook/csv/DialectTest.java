package dev.cookbook.csv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class DialectTest {
    private static String refused(Supplier<Dialect> build) {
        return assertThrows(IllegalArgumentException.class, build::get).getMessage();
    }

    @Test
    void excelIsPythonsDefault() {
        Dialect d = Dialect.EXCEL;
        assertEquals(',', d.delimiter());
        assertEquals('"', d.quoteChar());
        assertEquals(Dialect.NONE, d.escapeChar());
        assertEquals(true, d.doubleQuote());
        assertFalse(d.skipInitialSpace());
        assertEquals(Quoting.MINIMAL, d.quoting());
        assertEquals("\r\n", d.lineTerminator());
        assertFalse(d.strict());
        assertEquals(
                "Dialect[delimiter=,, quotechar=\", escapechar=none, doublequote=true, skipinitialspace=false,"
                        + " quoting=minimal, lineterminator=\\r\\n, strict=false]",
                d.toString());
    }

    @Test
    void builderSetsEveryParameter() {
        Dialect d = Dialect.builder()
                .delimiter('\t')
                .quoteChar('\'')
                .escapeChar('\\')
                .doubleQuote(false)
                .skipInitialSpace(true)
                .quoting(Quoting.NONNUMERIC)
                .lineTerminator("\n")
                .strict(true)
                .build();
        assertEquals(
                "Dialect[delimiter=\\t, quotechar=', escapechar=\\, doublequote=false, skipinitialspace=true,"
                        + " quoting=nonnumeric, lineterminator=\\n, strict=true]",
                d.toString());
        assertEquals('\\', d.escapeChar());
        Dialect copy = d.toBuilder().build();
        assertNotSame(d, copy);
        assertEquals(d.toString(), copy.toString());
        assertEquals(
                "Dialect[delimiter=;, quotechar=', escapechar=\\, doublequote=false, skipinitialspace=true,"
                        + " quoting=nonnumeric, lineterminator=\\n, strict=true]",
                d.toBuilder().delimiter(';').build().toString());
    }

    @Test
    void lineBreaksCannotBeDelimiterQuoteOrEscape() {
        assertEquals(
                "the delimiter cannot be a line break",
                refused(() -> Dialect.builder().delimiter('\n').build()));
        assertEquals(
                "the delimiter cannot be a line break",
                refused(() -> Dialect.builder().delimiter('\r').build()));
        assertEquals(
                "the quote character cannot be a line break",
                refused(() -> Dialect.builder().quoteChar('\r').build()));
        assertEquals(
                "the escape character cannot be a line break",
                refused(() -> Dialect.builder().escapeChar('\n').build()));
    }

    @Test
    void oneCharacterCannotHaveTwoRoles() {
        assertEquals(
                "the quote character and the delimiter are both ','",
                refused(() -> Dialect.builder().quoteChar(',').build()));
        assertEquals(
                "the quote character and the delimiter are both '\\t'",
                refused(() -> Dialect.builder().delimiter('\t').quoteChar('\t').build()));
        assertEquals(
                "the escape character ';' is also the delimiter",
                refused(() -> Dialect.builder().delimiter(';').escapeChar(';').build()));
        assertEquals(
                "the escape character '\"' is also the quote character",
                refused(() -> Dialect.builder().escapeChar('"').build()));
    }

    @Test
    void otherRefusals() {
        assertEquals(
                "the line terminator is empty",
                refused(() -> Dialect.builder().lineTerminator("").build()));
        assertEquals(
                "the escape character must be one character",
                assertThrows(
                                IllegalArgumentException.class,
                                () -> Dialect.builder().escapeChar(0x10000))
                        .getMessage());
        assertEquals(
                "the escape character must be one character",
                assertThrows(
                                IllegalArgumentException.class,
                                () -> Dialect.builder().escapeChar(-2))
                        .getMessage());
        assertThrows(NullPointerException.class, () -> Dialect.builder().quoting(null));
        assertThrows(NullPointerException.class, () -> Dialect.builder().lineTerminator(null));
    }

    @Test
    void escapeCanBeResetToNone() {
        assertEquals(
                Dialect.NONE,
                Dialect.builder()
                        .escapeChar('\\')
                        .escapeChar(Dialect.NONE)
                        .build()
                        .escapeChar());
    }

    @Test
    void showSpellsLineBreaksAndTabs() {
        assertEquals("\\t", Dialect.show('\t'));
        assertEquals("\\r", Dialect.show('\r'));
        assertEquals("\\n", Dialect.show('\n'));
        assertEquals(";", Dialect.show(';'));
    }
}
