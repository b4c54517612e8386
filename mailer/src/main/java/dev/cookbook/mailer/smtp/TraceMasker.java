package dev.cookbook.mailer.smtp;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * Masks authentication secrets in Angus's protocol trace, line by line: the initial response of
 * {@code AUTH PLAIN} (user and password in base64) and every client line of an AUTH exchange
 * (the base64 user and password of {@code AUTH LOGIN}) become {@code ***}. A literal password
 * anywhere is masked too. Not thread-safe: one per send.
 */
final class TraceMasker {
    static final String MASK = "***";
    private static final Pattern REPLY = Pattern.compile("\\d{3}([ -].*)?");

    private enum State {
        COMMANDS,
        AUTH,
        DATA_SENT,
        DATA
    }

    private final String password;
    private State state = State.COMMANDS;

    /** @param password masked wherever it appears; null or empty for none */
    TraceMasker(String password) {
        this.password = password == null || password.isEmpty() ? null : password;
    }

    String mask(String line) {
        String out = maskProtocol(line);
        if (password != null && out.contains(password)) {
            out = out.replace(password, MASK);
        }
        return out;
    }

    private String maskProtocol(String line) {
        if (line.startsWith("DEBUG")) {
            return line;
        }
        boolean reply = REPLY.matcher(line).matches();
        switch (state) {
            case DATA:
                if (line.equals(".")) {
                    state = State.COMMANDS;
                }
                return line;
            case DATA_SENT:
                state = reply && line.startsWith("354") ? State.DATA : State.COMMANDS;
                return line;
            case AUTH:
                if (reply) {
                    if (!line.startsWith("334")) {
                        state = State.COMMANDS;
                    }
                    return line;
                }
                return MASK;
            default:
                String upper = line.toUpperCase(Locale.ROOT);
                if (upper.startsWith("AUTH ")) {
                    state = State.AUTH;
                    String[] words = line.split(" ", 3);
                    return words.length < 3 ? line : words[0] + " " + words[1] + " " + MASK;
                }
                if (upper.equals("DATA")) {
                    state = State.DATA_SENT;
                }
                return line;
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
                sink.accept(masker.mask(s));
            }
        };
    }
}
