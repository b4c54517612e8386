package dev.cookbook.cli.launch;

import dev.cookbook.cli.CookbookCli;
import dev.cookbook.cli.PlainCalls;
import dev.cookbook.cli.Stdio;
import dev.cookbook.cli.proc.PlainRun;
import java.io.ByteArrayInputStream;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The run a class-data archive is made from: the calls of one command family (the launcher keeps an
 * archive per family), or of every family for one archive that serves all, in one JVM, on small
 * files in a temporary folder, their output discarded. Errors are part of it (an unknown option, a
 * missing file), since reporting them is work a call does too.
 */
public final class Training {
    /** The family of every call: the launcher's for what is no command name, such as --help. */
    public static final String ALL = "all";
    /** The family of {@code --version} and {@code -V}. */
    static final String VERSION = "version";
    /**
     * The end of the family the launcher gives a call that runs without picocli, after its command's
     * name: a plain {@code run -- CMD [ARG...]} ({@link PlainRun}), {@code checksum [-a ALGO] FILE...},
     * {@code csv read FILE} and {@code quote ARG...} ({@link PlainCalls}). Its archive holds only that
     * path: Java 25 loads every class of its cache at start-up.
     */
    static final String PLAIN = "-plain";

    static final String PLAIN_RUN = "run" + PLAIN;

    private Training() {}

    /** The first argument of {@code family}'s calls, which the launcher picks its options by. */
    static String firstArgument(String family) {
        return switch (family) {
            case VERSION -> "--version";
            case ALL -> "";
            default -> family.endsWith(PLAIN) ? family.substring(0, family.length() - PLAIN.length()) : family;
        };
    }

    /**
     * Runs the calls of {@code family} (a command's name, {@value #VERSION}, a command's name and
     * {@value #PLAIN}, or anything else for every call); never throws
     * (an archive of part of it is still worth having). Whatever this loads besides the calls goes
     * into the archive too, which Java 25 loads whole at every start: so no streams or lambdas here,
     * and a socket only for the calls that need one.
     */
    public static void run(String family) {
        Path dir = null;
        try {
            dir = Files.createTempDirectory("cookbook-training");
            List<Call> calls = calls(dir);
            List<Call> mine = new ArrayList<>();
            for (Call call : calls) {
                if (call.of(family)) {
                    mine.add(call);
                }
            }
            String port = null;
            for (Call call : mine.isEmpty() ? calls : mine) {
                try {
                    String[] args = call.args().toArray(new String[0]);
                    for (int i = 0; i < args.length; i++) {
                        if (args[i].equals(CLOSED_PORT)) {
                            port = port != null ? port : closedPort();
                            args[i] = port;
                        }
                    }
                    // as Main runs a call on its own descriptors
                    if (call.input() == null && PlainRun.run(args) != null) {
                        continue;
                    }
                    if (PlainCalls.run(call.stdio(), args) == null) {
                        CookbookCli.run(call.stdio(), args);
                    }
                } catch (IOException | RuntimeException | Error e) {
                    // Not the training's business: the call was run (or, without a closed port for
                    // it, skipped), and the rest still are.
                }
            }
            // What every later call does after its command: checking the archive it was given.
            Path archive = dir.resolve("cookbook.jsa");
            Files.writeString(ClassDataArchive.runtimeFile(archive), ClassDataArchive.runtime());
            ClassDataArchive.madeFor(archive.toString());
        } catch (IOException | UncheckedIOException e) {
            // No temporary folder: no archive this time.
        } finally {
            delete(dir);
        }
    }

    /** A command line, run on {@code input} and discarding its output; or with {@code input} null, on the process's own descriptors. */
    record Call(List<String> args, byte[] input) {
        /**
         * Whether this is a call of {@code family}: its first argument names it, and for a plain
         * family ({@value #PLAIN}) it runs without picocli: {@value #PLAIN_RUN} on the process's own
         * descriptors.
         */
        boolean of(String family) {
            if (!args.get(0).equals(firstArgument(family))) {
                return false;
            }
            String[] array = args.toArray(new String[0]);
            if (family.equals(PLAIN_RUN)) {
                return input == null && PlainRun.isPlain(array);
            }
            return !family.endsWith(PLAIN) || PlainCalls.isPlain(array);
        }

        Stdio stdio() {
            if (input == null) {
                return Stdio.system();
            }
            return new Stdio(
                    new ByteArrayInputStream(input),
                    OutputStream.nullOutputStream(),
                    OutputStream.nullOutputStream(),
                    false,
                    false,
                    false);
        }
    }

    /** In a call's arguments, stands for {@link #closedPort()}, found when the call is run. */
    static final String CLOSED_PORT = "<closed port>";

    /**
     * A loopback port nothing listens on, for an echo client's call to be refused at once: one
     * just given up by this process, so that the training sends nothing to another program.
     */
    private static String closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return Integer.toString(socket.getLocalPort());
        }
    }

    private static Call call(String... args) {
        return new Call(List.of(args), new byte[0]);
    }

    private static Call withInput(String input, String... args) {
        return new Call(List.of(args), input.getBytes(StandardCharsets.UTF_8));
    }

    static List<Call> calls(Path dir) throws IOException {
        String text =
                Files.writeString(dir.resolve("notes.txt"), "a small file\n").toString();
        String csv = Files.writeString(dir.resolve("people.csv"), "name,qty\nada,1\n\"b, c\",2\n")
                .toString();
        String sums = dir.resolve("sums.txt").toString();
        String enc = dir.resolve("notes.enc").toString();
        String key = dir.resolve("key.pem").toString();
        String pub = dir.resolve("key.pub.pem").toString();
        String sig = dir.resolve("notes.sig").toString();
        String out = dir.resolve("out").toString();
        return List.of(
                call("--version"),
                call("--help"),
                call("help", "checksum"),
                call("checksum", text),
                call("checksum", "-a", "md5", "-o", sums, text),
                call("checksum", "-a", "md5", text),
                call("checksum", "--check", sums),
                call("checksum", "--bogus"),
                call("checksum", dir.resolve("missing").toString()),
                call("encrypt", "--pass", "pass:training", "-o", enc, text),
                call("decrypt", "--pass", "pass:training", "-o", out + ".dec", enc),
                call("decrypt", "--pass", "pass:wrong", enc),
                call("encrypt", "--openssl", "--pass", "pass:training", "-o", out + ".ossl", text),
                call("key", "gen", "-o", key, "--pub-out", pub),
                call("key", "inspect", key),
                call("sign", "--key", key, "-o", sig, text),
                call("verify", "--key", pub, "--signature", sig, text),
                call("csv", "read", csv),
                call("csv", "read", "--to", "table", csv),
                withInput("{\"name\":\"ada\",\"qty\":\"1\"}\n", "csv", "write"),
                call("quote", "a", "b c", "it's"),
                call("quote", "--each", "--", "-rf", "*"),
                call("split", "a 'b c' \"d\\\"e\""),
                call("split", "-0", "a b"),
                call("run", "--", "true"),
                // as a real call runs it: the child on the process's own descriptors (the training's
                // are /dev/null), which a call from the in-memory streams above does not load
                new Call(List.of("run", "--", "true"), null),
                call("run", "--capture", "--", "true"),
                call("run", "--dry-run", "--", "ls", "-l"),
                call(
                        "mail",
                        "send",
                        "--dry-run",
                        "--from",
                        "me@example.org",
                        "--to",
                        "you@example.org",
                        "--subject",
                        "hi",
                        "--text",
                        text),
                call("echo", "--help"),
                call("echo", "client", "--port", CLOSED_PORT, "--timeout", "1s", "hi"),
                call("install", "--dry-run", "--prefix", dir.resolve("prefix").toString()),
                call("uninstall", "--dry-run", "--prefix", dir.resolve("prefix").toString()),
                call("help"),
                call("completion", "bash"));
    }

    private static void delete(Path dir) {
        if (dir != null) {
            delete(dir.toFile());
        }
    }

    /** Deletes {@code file}, a folder with all it holds; what cannot be deleted stays in the temporary folder. */
    private static void delete(File file) {
        File[] children = Files.isSymbolicLink(file.toPath()) ? null : file.listFiles(); // a link, not what it names
        if (children != null) {
            for (File child : children) {
                delete(child);
            }
        }
        file.delete();
    }
}
