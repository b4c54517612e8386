/**
 * Mail messages as SMTP sends them, built with Jakarta Mail's MIME classes.
 *
 * <p>For most uses: describe the mail with a {@link dev.cookbook.mailer.message.MailMessage}
 * builder and turn it into an {@link dev.cookbook.mailer.message.OutgoingMessage} with
 * {@link dev.cookbook.mailer.message.MessageBuilder#build}; for a message another program made,
 * use {@link dev.cookbook.mailer.message.ReadyMessage#read}. Either result is written for a dry
 * run with {@link dev.cookbook.mailer.message.OutgoingMessage#writeTo} and sent by the transport
 * to its {@link dev.cookbook.mailer.message.OutgoingMessage#recipients()}. Every failure is a
 * {@link dev.cookbook.mailer.MailException}: {@code INVALID} for what the caller gave (addresses,
 * header values with a CR or LF, names), {@code IO} for files that cannot be read.
 */
package dev.cookbook.mailer.message;
