package dev.cookbook.mailer.smtp;

import dev.cookbook.mailer.MailException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateFactory;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/** The SSLSocketFactory given to Angus: the JDK's trust store plus a CA file, or trust-all. */
final class TlsSockets {
    private TlsSockets() {}

    static SSLSocketFactory factory(SmtpSettings settings) throws MailException {
        try {
            TrustManager tm;
            if (settings.insecure()) {
                tm = new TrustAll();
            } else {
                List<X509TrustManager> managers = new ArrayList<>();
                managers.add(trustManager(null));
                if (settings.caFile().isPresent()) {
                    managers.add(trustManager(caStore(settings.caFile().get())));
                }
                tm = new AnyOf(managers);
            }
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {tm}, null);
            return context.getSocketFactory();
        } catch (GeneralSecurityException e) {
            throw new MailException(MailException.Kind.INVALID, "cannot set up TLS: " + e.getMessage(), e);
        }
    }

    private static KeyStore caStore(Path file) throws MailException, GeneralSecurityException {
        Collection<? extends Certificate> certs;
        try (InputStream in = Files.newInputStream(file)) {
            certs = CertificateFactory.getInstance("X.509").generateCertificates(in);
        } catch (NoSuchFileException e) {
            throw new MailException(MailException.Kind.IO, "CA file '" + file + "' does not exist", e);
        } catch (IOException e) {
            throw new MailException(MailException.Kind.IO, "cannot read CA file '" + file + "': " + e.getMessage(), e);
        } catch (CertificateException e) {
            throw new MailException(
                    MailException.Kind.INVALID, "CA file '" + file + "' is not a PEM file of certificates", e);
        }
        if (certs.isEmpty()) {
            throw new MailException(MailException.Kind.INVALID, "CA file '" + file + "' holds no certificate");
        }
        KeyStore store;
        try {
            store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
        } catch (IOException e) {
            throw new GeneralSecurityException(e);
        }
        int i = 0;
        for (Certificate cert : certs) {
            store.setCertificateEntry("ca" + i++, cert);
        }
        return store;
    }

    private static X509TrustManager trustManager(KeyStore store) throws GeneralSecurityException {
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(store);
        for (TrustManager tm : tmf.getTrustManagers()) {
            if (tm instanceof X509TrustManager x) {
                return x;
            }
        }
        throw new GeneralSecurityException("no X.509 trust manager");
    }

    /** Trusts a chain that any of its trust managers trusts; explains a refusal in words. */
    private static final class AnyOf implements X509TrustManager {
        private final List<X509TrustManager> managers;

        AnyOf(List<X509TrustManager> managers) {
            this.managers = managers;
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            throw new CertificateException("client certificates are not checked here");
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            CertificateException first = null;
            for (X509TrustManager tm : managers) {
                try {
                    tm.checkServerTrusted(chain, authType);
                    return;
                } catch (CertificateException e) {
                    if (first == null) {
                        first = e;
                    }
                }
            }
            String why = describe(chain);
            throw new UntrustedCertificateException(why != null ? why : unknownIssuer(chain), why == null, first);
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return managers.stream()
                    .flatMap(m -> java.util.Arrays.stream(m.getAcceptedIssuers()))
                    .toArray(X509Certificate[]::new);
        }
    }

    /** What is wrong with a chain besides its issuer: none, expired, not yet valid; null when nothing. */
    private static String describe(X509Certificate[] chain) {
        if (chain == null || chain.length == 0) {
            return "the server sent no certificate";
        }
        try {
            for (X509Certificate c : chain) {
                c.checkValidity();
            }
        } catch (CertificateExpiredException e) {
            return who(chain) + " or one of its issuers has expired";
        } catch (CertificateNotYetValidException e) {
            return who(chain) + " or one of its issuers is not valid yet";
        }
        return null;
    }

    private static String unknownIssuer(X509Certificate[] chain) {
        return who(chain) + " is not issued by a trusted certificate authority (issuer: "
                + chain[chain.length - 1].getIssuerX500Principal().getName() + ")";
    }

    private static String who(X509Certificate[] chain) {
        return "the server's certificate (" + chain[0].getSubjectX500Principal().getName() + ")";
    }

    /** A certificate refusal whose message is meant for the user. */
    static final class UntrustedCertificateException extends CertificateException {
        private final boolean unknownIssuer;

        UntrustedCertificateException(String message, boolean unknownIssuer, Throwable cause) {
            super(message, cause);
            this.unknownIssuer = unknownIssuer;
        }

        /** Whether the chain is valid but no trusted authority issued it (a CA file could help). */
        boolean unknownIssuer() {
            return unknownIssuer;
        }
    }

    /** For {@link SmtpSettings#insecure()}: every certificate is accepted. */
    private static final class TrustAll implements X509TrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {}

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {}

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
