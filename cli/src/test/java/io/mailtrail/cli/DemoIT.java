package io.mailtrail.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.mailtrail.schema.Dataset;
import io.mailtrail.schema.Fields;
import io.mailtrail.testing.ElasticsearchExtension;
import io.mailtrail.testing.ElasticsearchNode;
import org.apache.http.util.EntityUtils;
import org.elasticsearch.client.Request;
import org.elasticsearch.client.RestClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code mailtrail demo} in a shortened run on the test node ({@code --es-url}: the demo must neither start nor
 * stop it): exit 0, a summary equal to what direct queries count, the injected faults visible in it, and nothing
 * left running.
 */
@ExtendWith(ElasticsearchExtension.class)
class DemoIT {

    private static final String NS = "demoit";
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aShortRunEndsWithASummaryThatEqualsDirectQueries(ElasticsearchNode es) throws Exception {
        Run demo = Run.of("demo", "--es-url", es.url().toString(), "--namespace", NS, "--duration", "20s", "--rate", "10",
                "--refresh", "5s", "--plain");
        assertThat(demo.exitCode()).as(demo.toString()).isEqualTo(ExitCode.OK);
        assertThat(demo.out()).as(demo.toString()).contains("setup: index templates installed for namespace " + NS)
                .contains("sendgrid outage (HTTP 503) from 0:03 to 0:09").contains("explore the data:");

        Map<String, List<Long>> printed = summaryRows(demo.out());
        Map<String, List<Long>> direct = new TreeMap<>();
        try (RestClient client = es.restClient()) {
            for (String provider : List.of("sendgrid", "ses", "mailgun", "smtp")) {
                direct.put(provider, List.of(
                        count(client, provider, "{\"term\":{\"" + Fields.ATTEMPT_FINAL.name() + "\":true}}"),
                        count(client, provider, "{\"term\":{\"" + Fields.ATTEMPT_FINAL.name() + "\":true}}",
                                "{\"term\":{\"" + Fields.EVENT_OUTCOME.name() + "\":\"success\"}}"),
                        count(client, provider, "{\"term\":{\"" + Fields.ATTEMPT_FINAL.name() + "\":true}}",
                                "{\"term\":{\"" + Fields.EVENT_OUTCOME.name() + "\":\"failure\"}}"),
                        count(client, provider),
                        count(client, provider, "{\"range\":{\"" + Fields.ATTEMPT_NUMBER.name() + "\":{\"gt\":1}}}")));
            }
            assertThat(printed).as("summary (sends, succeeded, failed, attempts, retries) vs direct counts\n%s", demo)
                    .isEqualTo(direct);
            long deliveries = countIn(client, Dataset.DELIVERY.dataStream(NS), List.of());
            long bounces = countIn(client, Dataset.DELIVERY.dataStream(NS),
                    List.of("{\"term\":{\"" + Fields.DELIVERY_STATUS.name() + "\":\"bounced_hard\"}}"));
            assertThat(bounces).as("hard bounces of unknown recipients").isPositive();
            long attempts = direct.values().stream().mapToLong(r -> r.get(3)).sum();
            // every event the appender took is in the node, none dropped
            Matcher events = Pattern.compile("events: (\\d+) in Elasticsearch; the appender took (\\d+), delivered (\\d+), dropped 0, failed 0")
                    .matcher(demo.out());
            assertThat(events.find()).as(demo.toString()).isTrue();
            assertThat(Long.parseLong(events.group(1))).isEqualTo(attempts + deliveries);
            assertThat(Long.parseLong(events.group(3))).isEqualTo(attempts + deliveries).isEqualTo(Long.parseLong(events.group(2)));
        }
        // the injected faults are in the numbers
        assertThat(printed.get("sendgrid").get(2)).as("sendgrid sends failed in its outage").isPositive();
        assertThat(demo.out()).containsPattern("failed sends by error category: .*provider_unavailable \\d+");
        assertThat(printed.get("ses").get(4)).as("ses retries after its 429s").isPositive();
        assertThat(printed.get("smtp").get(2)).as("smtp sends to unknown addresses rejected at RCPT").isPositive();
        assertThat(demo.out()).containsPattern("failed sends by error category: .*recipient_rejected \\d+");
        // the outage trips the success-rate watch, run by the alert engine on the demo's schedule
        assertThat(demo.out()).as(demo.toString()).containsPattern("alert emails received by oncall@demo.test: [1-9]")
                .contains("[mailtrail] success rate below 90 %: sendgrid");
        assertNoDemoThreadLeft();
        assertThat(es.url()).as("the node the demo reused still answers").satisfies(u -> {
            try (RestClient client = es.restClient()) {
                assertThat(client.performRequest(new Request("GET", "/_cluster/health")).getStatusLine().getStatusCode()).isEqualTo(200);
            }
        });
    }

    /** {@code provider -> [sends, succeeded, failed, attempts, retries]} of the printed summary. */
    static Map<String, List<Long>> summaryRows(String out) {
        List<String> lines = out.lines().toList();
        int start = lines.indexOf(lines.stream().filter(l -> l.startsWith("summary, read from Elasticsearch")).findFirst()
                .orElseThrow(() -> new AssertionError("no summary in\n" + out)));
        Map<String, List<Long>> rows = new TreeMap<>();
        for (String line : lines.subList(start + 2, lines.size())) {
            List<String> cells = Arrays.asList(line.trim().split("\\s+"));
            if (cells.get(0).equals("all")) {
                break;
            }
            List<Long> numbers = new ArrayList<>();
            cells.subList(1, cells.size()).forEach(c -> numbers.add(Long.parseLong(c)));
            rows.put(cells.get(0), numbers);
        }
        return rows;
    }

    private static long count(RestClient client, String provider, String... filters) throws IOException {
        List<String> all = new ArrayList<>(List.of("{\"term\":{\"" + Fields.PROVIDER.name() + "\":\"" + provider + "\"}}"));
        all.addAll(List.of(filters));
        return countIn(client, Dataset.CALLS.dataStream(NS), all);
    }

    private static long countIn(RestClient client, String index, List<String> filters) throws IOException {
        Request r = new Request("POST", "/" + index + "/_count");
        r.setJsonEntity("{\"query\":{\"bool\":{\"filter\":[" + String.join(",", filters) + "]}}}");
        return JSON.readTree(EntityUtils.toString(client.performRequest(r).getEntity())).path("count").asLong();
    }

    /** The demo's threads (all named demo-...) end with it. */
    static void assertNoDemoThreadLeft() throws InterruptedException {
        List<String> left = List.of();
        for (int i = 0; i < 50; i++) {
            left = Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).map(Thread::getName)
                    .filter(n -> n.startsWith("demo-") || n.startsWith("mailtrail-demo")).toList();
            if (left.isEmpty()) {
                return;
            }
            Thread.sleep(100);
        }
        assertThat(left).as("demo threads still running").isEmpty();
    }
}
