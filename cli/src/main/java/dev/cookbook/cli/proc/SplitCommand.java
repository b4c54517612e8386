package dev.cookbook.cli.proc;

import dev.cookbook.cli.CommandFailure;
import dev.cookbook.cli.ExitCodes;
import dev.cookbook.cli.Stdio;
import dev.cookbook.proc.shell.ShellSplit;
import dev.cookbook.proc.shell.ShellSyntaxException;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Reader;
import java.io.StringReader;
import java.io.Writer;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.core.StreamWriteFeature;
import tools.jackson.core.json.JsonFactory;

/**
 * {@code cookbook split [STRING|-]}: the words of a string as a POSIX shell reads them, expanding
 * nothing, exactly as Python's {@code shlex.split}; a JSON array on one line, or NUL-terminated
 * words with {@code -0}. Words are written as they are read, so memory holds one word, not the
 * input. On bad input (exit 3) an output still under 64 KiB is not written at all; a longer one
 * has the words before the error: whole words with {@code -0}, an array never closed otherwise.
 */
@Command(
        name = "split",
        mixinStandardHelpOptions = true,
        description = "Split a string into words as a POSIX shell would, expanding nothing, exactly as Python's "
                + "shlex.split.",
        footerHeading = "%nExamples:%n",
        footer = {
            "  cookbook split \"du -sh '/dev/null; ls -l /tmp'\"   # [\"du\",\"-sh\",\"/dev/null; ls -l /tmp\"]",
            "  echo 'cc -O2 \"my file.c\" # build' | cookbook split --comments",
            "  cookbook split -0 'a \"b c\"' | xargs -0 printf '<%%s>\\n'",
        })
@ExitCodes.Returns({ExitCodes.BAD_DATA, ExitCodes.IO_ERROR, ExitCodes.CLOSED_PIPE})
public final class SplitCommand implements Callable<Integer> {
    @Option(names = "--comments", description = "Ignore from a # outside quotes to the end of the line.")
    boolean comments;

    @Option(
            names = {"-0", "--null"},
            description = "Print each word followed by a NUL byte (for xargs -0) instead of a JSON array.")
    boolean nul;

    @Parameters(
            paramLabel = "STRING",
            arity = "0..1",
            description = "The string to split (default: standard input, also read for -).")
    String string;

    @Spec
    CommandSpec spec;

    private final String[] argv;

    public SplitCommand() {
        this(null);
    }

    /** With {@code main}'s arguments, to tell a STRING that is not UTF-8 from one holding U+FFFD. */
    public SplitCommand(String[] argv) {
        this.argv = argv;
    }

    @Override
    public Integer call() throws IOException {
        Stdio stdio = Stdio.of(spec);
        Reader in;
        String source;
        if (string == null && stdio.stdinIsTerminal()) {
            throw new ParameterException(
                    spec.commandLine(), "no input: give a STRING, or pipe it in (- reads the terminal)");
        } else if (string == null || string.equals("-")) {
            in = new InputStreamReader(stdio.in(), strictUtf8());
            source = "standard input";
        } else {
            source = "STRING";
            if (string.indexOf('\uFFFD') >= 0) {
                List<byte[]> raw = RawArgv.operands(argv, spec.name(), List.of(string));
                checkUtf8(raw == null ? new byte[] {(byte) 0xff} : raw.get(0), source);
            }
            in = new StringReader(string);
        }
        spec.commandLine().getOut().flush();
        HeldOutput out = new HeldOutput(stdio.out());
        Words words = nul ? new NulWords(out) : new JsonWords(out);
        try {
            ShellSplit.split(in, comments, words);
            words.end();
            out.finish();
        } catch (ShellSyntaxException e) {
            throw failure(words, out, e.getMessage(), null);
        } catch (CharacterCodingException e) {
            throw failure(words, out, source + " is not valid UTF-8 text", null);
        } catch (NulInWord e) {
            throw failure(words, out, e.getMessage(), "leave out -0 for the JSON array, where it is \\u0000");
        } catch (IOException e) {
            // reading failed (exit 4): still end on the last whole word
            words.flush();
            out.abort();
            throw e;
        }
        return ExitCodes.OK;
    }

    /**
     * Ends the output as {@link HeldOutput#abort()} does: nothing, or every word before the error
     * (errors come between words, never inside one).
     */
    private static CommandFailure failure(Words words, HeldOutput out, String message, String hint) throws IOException {
        words.flush();
        out.abort();
        return new CommandFailure(ExitCodes.BAD_DATA, message, hint, null);
    }

    private static CharsetDecoder strictUtf8() {
        return StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
    }

    private static void checkUtf8(byte[] bytes, String what) {
        try {
            strictUtf8().decode(ByteBuffer.wrap(bytes));
        } catch (CharacterCodingException e) {
            throw new CommandFailure(ExitCodes.BAD_DATA, what + " is not valid UTF-8 text");
        }
    }

    /** Writes the words as they come; {@link #end()} completes the output. */
    private abstract static class Words implements ShellSplit.WordSink {
        abstract void end() throws IOException;

        /** Passes on what is buffered, and no more: the words so far. */
        abstract void flush() throws IOException;
    }

    /** Each word followed by a NUL byte. */
    private static final class NulWords extends Words {
        private static final int SLICE = 8192;

        private final OutputStream out;
        /** For long words, encoded in slices: getBytes would hold a second copy of the whole word. */
        private final Writer slices;

        private long count;

        NulWords(OutputStream out) {
            this.out = out;
            this.slices = new OutputStreamWriter(out, StandardCharsets.UTF_8);
        }

        @Override
        public void accept(String word) throws IOException {
            count++;
            if (word.indexOf('\0') >= 0) {
                throw new NulInWord("word " + count + " holds a NUL character, which -0/--null output cannot show");
            }
            if (word.length() <= SLICE) {
                out.write(word.getBytes(StandardCharsets.UTF_8));
            } else {
                for (int i = 0; i < word.length(); i += SLICE) {
                    slices.write(word, i, Math.min(SLICE, word.length() - i));
                }
                slices.flush();
            }
            out.write(0);
        }

        @Override
        void end() {}

        @Override
        void flush() {}
    }

    /**
     * A JSON array on one line, written element by element. After an error the array stays open,
     * so that no JSON reader takes the words before it for the whole answer.
     */
    private static final class JsonWords extends Words {
        private final OutputStream out;
        private final JsonGenerator json;

        JsonWords(OutputStream out) {
            this.out = out;
            this.json = JsonFactory.builder()
                    .build()
                    .createGenerator(ObjectWriteContext.empty(), out)
                    .configure(StreamWriteFeature.AUTO_CLOSE_TARGET, false);
            json.writeStartArray();
        }

        @Override
        public void accept(String word) {
            json.writeString(word);
        }

        @Override
        void end() throws IOException {
            json.writeEndArray();
            json.close();
            out.write('\n');
        }

        @Override
        void flush() {
            json.flush();
        }
    }

    /** A word -0 cannot print. */
    private static final class NulInWord extends IOException {
        private static final long serialVersionUID = 1L;

        NulInWord(String message) {
            super(message);
        }
    }
}
