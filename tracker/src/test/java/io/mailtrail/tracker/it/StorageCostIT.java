package io.mailtrail.tracker.it;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mailtrail.cli.Cli;
import io.mailtrail.cli.Console;
import io.mailtrail.cli.ExitCode;
import io.mailtrail.logback.ElasticsearchAppender;
import io.mailtrail.schema.Dataset;
import io.mailtrail.tracker.Email;
import io.mailtrail.tracker.MailTracker;
import io.mailtrail.tracker.http.HttpProviders;
import io.mailtrail.tracker.http.HttpResponseView;
import io.mailtrail.tracker.httpcall.HttpCalls;
import io.mailtrail.tracker.privacy.PrivacyPolicy;
import io.mailtrail.testing.ElasticsearchExtension;
import io.mailtrail.testing.ElasticsearchNode;
import org.elasticsearch.client.RestClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.MDC;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What one call event costs on disk, per storage variant, on the same events: real tracked calls shipped by the
 * real appender into the data stream {@code setup} made, then copied (same {@code _source}, same {@code _id}) into
 * an index with dynamic mapping and into data streams with each storage setting; each force-merged to one segment.
 */
@ExtendWith(ElasticsearchExtension.class)
class StorageCostIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int EVENTS = Integer.getInteger("mailtrail.storage.events", 20_000);
    private static final String SOURCE_NS = "storagesrc";

    @Test
    void bytesPerEventOfEachVariant(ElasticsearchNode es) throws Exception {
        setup(es, SOURCE_NS);
        try (RestClient client = es.restClient()) {
            Node node = new Node(client);
            String source = Dataset.CALLS.dataStream(SOURCE_NS);
            ship(es);
            node.raw("POST", "/" + source + "/_refresh", null);
            List<JsonNode> docs = readAll(node, source);
            assertThat(docs).hasSize(EVENTS);

            Map<String, Double> perEvent = new LinkedHashMap<>();
            node.raw("PUT", "/storage-dynamic", "{\"settings\":{\"number_of_shards\":1,\"number_of_replicas\":0}}");
            perEvent.put("dynamic", load(node, "storage-dynamic", "index", docs));
            perEvent.put("as shipped", bytesPerDoc(node, source));
            for (String variant : List.of("best_compression", "logsdb")) {
                String settings = variant.equals("logsdb")
                        ? "{\"index.codec\":\"best_compression\",\"index.mode\":\"logsdb\"}"
                        : "{\"index.codec\":\"best_compression\"}";
                node.raw("PUT", "/_component_template/mailtrail-custom", "{\"template\":{\"settings\":" + settings + "}}");
                String ds = Dataset.CALLS.dataStream("storage" + variant.replace("_", ""));
                perEvent.put(variant, load(node, ds, "create", docs));
            }
            node.raw("DELETE", "/_component_template/mailtrail-custom", null);
            perEvent.forEach((k, v) -> System.out.printf("[storage] %-18s %7.1f bytes/event  %.2fx%n", k, v, v / perEvent.get("dynamic")));
        }
    }

    private static double load(Node node, String target, String op, List<JsonNode> docs) throws IOException {
        for (int from = 0; from < docs.size(); from += 2000) {
            StringBuilder bulk = new StringBuilder();
            for (JsonNode d : docs.subList(from, Math.min(docs.size(), from + 2000))) {
                bulk.append("{\"").append(op).append("\":{\"_index\":\"").append(target).append("\",\"_id\":\"")
                        .append(d.path("_id").asText()).append("\"}}\n").append(d.path("_source").toString()).append('\n');
            }
            JsonNode answer = node.jsonOf(node.rawNdjson("/_bulk", bulk.toString()));
            assertThat(answer.path("errors").asBoolean()).as("bulk into %s: %s", target, answer.toString().substring(0, Math.min(2000, answer.toString().length()))).isFalse();
        }
        return bytesPerDoc(node, target);
    }

    private static double bytesPerDoc(Node node, String target) throws IOException {
        node.raw("POST", "/" + target + "/_refresh", null);
        node.raw("POST", "/" + target + "/_forcemerge?max_num_segments=1", null);
        JsonNode stats = node.json("GET", "/" + target + "/_stats/store,docs", null).path("_all").path("primaries");
        long bytes = stats.path("store").path("size_in_bytes").asLong();
        long count = stats.path("docs").path("count").asLong();
        assertThat(count).as("docs in %s", target).isEqualTo(EVENTS);
        return (double) bytes / count;
    }

    private static List<JsonNode> readAll(Node node, String index) throws IOException {
        List<JsonNode> all = new ArrayList<>();
        String after = null;
        while (true) {
            String body = "{\"size\":5000,\"sort\":[{\"@timestamp\":\"asc\"},{\"event.id\":\"asc\"}]"
                    + (after == null ? "" : ",\"search_after\":" + after) + "}";
            JsonNode hits = node.json("POST", "/" + index + "/_search", body).path("hits").path("hits");
            if (hits.isEmpty()) {
                return all;
            }
            hits.forEach(all::add);
            after = hits.get(hits.size() - 1).path("sort").toString();
        }
    }

    /** Tracked calls with a realistic mix: five providers, a few templates and services, 8 % failures of four kinds. */
    private static void ship(ElasticsearchNode es) {
        LoggerContext logging = new LoggerContext();
        logging.setMDCAdapter(MDC.getMDCAdapter());
        logging.start();
        ElasticsearchAppender appender = new ElasticsearchAppender();
        appender.setContext(logging);
        appender.setName("storage");
        appender.setUrl(es.url().toString());
        appender.setNamespace(SOURCE_NS);
        appender.setShutdownTimeoutMillis(60_000);
        appender.setOverflowPolicy("block");
        appender.setMaxBlockMillis(60_000);
        appender.setJmx(false);
        appender.start();
        Logger calls = logging.getLogger(Dataset.CALLS.loggerName());
        calls.setAdditive(false);
        calls.setLevel(Level.INFO);
        calls.addAppender(appender);

        Random random = new Random(42);
        AtomicLong millis = new AtomicLong(Instant.parse("2026-11-30T00:00:00Z").toEpochMilli());
        Clock clock = new Clock() {
            @Override public ZoneId getZone() { return ZoneOffset.UTC; }
            @Override public Clock withZone(ZoneId zone) { return this; }
            @Override public Instant instant() { return Instant.ofEpochMilli(millis.addAndGet(1 + random.nextInt(4000))); }
        };
        String[] providers = {"sendgrid", "ses", "mailgun", "postmark", "resend"};
        String[] templates = {"receipt", "password-reset", "welcome", "invoice", "shipping-update", "newsletter"};
        String[] domains = {"gmail.com", "outlook.com", "yahoo.com", "example.org", "acme.test", "icloud.com"};
        List<MailTracker> trackers = new ArrayList<>();
        for (String service : List.of("billing", "accounts", "shop")) {
            trackers.add(MailTracker.builder().serviceName(service).clock(clock).loggerFactory(logging)
                    .privacy(PrivacyPolicy.builder().hmacKey("storage-test-key-0123456789").build()).build());
        }
        Function<HttpResponseView, HttpResponseView> same = Function.identity();
        for (int i = 0; i < EVENTS; i++) {
            String provider = providers[random.nextInt(providers.length)];
            Email email = Email.builder(provider).template(templates[random.nextInt(templates.length)])
                    .from("noreply@shop.example").to("user" + random.nextInt(100_000) + "@" + domains[random.nextInt(domains.length)]).build();
            int roll = random.nextInt(100);
            HttpResponseView answer = roll < 92 ? accepted(provider, random)
                    : roll < 95 ? HttpResponseView.of(429, headers(Map.of("Retry-After", List.of("2"))), "{\"message\":\"Too many requests\"}")
                    : roll < 98 ? HttpResponseView.of(503, headers(Map.of()), "Service Unavailable")
                    : HttpResponseView.of(400, headers(Map.of()), "{\"errors\":[{\"message\":\"The from address does not match a verified Sender Identity\"}]}");
            trackers.get(random.nextInt(trackers.size())).track(email, () -> answer,
                    HttpCalls.of(HttpProviders.forName(provider), same));
        }
        appender.stop();
        logging.stop();
        assertThat(appender.getMetrics().sent()).as("%s", appender.getMetrics()).isEqualTo(EVENTS);
    }

    private static HttpResponseView accepted(String provider, Random random) {
        String id = Long.toHexString(random.nextLong()) + Long.toHexString(random.nextLong());
        return switch (provider) {
            case "sendgrid" -> HttpResponseView.of(202, headers(Map.of("X-Message-Id", List.of(id))), "");
            case "ses" -> HttpResponseView.of(200, headers(Map.of()), "{\"MessageId\":\"0100018c-" + id + "-000000\"}");
            case "mailgun" -> HttpResponseView.of(200, headers(Map.of()), "{\"id\":\"<" + id + "@mg.example.test>\",\"message\":\"Queued. Thank you.\"}");
            case "postmark" -> HttpResponseView.of(200, headers(Map.of()), "{\"ErrorCode\":0,\"Message\":\"OK\",\"MessageID\":\"" + id + "\"}");
            default -> HttpResponseView.of(200, headers(Map.of()), "{\"id\":\"" + id + "\"}");
        };
    }

    private static HttpHeaders headers(Map<String, List<String>> map) {
        return HttpHeaders.of(map, (a, b) -> true);
    }

    private static void setup(ElasticsearchNode es, String namespace) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ExitCode code = Cli.standard().run(new String[] {"setup", "--es-url", es.url().toString(), "--namespace", namespace},
                new Console(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(out, true, StandardCharsets.UTF_8), Map.of()));
        assertThat(code).as(out.toString(StandardCharsets.UTF_8)).isEqualTo(ExitCode.OK);
        System.out.println(out.toString(StandardCharsets.UTF_8));
    }
}
