package io.mailtrail.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mailtrail.schema.Dataset;
import io.mailtrail.schema.Fields;
import io.mailtrail.testing.ElasticsearchExtension;
import io.mailtrail.testing.ElasticsearchNode;
import org.apache.http.util.EntityUtils;
import org.elasticsearch.client.Request;
import org.elasticsearch.client.RestClient;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code top}, {@code tail} and {@code events} on the real node, against call and delivery events seeded with
 * known numbers, and against a port where nothing listens.
 */
@ExtendWith(ElasticsearchExtension.class)
class LiveCommandsIT {

    private static final String NS = "liveit";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static String url;

    /**
     * sendgrid: 4 sends in 5 attempts (one retried after a 503, one failed on a 429), all 40 ms;
     * ses: 2 sends, 2 attempts, both fine, 100 ms. One delivery event.
     */
    @BeforeAll
    static void seed(ElasticsearchNode es) throws IOException {
        url = es.url().toString();
        Run setup = Run.of("setup", "--es-url", url, "--namespace", NS);
        assertThat(setup.exitCode()).as(setup.toString()).isEqualTo(ExitCode.OK);
        Instant t = Instant.now().minusSeconds(20);
        StringBuilder bulk = new StringBuilder();
        call(bulk, t, "sendgrid", "a", 1, true, null, 40);
        call(bulk, t.plusSeconds(1), "sendgrid", "b", 1, false, "provider_unavailable", 40);
        call(bulk, t.plusSeconds(2), "sendgrid", "b", 2, true, null, 40);
        call(bulk, t.plusSeconds(3), "sendgrid", "c", 1, false, "rate_limited", 40);
        call(bulk, t.plusSeconds(4), "sendgrid", "d", 1, true, null, 40);
        call(bulk, t.plusSeconds(5), "ses", "e", 1, true, null, 100);
        call(bulk, t.plusSeconds(6), "ses", "f", 1, true, null, 100);
        ObjectNode delivery = JSON.createObjectNode();
        delivery.put(Fields.TIMESTAMP.name(), t.plusSeconds(7).toString());
        delivery.put(Fields.EVENT_ID.name(), UUID.randomUUID().toString());
        delivery.put(Fields.PROVIDER.name(), "sendgrid");
        delivery.put(Fields.DELIVERY_STATUS.name(), "delivered");
        bulk.append("{\"create\":{\"_index\":\"").append(Dataset.DELIVERY.dataStream(NS)).append("\"}}\n").append(delivery).append('\n');
        try (RestClient client = es.restClient()) {
            Request r = new Request("POST", "/_bulk");
            r.addParameter("refresh", "true");
            r.setJsonEntity(bulk.toString());
            String answer = EntityUtils.toString(client.performRequest(r).getEntity());
            assertThat(JSON.readTree(answer).path("errors").asBoolean()).as(answer).isFalse();
        }
    }

    private static void call(StringBuilder bulk, Instant at, String provider, String send, int attempt, boolean ok, String category,
                             long millis) {
        ObjectNode d = JSON.createObjectNode();
        d.put(Fields.TIMESTAMP.name(), at.toString());
        d.put(Fields.EVENT_ID.name(), UUID.randomUUID().toString());
        d.put(Fields.SERVICE_NAME.name(), "seeded");
        d.put(Fields.PROVIDER.name(), provider);
        d.put(Fields.TEMPLATE.name(), "receipt");
        d.put(Fields.SEND_ID.name(), send);
        d.put(Fields.ATTEMPT_NUMBER.name(), attempt);
        boolean last = ok || "rate_limited".equals(category);
        d.put(Fields.ATTEMPT_FINAL.name(), last);
        d.put(Fields.EVENT_OUTCOME.name(), ok ? "success" : "failure");
        d.put(Fields.SUCCESS_COUNT.name(), ok ? 1 : 0);
        d.put(Fields.EVENT_DURATION.name(), millis * 1_000_000);
        if (category != null) {
            d.put(Fields.ERROR_CATEGORY.name(), category);
            d.put(Fields.HTTP_RESPONSE_STATUS_CODE.name(), "rate_limited".equals(category) ? 429 : 503);
        }
        bulk.append("{\"create\":{\"_index\":\"").append(Dataset.CALLS.dataStream(NS)).append("\"}}\n").append(d).append('\n');
    }

    @Test
    void topShowsThePerProviderNumbersOfTheWindow() {
        Run top = Run.of("top", "--es-url", url, "--namespace", NS, "--count", "1", "--window", "5m", "--plain");
        assertThat(top.exitCode()).as(top.toString()).isEqualTo(ExitCode.OK);
        // provider, sends/min (sends / 5 minutes), success of sends, p95 ms, retries, attempts, failed attempts
        assertThat(row(top.out(), "sendgrid")).as(top.toString()).containsExactly("sendgrid", "0.8", "75.0%", "40", "1", "5", "2");
        assertThat(row(top.out(), "ses")).as(top.toString()).containsExactly("ses", "0.4", "100.0%", "100", "0", "2", "0");
        assertThat(row(top.out(), "all")).as(top.toString()).containsExactly("all", "1.2", "83.3%", "-", "1", "7", "2");
    }

    @Test
    void topFiltersByProvider() {
        Run top = Run.of("top", "--es-url", url, "--namespace", NS, "--count", "1", "--provider", "ses", "--plain");
        assertThat(top.out()).as(top.toString()).contains("ses ").doesNotContain("sendgrid");
    }

    @Test
    void tailPrintsEachFailureOnce() {
        Run tail = Run.of("tail", "--es-url", url, "--namespace", NS, "--failures", "--since", "5m", "--for", "1s", "--interval", "200ms");
        assertThat(tail.exitCode()).as(tail.toString()).isEqualTo(ExitCode.OK);
        List<String> lines = tail.out().lines().toList();
        assertThat(lines).as(tail.toString()).hasSize(2);
        assertThat(lines.get(0)).contains("seeded sendgrid receipt failure provider_unavailable HTTP 503 attempt 1 40 ms");
        assertThat(lines.get(1)).contains("seeded sendgrid receipt failure rate_limited HTTP 429 attempt 1 (final) 40 ms");
    }

    @Test
    void tailWithoutFiltersPrintsEveryCallOldestFirst() {
        Run tail = Run.of("tail", "--es-url", url, "--namespace", NS, "--since", "5m", "--for", "1s", "--interval", "300ms");
        List<String> lines = tail.out().lines().toList();
        assertThat(lines).as(tail.toString()).hasSize(7);
        assertThat(lines.get(0)).contains("sendgrid receipt success attempt 1 (final)");
        assertThat(lines.get(6)).contains("ses receipt success");
    }

    @Test
    void eventsCountsPerOutcomeAndCategoryWithTheLatestEvents() {
        Run events = Run.of("events", "--es-url", url, "--namespace", NS, "--latest", "1");
        assertThat(events.exitCode()).as(events.toString()).isEqualTo(ExitCode.OK);
        assertThat(events.out()).as(events.toString())
                .contains(Dataset.CALLS.dataStream(NS) + ": 7 events")
                .contains(Dataset.DELIVERY.dataStream(NS) + ": 1 event")
                .containsPattern("success +- +5 ")
                .containsPattern("failure +provider_unavailable +1 ")
                .containsPattern("failure +rate_limited +1 ")
                .containsPattern("delivered +- +1 ")
                .contains("GET " + Dataset.CALLS.dataStream(NS) + "/_search");
        // --latest 1: one event line under each of the 3 call groups and the delivery group
        assertThat(events.out().lines().filter(l -> l.startsWith("      ")).count()).isEqualTo(4);
    }

    @Test
    void eventsOnAnEmptyNamespaceNamesTheOnesThere() {
        Run events = Run.of("events", "--es-url", url, "--namespace", "nothing_here");
        assertThat(events.exitCode()).as(events.toString()).isEqualTo(ExitCode.FAILED);
        assertThat(events.err()).contains("no mailtrail events in logs-mailtrail.calls-nothing_here")
                .contains(Dataset.CALLS.dataStream(NS)).contains("--namespace");
    }

    @Test
    void anUnreachableClusterIsOneLinePerTryAndNoStackTrace() throws IOException {
        String nowhere = "http://127.0.0.1:" + freePort();
        Run top = Run.of("top", "--es-url", nowhere, "--count", "2", "--interval", "100ms", "--plain");
        assertThat(top.exitCode()).as(top.toString()).isEqualTo(ExitCode.UNREACHABLE);
        List<String> errors = top.err().lines().toList();
        assertThat(errors).as(top.toString()).hasSize(2)
                .allMatch(l -> l.startsWith("mailtrail top: cannot connect to Elasticsearch at " + nowhere) && l.endsWith("Retrying in 100 ms."));

        Run tail = Run.of("tail", "--es-url", nowhere, "--for", "1s", "--interval", "300ms");
        assertThat(tail.exitCode()).as(tail.toString()).isEqualTo(ExitCode.UNREACHABLE);
        assertThat(tail.err()).contains("mailtrail tail: cannot connect").doesNotContain("\tat ").doesNotContain("Exception");

        Run events = Run.of("events", "--es-url", nowhere);
        assertThat(events.exitCode()).isEqualTo(ExitCode.UNREACHABLE);
        assertThat(events.err().lines().count()).as(events.toString()).isEqualTo(1);
    }

    /** The example queries of cli/README.md, run as written on the seeded events. */
    @Test
    void theReadmeExampleQueriesAnswerAsDescribed(ElasticsearchNode es) throws IOException {
        String readme = java.nio.file.Files.readString(java.nio.file.Path.of("README.md"));
        int at = readme.indexOf("curl -s \"$ES/logs-mailtrail.calls-production/_search?size=0&pretty\"");
        assertThat(at).as("the aggregation example in cli/README.md").isPositive();
        int open = readme.indexOf("-d '", at) + 4;
        String body = readme.substring(open, readme.indexOf("'", open));
        try (RestClient client = es.restClient()) {
            Request search = new Request("POST", "/" + Dataset.CALLS.dataStream(NS) + "/_search");
            search.setJsonEntity(body);
            var buckets = JSON.readTree(EntityUtils.toString(client.performRequest(search).getEntity()))
                    .path("aggregations").path("provider").path("buckets");
            Map<String, Double> successRate = new java.util.TreeMap<>();
            buckets.forEach(b -> successRate.put(b.path("key").asText(), b.path("success_rate").path("value").asDouble()));
            // attempts: sendgrid 3 of 5 succeeded, ses 2 of 2
            assertThat(successRate).isEqualTo(Map.of("sendgrid", 0.6, "ses", 1.0));
            assertThat(buckets.get(0).path("p95_ns").path("values").path("95.0").asDouble()).isEqualTo(40_000_000.0);

            assertThat(readme).contains("curl -s \"$ES/logs-mailtrail.calls-production/_search?q=event.outcome:failure&size=5&pretty\"");
            Request failures = new Request("GET", "/" + Dataset.CALLS.dataStream(NS) + "/_search");
            failures.addParameter("q", "event.outcome:failure");
            failures.addParameter("size", "5");
            assertThat(JSON.readTree(EntityUtils.toString(client.performRequest(failures).getEntity()))
                    .path("hits").path("total").path("value").asLong()).isEqualTo(2);
        }
    }

    /** The whitespace-separated cells of the table line starting with {@code name}. */
    private static List<String> row(String out, String name) {
        return out.lines().filter(l -> l.startsWith(name + " ")).findFirst().map(l -> Arrays.asList(l.trim().split("\\s+")))
                .orElseThrow(() -> new AssertionError("no line for " + name + " in\n" + out));
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

}
