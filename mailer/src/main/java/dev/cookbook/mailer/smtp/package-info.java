/**
 * Sending over SMTP with Angus Mail: STARTTLS (required) or implicit TLS, certificates checked
 * against the JVM's trust store plus an optional private CA, authentication, per-recipient
 * results and a trace of the dialogue with its secrets masked.
 *
 * <p>For most uses, build {@link dev.cookbook.mailer.smtp.SmtpSettings} and call {@link
 * dev.cookbook.mailer.smtp.SmtpSender#send(jakarta.mail.internet.MimeMessage, java.util.List,
 * dev.cookbook.mailer.smtp.SmtpSettings)}; a failure is a {@link
 * dev.cookbook.mailer.smtp.SmtpException} naming the server, the stage and the server's reply.
 */
package dev.cookbook.mailer.smtp;
