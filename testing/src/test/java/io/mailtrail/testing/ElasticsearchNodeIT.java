package io.mailtrail.testing;

import org.elasticsearch.client.Request;
import org.elasticsearch.client.Response;
import org.elasticsearch.client.RestClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(ElasticsearchExtension.class)
class ElasticsearchNodeIT {

    @Test
    void writesADocumentAndReadsItBack(ElasticsearchNode es) throws IOException {
        System.out.println("[ElasticsearchNodeIT] node " + es.version() + " from " + es.origin().description());
        try (RestClient client = es.restClient()) {
            Request put = new Request("PUT", "/harness-check/_doc/1");
            put.addParameter("refresh", "true");
            put.setJsonEntity("{\"message\":\"hello from the harness\",\"count\":42}");
            assertThat(client.performRequest(put).getStatusLine().getStatusCode()).isIn(200, 201);

            Response get = client.performRequest(new Request("GET", "/harness-check/_doc/1"));
            String body = new String(get.getEntity().getContent().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(body).contains("\"found\":true").contains("hello from the harness").contains("\"count\":42");

            client.performRequest(new Request("DELETE", "/harness-check"));
        }
        assertThat(es.version()).matches("\\d+\\.\\d+\\.\\d+.*");
    }

    @Test
    void sameNodeIsReusedWithinTheJvm(ElasticsearchNode first, ElasticsearchNode second) {
        assertThat(second).isSameAs(first);
    }
}
