package dev.cookbook.mailer.message;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.cookbook.mailer.MailException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.BiFunction;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** A CR, an LF or a CRLF in any field that becomes a header: refused, naming the field; nothing built. */
class HeaderInjectionTest {
    @TempDir
    static Path dir;

    private static MailMessage.Builder base() {
        return MailMessage.builder()
                .from("ada@example.org")
                .to("bob@example.org")
                .text("x");
    }

    static Stream<Arguments> cases() throws Exception {
        Path file = Files.write(Files.createTempDirectory("inject").resolve("a.bin"), new byte[] {1, 2});
        file.toFile().deleteOnExit();
        file.getParent().toFile().deleteOnExit();
        Stream.Builder<Arguments> out = Stream.builder();
        for (String br : new String[] {"\r", "\n", "\r\n"}) {
            String x = "evil" + br + "Bcc: victim@example.net";
            out.add(Arguments.of(
                    "From",
                    (BiFunction<MailMessage.Builder, String, MailMessage.Builder>) (b, v) -> b.from(v),
                    x,
                    "From: contains a line break (CR or LF)"));
            out.add(Arguments.of(
                    "From display name",
                    (BiFunction<MailMessage.Builder, String, MailMessage.Builder>)
                            (b, v) -> b.from("\"" + v + "\" <ada@example.org>"),
                    x,
                    "From: contains a line break (CR or LF)"));
            out.add(Arguments.of(
                    "To",
                    (BiFunction<MailMessage.Builder, String, MailMessage.Builder>)
                            (b, v) -> b.to("bob@example.org" + v),
                    x,
                    "To: contains a line break (CR or LF)"));
            out.add(Arguments.of(
                    "To display name",
                    (BiFunction<MailMessage.Builder, String, MailMessage.Builder>)
                            (b, v) -> b.to(v + " <bob@example.org>"),
                    x,
                    "To: contains a line break (CR or LF)"));
            out.add(Arguments.of(
                    "Cc",
                    (BiFunction<MailMessage.Builder, String, MailMessage.Builder>) (b, v) -> b.cc("c@example.org" + v),
                    x,
                    "Cc: contains a line break (CR or LF)"));
            out.add(Arguments.of(
                    "Bcc",
                    (BiFunction<MailMessage.Builder, String, MailMessage.Builder>) (b, v) -> b.bcc("c@example.org" + v),
                    x,
                    "Bcc: contains a line break (CR or LF)"));
            out.add(Arguments.of(
                    "Reply-To",
                    (BiFunction<MailMessage.Builder, String, MailMessage.Builder>)
                            (b, v) -> b.replyTo("r@example.org" + v),
                    x,
                    "Reply-To: contains a line break (CR or LF)"));
            out.add(Arguments.of(
                    "Subject",
                    (BiFunction<MailMessage.Builder, String, MailMessage.Builder>) (b, v) -> b.subject(v),
                    x,
                    "Subject: contains a line break (CR or LF)"));
            out.add(Arguments.of(
                    "header value",
                    (BiFunction<MailMessage.Builder, String, MailMessage.Builder>) (b, v) -> b.header("X-Test", v),
                    x,
                    "header X-Test: contains a line break (CR or LF)"));
            out.add(Arguments.of(
                    "header name",
                    (BiFunction<MailMessage.Builder, String, MailMessage.Builder>) (b, v) -> b.header("X-" + v, "1"),
                    x,
                    "header name: contains a line break (CR or LF)"));
            out.add(Arguments.of(
                    "attachment name",
                    (BiFunction<MailMessage.Builder, String, MailMessage.Builder>)
                            (b, v) -> b.attach(new MailMessage.Attachment(file, null, v)),
                    x,
                    "attachment name: contains a line break (CR or LF)"));
            out.add(Arguments.of(
                    "attachment type",
                    (BiFunction<MailMessage.Builder, String, MailMessage.Builder>)
                            (b, v) -> b.attach(new MailMessage.Attachment(file, "text/plain;" + v, null)),
                    x,
                    "attachment type: contains a line break (CR or LF)"));
            out.add(Arguments.of(
                    "content id",
                    (BiFunction<MailMessage.Builder, String, MailMessage.Builder>)
                            (b, v) -> b.html("<img src=cid:x>").inline(v, file),
                    x,
                    "inline image content id: contains a line break (CR or LF)"));
        }
        return out.build();
    }

    @ParameterizedTest(name = "{0} {index}")
    @MethodSource("cases")
    void lineBreakIsRefused(
            String field,
            BiFunction<MailMessage.Builder, String, MailMessage.Builder> set,
            String value,
            String expected) {
        MailMessage.Builder b = set.apply(base(), value);
        MailException e = assertThrows(MailException.class, b::build);
        assertEquals(MailException.Kind.INVALID, e.kind());
        assertEquals(expected, e.getMessage());
    }

    static Stream<Arguments> badHeaders() {
        return Stream.of(
                Arguments.of("Subject", "header Subject is set by cookbook and cannot be given as an extra header"),
                Arguments.of("bcc", "header bcc is set by cookbook and cannot be given as an extra header"),
                Arguments.of(
                        "Message-ID", "header Message-ID is set by cookbook and cannot be given as an extra header"),
                Arguments.of(
                        "Content-Type",
                        "header Content-Type is set by cookbook and cannot be given as an extra header"),
                Arguments.of(
                        "MIME-Version",
                        "header MIME-Version is set by cookbook and cannot be given as an extra header"),
                Arguments.of("Date", "header Date is set by cookbook and cannot be given as an extra header"),
                Arguments.of(
                        "Reply-To",
                        "header Reply-To cannot be given as an extra header: set the reply-to address instead"),
                Arguments.of(
                        "X Space",
                        "header name \"X Space\" is not valid: use printable ASCII without spaces or colons"),
                Arguments.of(
                        "X:Colon",
                        "header name \"X:Colon\" is not valid: use printable ASCII without spaces or colons"),
                Arguments.of(
                        "X-Ünï", "header name \"X-Ünï\" is not valid: use printable ASCII without spaces or colons"),
                Arguments.of("", "header name is empty"));
    }

    @ParameterizedTest
    @MethodSource("badHeaders")
    void reservedOrInvalidHeaderNamesAreRefused(String name, String expected) {
        MailException e =
                assertThrows(MailException.class, () -> base().header(name, "v").build());
        assertEquals(MailException.Kind.INVALID, e.kind());
        assertEquals(expected, e.getMessage());
    }

    static Stream<Arguments> badAddresses() {
        return Stream.of(
                Arguments.of("ada", "To: \"ada\" is not a valid address"),
                Arguments.of("ada@", "To: \"ada@\" is not a valid address"),
                Arguments.of(
                        "a@example.org, b@example.org", "To: \"a@example.org, b@example.org\" is not a valid address"),
                Arguments.of("Ada <ada@example.org", "To: \"Ada <ada@example.org\" is not a valid address"),
                Arguments.of("group: a@example.org;", "To: \"group: a@example.org;\" is a group, not one address"));
    }

    @ParameterizedTest
    @MethodSource("badAddresses")
    void invalidAddressesAreRefused(String address, String expected) {
        MailException e =
                assertThrows(MailException.class, () -> base().to(address).build());
        assertEquals(MailException.Kind.INVALID, e.kind());
        assertEquals(expected, e.getMessage());
    }

    @ParameterizedTest
    @MethodSource("badContentIds")
    void invalidContentIdsAreRefused(String id) throws Exception {
        Path png = Files.write(dir.resolve("i.png"), new byte[] {1});
        MailException e = assertThrows(
                MailException.class, () -> base().html("<img>").inline(id, png).build());
        assertEquals(
                "inline image content id \"" + id
                        + "\" is not valid: use letters, digits and . - _ (and one @), no spaces or <>",
                e.getMessage());
    }

    static Stream<String> badContentIds() {
        return Stream.of("", "<logo>", "a b", "a@b@c", ".logo", "lo..go");
    }
}
