package dev.cookbook.cli;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine.Model.CommandSpec;

/** Runs {@code cookbook} in-process, through the same factory as {@code main}, with captured streams. */
public final class Cli {
    private Cli() {}

    /** What one run printed and returned. */
    public record Result(int exit, byte[] stdout, String err) {
        public String out() {
            return new String(stdout, StandardCharsets.UTF_8);
        }

        @Override
        public String toString() {
            return "exit " + exit + "\n--- stdout\n" + out() + "--- stderr\n" + err;
        }
    }

    /** A stdout whose every write fails with {@code message}, as a closed pipe or a full disk does. */
    public static OutputStream failingOutput(String message) {
        return new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                throw new IOException(message);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                throw new IOException(message);
            }
        };
    }

    public static Result run(String... args) {
        return run(new byte[0], args);
    }

    public static Result run(byte[] stdin, String... args) {
        return run(new ByteArrayInputStream(stdin), new ByteArrayOutputStream(), false, args);
    }

    public static Result withTerminalStdin(String... args) {
        return run(new ByteArrayInputStream(new byte[0]), new ByteArrayOutputStream(), true, args);
    }

    /** Runs with {@code stdout} as standard output (for example one that fails like a closed pipe). */
    public static Result run(InputStream stdin, OutputStream stdout, boolean stdinTerminal, String... args) {
        return run(stdin, stdout, stdinTerminal, false, args);
    }

    /** Runs with {@code environment} as the only environment variables the command sees. */
    public static Result withEnvironment(java.util.Map<String, String> environment, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Stdio stdio = new Stdio(new ByteArrayInputStream(new byte[0]), out, err, false, false, false)
                .withEnvironment(environment);
        int exit = CookbookCli.run(stdio, args);
        return new Result(exit, out.toByteArray(), err.toString(StandardCharsets.UTF_8));
    }

    /** Runs with the given terminal flags for stdin and stdout. */
    public static Result run(
            InputStream stdin, OutputStream stdout, boolean stdinTerminal, boolean stdoutTerminal, String... args) {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = CookbookCli.run(new Stdio(stdin, stdout, err, stdinTerminal, stdoutTerminal, false), args);
        byte[] out = stdout instanceof ByteArrayOutputStream b ? b.toByteArray() : new byte[0];
        return new Result(exit, out, err.toString(StandardCharsets.UTF_8));
    }

    /**
     * Runs {@code args} as {@code main} runs a call that needs no command line built ({@link PlainCalls#run}),
     * with {@code stdout} as standard output; fails if they are not such a call.
     */
    public static Result runPlain(OutputStream stdout, String... args) {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Integer exit = PlainCalls.run(
                new Stdio(new ByteArrayInputStream(new byte[0]), stdout, err, false, false, false), args);
        if (exit == null) {
            throw new AssertionError("not a plain call: " + String.join(" ", args));
        }
        byte[] out = stdout instanceof ByteArrayOutputStream b ? b.toByteArray() : new byte[0];
        return new Result(exit, out, err.toString(StandardCharsets.UTF_8));
    }

    /**
     * The option values of {@code expected} and {@code actual}, command objects of one class, are equal: every field
     * but the static, the final (not options) and the injected specs, and those of their mixins and groups too.
     */
    public static void assertSameOptions(Object expected, Object actual, String path) {
        for (Field field : expected.getClass().getDeclaredFields()) {
            int modifiers = field.getModifiers();
            if (Modifier.isStatic(modifiers) || Modifier.isFinal(modifiers) || field.getType() == CommandSpec.class) {
                continue;
            }
            field.setAccessible(true);
            Object e;
            Object a;
            try {
                e = field.get(expected);
                a = field.get(actual);
            } catch (IllegalAccessException x) {
                throw new AssertionError(x);
            }
            String where = path + "." + field.getName();
            if (e != null
                    && a != null
                    && !e.getClass().isEnum()
                    && e.getClass().getName().startsWith("dev.cookbook.cli.")) {
                assertSameOptions(e, a, where);
            } else if (!java.util.Objects.equals(e, a)) {
                throw new AssertionError(where + ": expected " + e + ", was " + a);
            }
        }
    }

    /**
     * The object of the command {@code args} run, as the full path has it once picocli parsed them: built by
     * {@link CookbookCli#create(Stdio, String[])}, as {@code main} builds it.
     */
    public static Object parsedCommand(String... args) {
        picocli.CommandLine.ParseResult parsed =
                CookbookCli.create(memoryStdio(), args).parseArgs(args);
        while (parsed.hasSubcommand()) {
            parsed = parsed.subcommand();
        }
        return parsed.commandSpec().userObject();
    }

    /** {@code args} are no plain call: {@link PlainCalls} says so, and runs nothing. */
    public static void assertNotPlain(String... args) {
        String call = String.join(" ", args);
        if (PlainCalls.isPlain(args)) {
            throw new AssertionError("plain: " + call);
        }
        Integer ran = PlainCalls.run(memoryStdio(), args);
        if (ran != null) {
            throw new AssertionError("ran as plain: " + call);
        }
    }

    /** Standard streams in memory: no input, output discarded, no terminal. */
    public static Stdio memoryStdio() {
        return new Stdio(
                new ByteArrayInputStream(new byte[0]),
                new ByteArrayOutputStream(),
                new ByteArrayOutputStream(),
                false,
                false,
                false);
    }
}
