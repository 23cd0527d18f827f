package io.mailtrail.testing;

import org.apache.http.Header;
import org.apache.http.HttpHost;
import org.apache.http.message.BasicHeader;
import org.elasticsearch.client.RestClient;
import org.elasticsearch.client.RestClientBuilder;

import javax.net.ssl.SSLContext;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;

/**
 * A running Elasticsearch node handed to an integration test: where it is, how to authenticate, and
 * where it came from. Immutable. Credentials never appear in {@link #toString()}.
 */
public final class ElasticsearchNode {

    private final URI url;
    private final Origin origin;
    private final Flavour flavour;
    private final String version;
    private final String username;
    private final String password;
    private final String writerUsername;
    private final String writerPassword;
    private final String bearerToken;
    private final Path caCertificate;

    private ElasticsearchNode(Builder b) {
        this.url = Objects.requireNonNull(b.url, "url");
        this.origin = Objects.requireNonNull(b.origin, "origin");
        this.flavour = Objects.requireNonNull(b.flavour, "flavour");
        this.version = b.version == null ? "unknown" : b.version;
        this.username = b.username;
        this.password = b.password;
        this.writerUsername = b.writerUsername;
        this.writerPassword = b.writerPassword;
        this.bearerToken = b.bearerToken;
        this.caCertificate = b.caCertificate;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Base URL, e.g. {@code http://127.0.0.1:9200} or {@code https://localhost:9243}. */
    public URI url() { return url; }

    public Origin origin() { return origin; }

    public Flavour flavour() { return flavour; }

    /** The version the node reports, e.g. {@code 8.19.21}. */
    public String version() { return version; }

    /** A user that may do anything (templates, searches, deletes); empty when the node has no security. */
    public Optional<String> username() { return Optional.ofNullable(username); }

    public Optional<String> password() { return Optional.ofNullable(password); }

    /** A least-privilege user that may only write to {@code logs-*} data streams (secured flavour). */
    public Optional<String> writerUsername() { return Optional.ofNullable(writerUsername); }

    public Optional<String> writerPassword() { return Optional.ofNullable(writerPassword); }

    /** A service-account bearer token that may write {@code logs-*} (secured flavour). */
    public Optional<String> bearerToken() { return Optional.ofNullable(bearerToken); }

    /** PEM file of the CA that signed the node's HTTP certificate (secured flavour). */
    public Optional<Path> caCertificate() { return Optional.ofNullable(caCertificate); }

    /** The value of an {@code Authorization} header for the all-powerful user, if the node has security. */
    public Optional<String> basicAuthHeader() {
        return username().map(u -> basic(u, password));
    }

    static String basic(String user, String pass) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + pass).getBytes(StandardCharsets.UTF_8));
    }

    /**
     * A new low-level REST client authenticated as the all-powerful user, trusting the node's CA.
     * The caller closes it.
     */
    public RestClient restClient() {
        RestClientBuilder builder = RestClient.builder(new HttpHost(url.getHost(), url.getPort(), url.getScheme()));
        basicAuthHeader().ifPresent(h -> builder.setDefaultHeaders(new Header[] {new BasicHeader("Authorization", h)}));
        if (caCertificate != null) {
            SSLContext ssl = Tls.trusting(caCertificate);
            builder.setHttpClientConfigCallback(c -> c.setSSLContext(ssl));
        }
        return builder.build();
    }

    /** An {@link SSLContext} that trusts the node's CA; the JVM default when the node has no TLS. */
    public SSLContext sslContext() {
        return caCertificate == null ? Tls.systemDefault() : Tls.trusting(caCertificate);
    }

    @Override
    public String toString() {
        return "Elasticsearch " + version + " at " + url + " (" + origin.description() + ", " + flavour.name().toLowerCase()
                + (username == null ? "" : ", user " + username + ", password ****") + ")";
    }

    /** Builds a node description; used by the providers. */
    public static final class Builder {
        private URI url;
        private Origin origin;
        private Flavour flavour = Flavour.PLAIN;
        private String version;
        private String username;
        private String password;
        private String writerUsername;
        private String writerPassword;
        private String bearerToken;
        private Path caCertificate;

        public Builder url(URI v) { this.url = v; return this; }
        public Builder origin(Origin v) { this.origin = v; return this; }
        public Builder flavour(Flavour v) { this.flavour = v; return this; }
        public Builder version(String v) { this.version = v; return this; }
        public Builder credentials(String user, String pass) { this.username = user; this.password = pass; return this; }
        public Builder writer(String user, String pass) { this.writerUsername = user; this.writerPassword = pass; return this; }
        public Builder bearerToken(String v) { this.bearerToken = v; return this; }
        public Builder caCertificate(Path v) { this.caCertificate = v; return this; }
        public ElasticsearchNode build() { return new ElasticsearchNode(this); }
    }
}
