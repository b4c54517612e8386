package dev.cookbook.mailer.message;

import dev.cookbook.mailer.MailException;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;

/** The checks every value that ends up in a header goes through: line breaks, header names, addresses. */
final class Fields {
    /** Headers cookbook writes itself; {@code Content-*} is refused by prefix. */
    private static final Set<String> RESERVED =
            Set.of("from", "to", "cc", "bcc", "subject", "date", "message-id", "mime-version");

    private Fields() {}

    /**
     * Refuses a CR or LF anywhere in {@code value}: one is all a header injection needs, and none
     * has a place in a single header value (folding is the library's job, not the caller's).
     */
    static void noLineBreak(String field, String value) throws MailException {
        if (value != null && (value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0)) {
            throw new MailException(MailException.Kind.INVALID, field + ": contains a line break (CR or LF)");
        }
    }

    /** Checks an extra header's name: RFC 5322 ftext, and not one of the headers cookbook sets. */
    static void extraHeaderName(String name) throws MailException {
        noLineBreak("header name", name);
        if (name.isEmpty()) {
            throw new MailException(MailException.Kind.INVALID, "header name is empty");
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c < 33 || c > 126 || c == ':') {
                throw new MailException(
                        MailException.Kind.INVALID,
                        "header name \"" + name + "\" is not valid: use printable ASCII without spaces or colons");
            }
        }
        String lower = name.toLowerCase(Locale.ROOT);
        if (lower.equals("reply-to")) {
            throw new MailException(
                    MailException.Kind.INVALID,
                    "header Reply-To cannot be given as an extra header: set the reply-to address instead");
        }
        if (RESERVED.contains(lower) || lower.startsWith("content-")) {
            throw new MailException(
                    MailException.Kind.INVALID,
                    "header " + name + " is set by cookbook and cannot be given as an extra header");
        }
    }

    /**
     * Parses one address strictly ({@code Ada <ada@example.org>}, {@code "Lovelace, Ada"
     * <ada@example.org>}, {@code ada@example.org}). A display name is re-set with an explicit
     * UTF-8 charset: a parsed address otherwise writes its name back as it was given, raw
     * non-ASCII included, and the platform's default charset is not necessarily UTF-8.
     */
    static InternetAddress address(String field, String text) throws MailException {
        if (text == null) {
            throw new MailException(MailException.Kind.INVALID, field + ": no address given");
        }
        noLineBreak(field, text);
        InternetAddress a;
        try {
            a = new InternetAddress(text.strip(), true);
            if (a.isGroup()) {
                throw new MailException(
                        MailException.Kind.INVALID, field + ": \"" + text + "\" is a group, not one address");
            }
        } catch (AddressException e) {
            throw new MailException(MailException.Kind.INVALID, field + ": \"" + text + "\" is not a valid address", e);
        }
        String personal = a.getPersonal();
        try {
            a.setPersonal(personal == null || personal.isBlank() ? null : personal, StandardCharsets.UTF_8.name());
        } catch (UnsupportedEncodingException e) {
            throw new IllegalStateException("UTF-8 is always supported", e);
        }
        return a;
    }
}
