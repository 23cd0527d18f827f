package io.mailtrail.testing;

import org.apache.http.Header;
import org.apache.http.HttpHost;
import org.apache.http.message.BasicHeader;
import org.elasticsearch.client.Request;
import org.elasticsearch.client.ResponseException;
import org.elasticsearch.client.RestClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import javax.net.ssl.SSLHandshakeException;
import java.io.IOException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

@ExtendWith(ElasticsearchExtension.class)
class SecuredElasticsearchNodeIT {

    @Test
    void tlsWithTheGeneratedCaAndBasicAuthSucceed(@Secured ElasticsearchNode es) throws IOException {
        assertThat(es.url().getScheme()).isEqualTo("https");
        try (RestClient client = es.restClient()) {
            assertThat(client.performRequest(new Request("GET", "/_cluster/health")).getStatusLine().getStatusCode())
                    .isEqualTo(200);
        }
    }

    @Test
    void wrongPasswordGets401(@Secured ElasticsearchNode es) throws IOException {
        try (RestClient client = client(es, ElasticsearchNode.basic(es.username().orElseThrow(), "not-the-password"))) {
            assertThatThrownBy(() -> client.performRequest(new Request("GET", "/_cluster/health")))
                    .isInstanceOfSatisfying(ResponseException.class,
                            e -> assertThat(e.getResponse().getStatusLine().getStatusCode()).isEqualTo(401));
        }
    }

    @Test
    void writerMayCreateLogsDocumentsButNotTemplates(@Secured ElasticsearchNode es) throws IOException {
        assumeThat(es.writerUsername()).isPresent();
        try (RestClient writer = client(es, ElasticsearchNode.basic(es.writerUsername().get(), es.writerPassword().orElseThrow()))) {
            Request create = new Request("POST", "/logs-harness-writer/_create/1");
            create.setJsonEntity("{\"@timestamp\":\"2026-01-01T00:00:00Z\",\"message\":\"writer\"}");
            assertThat(writer.performRequest(create).getStatusLine().getStatusCode()).isEqualTo(201);

            Request template = new Request("PUT", "/_index_template/not-allowed");
            template.setJsonEntity("{\"index_patterns\":[\"nope-*\"]}");
            assertThatThrownBy(() -> writer.performRequest(template))
                    .isInstanceOfSatisfying(ResponseException.class,
                            e -> assertThat(e.getResponse().getStatusLine().getStatusCode()).isEqualTo(403));
        }
    }

    @Test
    void bearerTokenAuthenticates(@Secured ElasticsearchNode es) throws IOException {
        assumeThat(es.bearerToken()).isPresent();
        try (RestClient client = client(es, "Bearer " + es.bearerToken().get())) {
            assertThat(client.performRequest(new Request("GET", "/_security/_authenticate")).getStatusLine().getStatusCode())
                    .isEqualTo(200);
        }
    }

    @Test
    void aClientThatDoesNotTrustTheCaIsRefused(@Secured ElasticsearchNode es) throws IOException {
        try (RestClient client = RestClient.builder(new HttpHost(es.url().getHost(), es.url().getPort(), "https")).build()) {
            assertThatThrownBy(() -> client.performRequest(new Request("GET", "/_cluster/health")))
                    .satisfies(e -> assertThat(causes(e)).anyMatch(SSLHandshakeException.class::isInstance));
        }
    }

    private static java.util.List<Throwable> causes(Throwable e) {
        java.util.List<Throwable> all = new java.util.ArrayList<>();
        for (Throwable t = e; t != null && !all.contains(t); t = t.getCause()) {
            all.add(t);
        }
        return all;
    }

    private static RestClient client(ElasticsearchNode es, String authorization) {
        return RestClient.builder(new HttpHost(es.url().getHost(), es.url().getPort(), es.url().getScheme()))
                .setDefaultHeaders(new Header[] {new BasicHeader("Authorization", authorization)})
                .setHttpClientConfigCallback(c -> c.setSSLContext(es.sslContext()))
                .build();
    }
}
