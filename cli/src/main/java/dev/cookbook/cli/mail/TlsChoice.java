package dev.cookbook.cli.mail;

import dev.cookbook.cli.common.NamedChoice;
import dev.cookbook.mailer.smtp.TlsMode;

/** {@code --tls starttls|implicit|none}. */
final class TlsChoice extends NamedChoice<TlsMode> {
    TlsChoice() {
        super(TlsMode.class, "TLS mode");
    }
}
