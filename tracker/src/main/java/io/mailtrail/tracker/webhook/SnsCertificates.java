package io.mailtrail.tracker.webhook;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.PublicKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Where the SNS verifier gets the public key of a message's {@code SigningCertURL}. The verifier has checked the
 * URL before asking (https, host {@code sns.<region>.amazonaws.com}, a {@code .pem} path). {@link #https()}
 * downloads and caches the certificate; tests inject a key of their own.
 */
@FunctionalInterface
public interface SnsCertificates {

    /** The public key of the certificate at {@code url}; throws when it cannot be had or is not valid now. */
    PublicKey publicKey(URI url) throws Exception;

    /**
     * Downloads the PEM certificate over HTTPS (the JDK's trust store checks the server is AWS's), checks it is
     * valid now, and keeps its key per URL in this instance (SNS uses few certificates).
     */
    static SnsCertificates https() {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
                .followRedirects(HttpClient.Redirect.NEVER).build();
        Map<URI, X509Certificate> cache = new ConcurrentHashMap<>();
        return url -> {
            X509Certificate cert = cache.get(url);
            if (cert == null) {
                HttpResponse<byte[]> r = client.send(HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(10)).GET().build(),
                        HttpResponse.BodyHandlers.ofByteArray());
                if (r.statusCode() != 200) {
                    throw new IllegalStateException("SigningCertURL answered HTTP " + r.statusCode());
                }
                cert = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(r.body()));
                cache.put(url, cert);
            }
            cert.checkValidity();
            return cert.getPublicKey();
        };
    }
}
