package dev.cookbook.mailer.smtp;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.util.List;
import java.util.Properties;

/** Small messages for the transport tests; building MIME is the message package's job. */
final class Messages {
    private Messages() {}

    static MimeMessage simple(String from, String to, String subject) throws MessagingException {
        MimeMessage m = new MimeMessage(Session.getInstance(new Properties()));
        m.setFrom(new InternetAddress(from));
        m.setRecipients(Message.RecipientType.TO, InternetAddress.parse(to));
        m.setSubject(subject);
        m.setText("Hello from the smtp tests.\n");
        m.saveChanges();
        return m;
    }

    /** An address that may hold non-ASCII characters, unchecked. */
    static InternetAddress address(String address) {
        InternetAddress a = new InternetAddress();
        a.setAddress(address);
        return a;
    }

    static List<InternetAddress> addresses(String... addresses) {
        return java.util.Arrays.stream(addresses).map(Messages::address).toList();
    }
}
