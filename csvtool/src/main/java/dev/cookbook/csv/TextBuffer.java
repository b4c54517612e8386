package dev.cookbook.csv;

import java.util.Arrays;

/**
 * A growable array of characters that {@link RecordFormatter} writes records into: unlike a
 * {@link StringBuilder} it never re-encodes its contents (Latin-1 to UTF-16), and its array can be
 * handed to a {@link java.nio.charset.CharsetEncoder} as it is.
 */
final class TextBuffer implements CharSequence {
    private char[] chars;
    private int length;

    TextBuffer() {
        this(1 << 12);
    }

    TextBuffer(int capacity) {
        this.chars = new char[Math.max(16, capacity)];
    }

    TextBuffer append(char c) {
        if (length == chars.length) {
            grow(1);
        }
        chars[length++] = c;
        return this;
    }

    TextBuffer append(char[] a, int off, int n) {
        if (length + n > chars.length) {
            grow(n);
        }
        System.arraycopy(a, off, chars, length, n);
        length += n;
        return this;
    }

    TextBuffer append(String s) {
        int n = s.length();
        if (length + n > chars.length) {
            grow(n);
        }
        s.getChars(0, n, chars, length);
        length += n;
        return this;
    }

    /** The array holding the text, valid from 0 to {@link #length()}. */
    char[] array() {
        return chars;
    }

    @Override
    public int length() {
        return length;
    }

    /** Cuts the text back to {@code n} characters. */
    void setLength(int n) {
        if (n < 0 || n > length) {
            throw new IndexOutOfBoundsException(n);
        }
        length = n;
    }

    @Override
    public char charAt(int index) {
        if (index >= length) {
            throw new IndexOutOfBoundsException(index);
        }
        return chars[index];
    }

    @Override
    public CharSequence subSequence(int start, int end) {
        return toString().substring(start, end);
    }

    @Override
    public String toString() {
        return new String(chars, 0, length);
    }

    private void grow(int n) {
        chars = Arrays.copyOf(chars, Math.max(chars.length * 2, length + n));
    }
}
