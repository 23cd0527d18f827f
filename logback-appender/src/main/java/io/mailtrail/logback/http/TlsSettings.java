package io.mailtrail.logback.http;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.Collection;

/** Builds the SSL context that trusts a PEM CA file or a truststore. */
public final class TlsSettings {

    private TlsSettings() {
    }

    /**
     * An SSL context trusting the certificates of a PEM file.
     *
     * @throws IllegalArgumentException with a message naming the file when it cannot be read or holds no certificate
     */
    public static SSLContext trustingPem(Path pem) {
        try (InputStream in = Files.newInputStream(pem)) {
            Collection<? extends Certificate> certs = CertificateFactory.getInstance("X.509").generateCertificates(in);
            if (certs.isEmpty()) {
                throw new IllegalArgumentException("'" + pem + "' holds no PEM certificate");
            }
            KeyStore ks = KeyStore.getInstance(KeyStore.getDefaultType());
            ks.load(null, null);
            int i = 0;
            for (Certificate c : certs) {
                ks.setCertificateEntry("ca-" + i++, c);
            }
            return context(ks);
        } catch (IOException e) {
            throw new IllegalArgumentException("'" + pem + "' cannot be read (" + e.getClass().getSimpleName() + ")", e);
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("'" + pem + "' is not a PEM certificate file: " + e.getMessage(), e);
        }
    }

    /**
     * An SSL context trusting the certificates of a keystore file (PKCS12 or JKS).
     *
     * @throws IllegalArgumentException naming the file (never the password) when it cannot be loaded
     */
    public static SSLContext trustingStore(Path store, char[] password, String type) {
        try (InputStream in = Files.newInputStream(store)) {
            KeyStore ks = KeyStore.getInstance(type);
            ks.load(in, password);
            return context(ks);
        } catch (IOException e) {
            throw new IllegalArgumentException("'" + store + "' cannot be read as a " + type
                    + " truststore (wrong file, type or password)", e);
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("'" + store + "' is not a usable " + type + " truststore: "
                    + e.getClass().getSimpleName(), e);
        }
    }

    private static SSLContext context(KeyStore trusted) throws GeneralSecurityException {
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trusted);
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(null, tmf.getTrustManagers(), null);
        return ctx;
    }
}
