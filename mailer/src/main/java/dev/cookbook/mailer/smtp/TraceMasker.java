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
 * anywhere is masked too. Stack frames of the exceptions Angus logs are left out: they are no
 * part of the dialogue. Not thread-safe: one per send.
 */
final class TraceMasker {
    static final String MASK = "***";
    private static final Pattern REPLY = Pattern.compile("\\d{3}([ -].*)?");
    private static final Pattern STACK_FRAME = Pattern.compile("\\s+(at |\\.\\.\\. \\d+ more).*");

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

    /** The line as the trace shows it; null to leave it out. */
    String mask(String line) {
        if (state != State.DATA && STACK_FRAME.matcher(line).matches()) {
            return null;
        }
        String out = maskProtocol(line);
        if (password != null && out.contains(password)) {
            out = out.replace(password, MASK);
        }
        return out;
    }

    private String maskProtocol(String line) {
        if (line.startsWith("DEBUG")) {
            if (state == State.AUTH && line.contains("THROW")) {
                // Angus gave up the exchange ("AUTH PLAIN failed, THROW:"): it sends no more secrets,
                // and the exception that follows is not one to mask into a wall of ***.
                state = State.COMMANDS;
            }
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
                String masked = masker.mask(s);
                if (masked != null) {
                    sink.accept(masked);
                }
            }
        };
    }
}
