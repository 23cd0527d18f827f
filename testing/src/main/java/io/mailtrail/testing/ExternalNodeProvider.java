package io.mailtrail.testing;

import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * A cluster someone else runs: {@code MAILTRAIL_ES_URL}, with optional {@code MAILTRAIL_ES_USER},
 * {@code MAILTRAIL_ES_PASSWORD} and {@code MAILTRAIL_ES_CA} (PEM). It serves both flavours with the same
 * credentials; the harness never stops it.
 */
final class ExternalNodeProvider implements NodeProvider {

    static final String URL = "MAILTRAIL_ES_URL";

    private final Map<String, String> env;

    ExternalNodeProvider(Map<String, String> env) {
        this.env = env;
    }

    @Override
    public Optional<String> unavailableReason() {
        String url = env.get(URL);
        return url == null || url.isBlank() ? Optional.of(URL + " is not set") : Optional.empty();
    }

    @Override
    public RunningNode start(Flavour flavour) throws Exception {
        URI url = URI.create(env.get(URL).replaceAll("/+$", ""));
        String user = env.get("MAILTRAIL_ES_USER");
        String pass = env.get("MAILTRAIL_ES_PASSWORD");
        String ca = env.get("MAILTRAIL_ES_CA");
        Path caPath = ca == null || ca.isBlank() ? null : Path.of(ca);
        ElasticsearchNode.Builder b = ElasticsearchNode.builder().url(url).origin(Origin.EXTERNAL).flavour(flavour)
                .caCertificate(caPath);
        if (user != null) {
            b.credentials(user, pass).writer(user, pass);
        }
        NodeHttp http = new NodeHttp(url, caPath == null ? Tls.systemDefault() : Tls.trusting(caPath),
                user == null ? null : ElasticsearchNode.basic(user, pass));
        ElasticsearchNode node = b.version(http.version()).build();
        return new RunningNode() {
            @Override
            public ElasticsearchNode node() {
                return node;
            }

            @Override
            public void close() {
                // not ours to stop
            }
        };
    }
}
