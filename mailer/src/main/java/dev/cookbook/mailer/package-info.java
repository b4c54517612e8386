/**
 * Mail over SMTP on Jakarta Mail and Angus Mail: {@code message} builds standard MIME messages
 * (text, HTML, attachments, inline images, encoded headers) or takes a ready one; {@code smtp}
 * sends them with STARTTLS or implicit TLS, authentication and per-recipient results. No MIME,
 * encoding or SMTP is written by hand here.
 */
package dev.cookbook.mailer;
