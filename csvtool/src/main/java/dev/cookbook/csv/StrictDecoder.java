package dev.cookbook.csv;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.MalformedInputException;
import java.nio.charset.UnmappableCharacterException;

/**
 * Bytes to characters, refusing bytes that are not valid in the charset. Unlike an
 * {@link java.io.InputStreamReader}, it first hands out every character before the bad bytes and
 * fails on the read after, so the reader knows which line they are on and has used what came before.
 */
final class StrictDecoder extends Reader {
    private final InputStream in;
    private final CharsetDecoder decoder;
    private final ByteBuffer bytes = ByteBuffer.allocate(1 << 16).flip();
    private boolean eof;
    private boolean flushed;
    private CharacterCodingException pending;

    StrictDecoder(InputStream in, Charset charset) {
        this.in = in;
        this.decoder = charset.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
    }

    @Override
    public int read(char[] cbuf, int off, int len) throws IOException {
        if (pending != null) {
            throw pending;
        }
        if (flushed) {
            return -1;
        }
        if (len == 0) {
            return 0;
        }
        CharBuffer out = CharBuffer.wrap(cbuf, off, len);
        for (; ; ) {
            CoderResult r = decoder.decode(bytes, out, eof);
            int n = out.position() - off;
            if (r.isError()) {
                CharacterCodingException e = r.isMalformed()
                        ? new MalformedInputException(r.length())
                        : new UnmappableCharacterException(r.length());
                if (n > 0) {
                    pending = e;
                    return n;
                }
                pending = e;
                throw e;
            }
            if (r.isOverflow()) {
                return n;
            }
            if (eof) {
                if (!flushed) {
                    if (decoder.flush(out).isOverflow()) {
                        return out.position() - off;
                    }
                    flushed = true;
                }
                n = out.position() - off;
                return n > 0 ? n : -1;
            }
            if (n > 0) {
                return n;
            }
            bytes.compact();
            int k = in.read(bytes.array(), bytes.arrayOffset() + bytes.position(), bytes.remaining());
            if (k < 0) {
                eof = true;
            } else {
                bytes.position(bytes.position() + k);
            }
            bytes.flip();
        }
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
