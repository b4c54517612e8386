package dev.cookbook.csv;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Many parsed records in a few flat arrays: the characters of every field one after another, the
 * end of each field, the end of each record. A reader fills it, a writer on another thread drains
 * it, and it is cleared and filled again: no object per field or record, however many there are.
 *
 * <p>Fields are numbered across the whole batch: record {@code r} holds the fields
 * {@link #firstField(int) firstField(r)} to {@code firstField(r + 1) - 1}.
 */
final class RecordBatch {
    char[] chars = new char[1 << 16];
    int charCount;
    int[] fieldEnds = new int[1 << 12];
    boolean[] numeric = new boolean[1 << 12];
    int fieldCount;
    int[] recordEnds = new int[1 << 10];
    long[] recordLines = new long[1 << 10];
    int recordCount;

    /** Empties the batch, keeping its arrays. */
    void clear() {
        charCount = 0;
        fieldCount = 0;
        recordCount = 0;
    }

    /** The number of records. */
    int size() {
        return recordCount;
    }

    /** The characters in the batch so far: a rough measure of its size. */
    int charCount() {
        return charCount;
    }

    /** The index of record {@code r}'s first field; {@code firstField(size())} is the end of the last record. */
    int firstField(int r) {
        return r == 0 ? 0 : recordEnds[r - 1];
    }

    /** The number of fields of record {@code r}: 0 for a blank line. */
    int fieldCount(int r) {
        return recordEnds[r] - firstField(r);
    }

    /** The line record {@code r} starts on, 1 for the first line of the input. */
    long line(int r) {
        return recordLines[r];
    }

    /** The array that holds every field's characters; see {@link #start(int)} and {@link #end(int)}. */
    char[] chars() {
        return chars;
    }

    int start(int field) {
        return field == 0 ? 0 : fieldEnds[field - 1];
    }

    int end(int field) {
        return fieldEnds[field];
    }

    int length(int field) {
        return end(field) - start(field);
    }

    /**
     * Whether the field was unquoted under {@link Quoting#NONNUMERIC}: Python reads it as a number.
     * An empty unquoted field is not numeric (Python gives it as {@code ''}).
     */
    boolean numeric(int field) {
        return numeric[field];
    }

    String field(int field) {
        return new String(chars, start(field), length(field));
    }

    /** Record {@code r} as strings (numbers too, as they were written). */
    List<String> record(int r) {
        int first = firstField(r);
        int n = fieldCount(r);
        List<String> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(field(first + i));
        }
        return out;
    }

    // --------------------------------------------------------------- filled by CsvReader

    void append(char c) {
        if (charCount == chars.length) {
            chars = Arrays.copyOf(chars, chars.length * 2);
        }
        chars[charCount++] = c;
    }

    void append(char[] src, int from, int n) {
        if (charCount + n > chars.length) {
            chars = Arrays.copyOf(chars, Math.max(chars.length * 2, charCount + n));
        }
        System.arraycopy(src, from, chars, charCount, n);
        charCount += n;
    }

    void endField(boolean isNumeric) {
        if (fieldCount == fieldEnds.length) {
            fieldEnds = Arrays.copyOf(fieldEnds, fieldCount * 2);
            numeric = Arrays.copyOf(numeric, fieldCount * 2);
        }
        fieldEnds[fieldCount] = charCount;
        numeric[fieldCount] = isNumeric;
        fieldCount++;
    }

    void endRecord(long line) {
        if (recordCount == recordEnds.length) {
            recordEnds = Arrays.copyOf(recordEnds, recordCount * 2);
            recordLines = Arrays.copyOf(recordLines, recordCount * 2);
        }
        recordEnds[recordCount] = fieldCount;
        recordLines[recordCount] = line;
        recordCount++;
    }

    /** Forgets the fields and characters after the last complete record: a record that failed. */
    void dropPartialRecord() {
        fieldCount = recordCount == 0 ? 0 : recordEnds[recordCount - 1];
        charCount = fieldCount == 0 ? 0 : fieldEnds[fieldCount - 1];
    }

    /** The characters of the field being read, so far. */
    int pendingFieldLength() {
        return charCount - (fieldCount == 0 ? 0 : fieldEnds[fieldCount - 1]);
    }
}
