package dev.cookbook.cli.proc;

import dev.cookbook.cli.CommandFailure;
import dev.cookbook.cli.ExitCodes;
import dev.cookbook.cli.Stdio;
import dev.cookbook.proc.shell.ShellSplit;
import dev.cookbook.proc.shell.ShellSyntaxException;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
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
 * words with {@code -0}.
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
    private boolean comments;

    @Option(
            names = {"-0", "--null"},
            description = "Print each word followed by a NUL byte (for xargs -0) instead of a JSON array.")
    private boolean nul;

    @Parameters(
            paramLabel = "STRING",
            arity = "0..1",
            description = "The string to split (default: standard input, also read for -).")
    private String string;

    @Spec
    private CommandSpec spec;

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
        String text;
        if (string == null && stdio.stdinIsTerminal()) {
            throw new ParameterException(
                    spec.commandLine(), "no input: give a STRING, or pipe it in (- reads the terminal)");
        } else if (string == null || string.equals("-")) {
            // not readAllBytes: on a FileInputStream over a pipe it fails with "Illegal seek" on some JDKs
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            stdio.in().transferTo(bytes);
            text = decode(bytes.toByteArray(), "standard input");
        } else {
            if (string.indexOf('\uFFFD') >= 0) {
                List<byte[]> raw = RawArgv.operands(argv, spec.name(), List.of(string));
                decode(raw == null ? new byte[] {(byte) 0xff} : raw.get(0), "STRING");
            }
            text = string;
        }
        List<String> words;
        try {
            words = ShellSplit.split(text, comments);
        } catch (ShellSyntaxException e) {
            throw new CommandFailure(ExitCodes.BAD_DATA, e.getMessage());
        }
        if (nul) {
            printNulTerminated(words, stdio);
        } else {
            printJson(words);
        }
        return ExitCodes.OK;
    }

    private static String decode(byte[] bytes, String what) {
        try {
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new CommandFailure(ExitCodes.BAD_DATA, what + " is not valid UTF-8 text");
        }
    }

    private void printJson(List<String> words) {
        PrintWriter out = spec.commandLine().getOut();
        try (JsonGenerator g = JsonFactory.builder()
                .build()
                .createGenerator(ObjectWriteContext.empty(), out)
                .configure(StreamWriteFeature.AUTO_CLOSE_TARGET, false)) {
            g.writeStartArray();
            for (String word : words) {
                g.writeString(word);
            }
            g.writeEndArray();
        }
        out.println();
    }

    private void printNulTerminated(List<String> words, Stdio stdio) throws IOException {
        for (int i = 0; i < words.size(); i++) {
            if (words.get(i).indexOf('\0') >= 0) {
                throw new CommandFailure(
                        ExitCodes.BAD_DATA,
                        "word " + (i + 1) + " holds a NUL character, which -0/--null output cannot show",
                        "leave out -0 for the JSON array, where it is \\u0000",
                        null);
            }
        }
        spec.commandLine().getOut().flush();
        OutputStream out = new BufferedOutputStream(stdio.out(), 1 << 16);
        for (String word : words) {
            out.write(word.getBytes(StandardCharsets.UTF_8));
            out.write(0);
        }
        out.flush();
    }
}
