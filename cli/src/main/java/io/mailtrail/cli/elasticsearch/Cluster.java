package io.mailtrail.cli.elasticsearch;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.json.jackson.JacksonJsonpMapper;
import co.elastic.clients.transport.rest_client.RestClientTransport;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mailtrail.cli.CliException;
import io.mailtrail.cli.ExitCode;
import org.apache.http.HttpHost;
import org.apache.http.auth.AuthScope;
import org.apache.http.auth.UsernamePasswordCredentials;
import org.apache.http.impl.client.BasicCredentialsProvider;
import org.apache.http.util.EntityUtils;
import org.elasticsearch.client.Request;
import org.elasticsearch.client.Response;
import org.elasticsearch.client.ResponseException;
import org.elasticsearch.client.RestClient;
import org.elasticsearch.client.RestClientBuilder;

import javax.net.ssl.SSLContext;
import java.io.IOException;
import java.util.Iterator;
import java.util.Optional;

/**
 * A connection to one cluster: the Java API client for typed calls, the low-level client for reading raw
 * JSON and probing, and translation of every failure into a {@link CliException} that names the URL, the
 * user and the missing privilege. Never calls {@code info()}: not every node serves {@code GET /}.
 */
public final class Cluster implements AutoCloseable {

    /** Data stream lifecycle in templates (8.14) is the newest feature the templates use. */
    public static final Version MINIMUM_VERSION = Version.parse("8.14.0");

    private static final ObjectMapper JSON = new ObjectMapper();

    private final ConnectionOptions options;
    private final RestClient rest;
    private final ElasticsearchClient client;

    private Cluster(ConnectionOptions options, RestClient rest) {
        this.options = options;
        this.rest = rest;
        this.client = new ElasticsearchClient(new RestClientTransport(rest, new JacksonJsonpMapper()));
    }

    /** Builds the clients; does not contact the cluster yet. */
    public static Cluster connect(ConnectionOptions options) {
        HttpHost host = new HttpHost(options.url().getHost(), options.url().getPort(), options.url().getScheme());
        RestClientBuilder builder = RestClient.builder(host);
        String path = options.url().getPath();
        if (path != null && !path.isEmpty() && !path.equals("/")) {
            // A cluster behind a proxy under a path, e.g. https://gateway.example.com/elasticsearch
            builder.setPathPrefix(path);
        }
        SSLContext ssl = options.caCertificate().map(PemTrust::trusting).orElse(null);
        BasicCredentialsProvider credentials = options.username().map(user -> {
            BasicCredentialsProvider p = new BasicCredentialsProvider();
            p.setCredentials(AuthScope.ANY, new UsernamePasswordCredentials(user, options.password().orElse("")));
            return p;
        }).orElse(null);
        builder.setHttpClientConfigCallback(http -> {
            if (ssl != null) {
                http.setSSLContext(ssl);
            }
            if (credentials != null) {
                http.setDefaultCredentialsProvider(credentials);
            }
            return http;
        });
        return new Cluster(options, builder.build());
    }

    public ConnectionOptions options() {
        return options;
    }

    /** The typed client; wrap its calls in {@link #call}. */
    public ElasticsearchClient client() {
        return client;
    }

    /** A typed-client call. */
    @FunctionalInterface
    public interface ClientCall<T> {
        T run(ElasticsearchClient client) throws IOException;
    }

    /**
     * Runs a call, translating failures.
     *
     * @param action    what it does, for messages: {@code install index template 'x'}
     * @param privilege the cluster privilege it needs, named when the cluster answers 403
     */
    public <T> T call(String action, String privilege, ClientCall<T> call) {
        try {
            return call.run(client);
        } catch (IOException | RuntimeException e) {
            throw Failures.translate(options, action, privilege, e);
        }
    }

    /** {@code GET path} as JSON; empty when the cluster answers 404. */
    public Optional<JsonNode> get(String path, String action, String privilege) {
        return read("GET", path, action, privilege);
    }

    /** {@code POST path} without a body (e.g. a simulate API), as JSON; empty when the cluster answers 404. */
    public Optional<JsonNode> post(String path, String action, String privilege) {
        return read("POST", path, action, privilege);
    }

    private Optional<JsonNode> read(String method, String path, String action, String privilege) {
        try {
            Response response = rest.performRequest(new Request(method, path));
            return Optional.of(JSON.readTree(EntityUtils.toString(response.getEntity())));
        } catch (ResponseException e) {
            if (e.getResponse().getStatusLine().getStatusCode() == 404) {
                return Optional.empty();
            }
            throw Failures.translate(options, action, privilege, e);
        } catch (IOException | RuntimeException e) {
            throw Failures.translate(options, action, privilege, e);
        }
    }

    /**
     * The HTTP status of {@code GET path}, for feature probes: 4xx statuses are answers, not failures, except
     * 401 (wrong credentials), which is reported.
     */
    public int probe(String path, String action) {
        try {
            return rest.performRequest(new Request("GET", path)).getStatusLine().getStatusCode();
        } catch (ResponseException e) {
            int status = e.getResponse().getStatusLine().getStatusCode();
            if (status == 401) {
                throw Failures.translate(options, action, "none", e);
            }
            return status;
        } catch (IOException | RuntimeException e) {
            throw Failures.translate(options, action, "none", e);
        }
    }

    /** What a feature probe with a body answered: its status and, where the answer was JSON, the body. */
    public record ProbeAnswer(int status, JsonNode body) {
        /** The {@code error.reason} (or root cause reason) Elasticsearch gave, or the status when it gave none. */
        public String reason() {
            JsonNode error = body == null ? null : body.path("error");
            if (error == null || error.isMissingNode()) {
                return "HTTP " + status;
            }
            String reason = error.path("reason").asText("");
            return reason.isEmpty() ? "HTTP " + status : reason;
        }
    }

    /**
     * {@code method path} with a JSON body, for feature probes that ask the cluster whether it would accept
     * something (a simulate API): 4xx statuses are answers, not failures, except 401, which is reported.
     */
    public ProbeAnswer probe(String method, String path, String jsonBody, String action) {
        Request request = new Request(method, path);
        request.setJsonEntity(jsonBody);
        try {
            Response response = rest.performRequest(request);
            return new ProbeAnswer(response.getStatusLine().getStatusCode(), parse(EntityUtils.toString(response.getEntity())));
        } catch (ResponseException e) {
            int status = e.getResponse().getStatusLine().getStatusCode();
            if (status == 401) {
                throw Failures.translate(options, action, "none", e);
            }
            String body;
            try {
                body = EntityUtils.toString(e.getResponse().getEntity());
            } catch (IOException | RuntimeException unreadable) {
                body = null;
            }
            return new ProbeAnswer(status, parse(body));
        } catch (IOException | RuntimeException e) {
            throw Failures.translate(options, action, "none", e);
        }
    }

    private static JsonNode parse(String body) {
        if (body == null || body.isBlank()) {
            return null;
        }
        try {
            return JSON.readTree(body);
        } catch (IOException notJson) {
            return null;
        }
    }

    /** The failure to report when a probe answered an error status the caller can't go on with. */
    public CliException refused(String action, String privilege, int status) {
        return Failures.fromStatus(options, action, privilege, status, "HTTP " + status);
    }

    /**
     * The version of the node answering, read from the nodes info API (not {@code GET /}); empty when the
     * cluster doesn't say: the user lacks the cluster privilege {@code monitor} (403), or the deployment does
     * not offer the API.
     */
    public Optional<Version> version() {
        String path = "/_nodes/_local?filter_path=nodes.*.version";
        int status = probe(path, "read the cluster version");
        if (status < 200 || status >= 300) {
            return Optional.empty();
        }
        JsonNode nodes = get(path, "read the cluster version", "monitor").orElseThrow().path("nodes");
        Iterator<JsonNode> it = nodes.elements();
        return it.hasNext() ? Optional.of(Version.parse(it.next().path("version").asText())) : Optional.empty();
    }

    /**
     * Fails when the cluster is older than {@link #MINIMUM_VERSION}.
     *
     * @return the version, or empty when it could not be read
     */
    public Optional<Version> requireSupportedVersion() {
        Optional<Version> version = version();
        version.filter(v -> v.compareTo(MINIMUM_VERSION) < 0).ifPresent(v -> {
            throw new CliException(ExitCode.UNSUPPORTED, "Elasticsearch at " + options.url() + " is version " + v
                    + "; mailtrail needs " + MINIMUM_VERSION + " or newer (data stream lifecycle in index templates).");
        });
        return version;
    }

    @Override
    public void close() {
        try {
            rest.close();
        } catch (IOException ignored) {
            // Nothing left to do with a connection that fails to close.
        }
    }
}
