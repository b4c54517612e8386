package dev.cookbook.mailer.smtp;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * Turns Angus's protocol trace into the dialogue a person reads, line by line: what the client
 * sends as {@code -> LINE}, what the server answers as {@code <- LINE}. Secrets are masked: the
 * initial response of {@code AUTH PLAIN} (user and password in base64) and every client line of an
 * AUTH exchange (the base64 user and password of {@code AUTH LOGIN}) become {@code ***}, and a
 * literal password anywhere too. The message's headers are shown but not its body (one line says
 * how many lines it had: a 20 MB attachment is no trace). Angus's own notes are left out, and so
 * are the stack frames of the exceptions it logs; the exception itself is shown as
 * {@code == TEXT}. Not thread-safe: one per send.
 */
final class TraceMasker {
    static final String MASK = "***";
    private static final Pattern REPLY = Pattern.compile("\\d{3}([ -].*)?");
    private static final Pattern STACK_FRAME = Pattern.compile("\\s+(at |\\.\\.\\. \\d+ more).*");
    private static final Pattern EXCEPTION =
            Pattern.compile("(Caused by: )?([a-zA-Z_$][\\w$]*\\.)+[\\w$]*(Exception|Error)(: .*)?");

    private enum State {
        COMMANDS,
        AUTH,
        DATA_SENT,
        HEADERS,
        BODY
    }

    private final String password;
    private State state = State.COMMANDS;
    private long bodyLines;

    /** @param password masked wherever it appears; null or empty for none */
    TraceMasker(String password) {
        this.password = password == null || password.isEmpty() ? null : password;
    }

    /** Gives {@code out} what the trace shows for {@code line}: nothing, one line, or (at the end of the data) two. */
    void mask(String line, Consumer<String> out) {
        if (state == State.BODY) {
            if (line.equals(".")) {
                state = State.COMMANDS;
                out.accept("-> [" + bodyLines + (bodyLines == 1 ? " line" : " lines") + " of body not shown]");
                out.accept("-> .");
            } else {
                bodyLines++;
            }
            return;
        }
        if (state != State.HEADERS) {
            if (line.startsWith("DEBUG")) {
                if (state == State.AUTH && line.contains("THROW")) {
                    // Angus gave up the exchange ("AUTH PLAIN failed, THROW:"): it sends no more secrets,
                    // and the exception that follows is not one to mask into a wall of ***.
                    state = State.COMMANDS;
                }
                return;
            }
            if (STACK_FRAME.matcher(line).matches()) {
                return;
            }
            if (EXCEPTION.matcher(line).matches()) {
                out.accept("== " + hidePassword(line));
                return;
            }
        }
        out.accept(hidePassword(dialogue(line)));
    }

    private String hidePassword(String line) {
        return password != null && line.contains(password) ? line.replace(password, MASK) : line;
    }

    private String dialogue(String line) {
        boolean reply = REPLY.matcher(line).matches();
        switch (state) {
            case HEADERS:
                if (line.isEmpty()) {
                    state = State.BODY;
                    bodyLines = 0;
                } else if (line.equals(".")) {
                    state = State.COMMANDS;
                }
                return "-> " + line;
            case DATA_SENT:
                state = reply && line.startsWith("354") ? State.HEADERS : State.COMMANDS;
                return (reply ? "<- " : "-> ") + line;
            case AUTH:
                if (reply) {
                    if (!line.startsWith("334")) {
                        state = State.COMMANDS;
                    }
                    return "<- " + line;
                }
                return "-> " + MASK;
            default:
                if (reply) {
                    return "<- " + line;
                }
                String upper = line.toUpperCase(Locale.ROOT);
                if (upper.startsWith("AUTH ")) {
                    state = State.AUTH;
                    String[] words = line.split(" ", 3);
                    return "-> " + (words.length < 3 ? line : words[0] + " " + words[1] + " " + MASK);
                }
                if (upper.equals("DATA")) {
                    state = State.DATA_SENT;
                }
                return "-> " + line;
        }
    }

    /** A stream for {@code Session.setDebugOut}: each line, masked, to {@code sink}. */
    static OutputStream lines(TraceMasker masker, Consumer<String> sink) {
        return new OutputStream() {
            private final ByteArrayOutputStream line = new ByteArrayOutputStream();

            @Override
            public void write(int b) {
                if (b == '\n') {
                    emit();
                } else {
                    line.write(b);
                }
            }

            @Override
            public void write(byte[] b, int off, int len) {
                for (int i = off; i < off + len; i++) {
                    write(b[i]);
                }
            }

            @Override
            public void close() {
                if (line.size() > 0) {
                    emit();
                }
            }

            private void emit() {
                String s = line.toString(StandardCharsets.UTF_8);
                line.reset();
                if (s.endsWith("\r")) {
                    s = s.substring(0, s.length() - 1);
                }
                masker.mask(s, sink);
            }
        };
    }
}
