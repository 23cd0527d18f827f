package io.mailtrail.cli.elasticsearch;

import io.mailtrail.cli.CliException;

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

/** An {@link SSLContext} trusting the certificates of one PEM file (the CA of Elasticsearch or Kibana). */
public final class PemTrust {

    private PemTrust() {
    }

    /** For {@code --es-ca}. */
    static SSLContext trusting(Path pem) {
        return trusting(pem, "--es-ca");
    }

    /**
     * @param option the option that named the file, for the one-line error a bad file gives
     * @throws CliException (usage) naming the option and the file when it holds no readable certificate
     */
    public static SSLContext trusting(Path pem, String option) {
        try (InputStream in = Files.newInputStream(pem)) {
            Collection<? extends Certificate> certs = CertificateFactory.getInstance("X.509").generateCertificates(in);
            if (certs.isEmpty()) {
                throw CliException.usage(option + " " + pem + ": no certificate in it");
            }
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            int i = 0;
            for (Certificate cert : certs) {
                store.setCertificateEntry("ca-" + i++, cert);
            }
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(store);
            SSLContext ssl = SSLContext.getInstance("TLS");
            ssl.init(null, tmf.getTrustManagers(), null);
            return ssl;
        } catch (IOException | GeneralSecurityException e) {
            throw CliException.usage(option + " " + pem + ": not a PEM certificate file (" + e.getMessage() + ")");
        }
    }
}
