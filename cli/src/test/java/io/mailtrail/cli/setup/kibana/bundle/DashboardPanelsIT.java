package io.mailtrail.cli.setup.kibana.bundle;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mailtrail.cli.Cli;
import io.mailtrail.cli.Console;
import io.mailtrail.cli.ExitCode;
import io.mailtrail.alerts.cluster.ClusterClient;
import io.mailtrail.alerts.execution.ActionResult;
import io.mailtrail.alerts.execution.ExecutionResult;
import io.mailtrail.alerts.execution.TriggerEvent;
import io.mailtrail.alerts.history.HistoryFields;
import io.mailtrail.alerts.history.HistoryStore;
import io.mailtrail.alerts.throttle.ActionOutcome;
import io.mailtrail.alerts.throttle.WatchStatus;
import io.mailtrail.schema.Dataset;
import io.mailtrail.schema.Fields;
import io.mailtrail.testing.ElasticsearchExtension;
import io.mailtrail.testing.ElasticsearchNode;
import org.apache.http.util.EntityUtils;
import org.elasticsearch.client.Request;
import org.elasticsearch.client.RestClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;

import static io.mailtrail.cli.setup.kibana.bundle.Lens.JSON;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Every number every panel of the committed bundle shows, computed on the real node over a dataset whose truth is
 * known, and compared with what the panel's title says it shows. The templates are installed by {@code mailtrail
 * setup}; the events go through {@code _bulk} into the data streams they create; each panel's Lens definition is
 * translated by {@link LensQuery} into the search Kibana would send.
 *
 * <p>The dataset: 100 call attempts, one a minute — 90 successes, 10 failures (6 rate-limited attempts each retried
 * once with success, 2 authentication failures, 1 SMTP recipient rejection, 1 timeout), so 94 logical sends;
 * response times 1 … 100 ms; 98 delivery events (80 delivered, 4 hard bounces, 2 soft, 1 complaint, 5 deferred,
 * 6 accepted). The alert history: five executions written by the engine's own {@link HistoryStore}, two of which
 * sent an email (in the time range), one throttled, one whose condition was not met, and one email sent after the
 * time range.
 */
@ExtendWith(ElasticsearchExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DashboardPanelsIT {

    private static final String NAMESPACE = "panels";
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final Instant T1 = T0.plus(Duration.ofMinutes(100));
    private static final String INTERVAL = "10m";
    private static final double MS = 1_000_000d;

    record Call(int i, Instant ts, String provider, String service, String template, boolean success, long durationNs, int attempt,
                boolean fin, long retryDelayMs, String category, String code, Integer smtpReply, String enhanced, Boolean retryable,
                Long remaining, Long retryAfterMs, String traceId, String errorType) {
        String outcome() {
            return success ? "success" : "failure";
        }
    }

    record Delivery(int j, Instant ts, String provider, String domain, String status, String cause) {
        Long bounceCount() {
            return status.equals("delivered") ? Long.valueOf(0) : status.equals("bounced_hard") ? Long.valueOf(1) : null;
        }

        Long complaintCount() {
            return status.equals("delivered") ? Long.valueOf(0) : status.equals("complained") ? Long.valueOf(1) : null;
        }
    }

    private final List<Call> calls = new ArrayList<>();
    private final List<Delivery> deliveries = new ArrayList<>();
    private final Map<String, JsonNode> dataViews = new HashMap<>();
    private final List<JsonNode> dashboards = new ArrayList<>();
    private final Set<String> checked = new TreeSet<>();
    private RestClient client;
    private LensQuery lens;
    /** The alert executions that sent an email within the time range: time → watch. */
    private final Map<Instant, String> alertEmails = new TreeMap<>();
    private HistoryStore history;
    private final Map<String, WatchStatus> statuses = new HashMap<>();

    // ------------------------------------------------------------------ the dataset

    @BeforeAll
    void seed(ElasticsearchNode es) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ExitCode code = Cli.standard().run(new String[]{"setup", "--es-url", es.url().toString(), "--namespace", NAMESPACE},
                new Console(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(out, true, StandardCharsets.UTF_8), Map.of()));
        assertThat(code).as(out.toString(StandardCharsets.UTF_8)).isEqualTo(ExitCode.OK);
        client = es.restClient();

        Set<Integer> rateLimited = Set.of(10, 20, 30, 40, 50, 70);
        for (int i = 0; i < 100; i++) {
            Instant ts = T0.plus(Duration.ofMinutes(i)).plusSeconds(30);
            String provider = i == 90 ? "smtp" : i < 60 ? "sendgrid" : "ses";
            String service = i % 2 == 0 ? "billing" : "auth";
            String template = i % 4 == 0 ? "reset" : "receipt";
            long ns = (i + 1) * 1_000_000L;
            if (rateLimited.contains(i)) {
                calls.add(new Call(i, ts, provider, service, template, false, ns, 1, false, 0, "rate_limited", "429", null, null, true,
                        0L, 2000L, "t" + i, "io.mailtrail.tracker.ProviderException"));
            } else if (rateLimited.contains(i - 1)) {
                calls.add(new Call(i, ts, provider, service, template, true, ns, 2, true, i == 71 ? 4000 : 1000, null, null, null, null, null,
                        50L, null, "t" + (i - 1), null));
            } else if (i == 80 || i == 81) {
                calls.add(new Call(i, ts, provider, service, template, false, ns, 1, true, 0, "authentication", "401", null, null, false,
                        null, null, "t" + i, "io.mailtrail.tracker.ProviderException"));
            } else if (i == 90) {
                calls.add(new Call(i, ts, provider, service, template, false, ns, 1, true, 0, "recipient_rejected", "550", 550, "5.1.1", false,
                        null, null, "t" + i, "jakarta.mail.SendFailedException"));
            } else if (i == 95) {
                calls.add(new Call(i, ts, provider, service, template, false, ns, 1, true, 0, "timeout", null, null, null, true,
                        null, null, "t" + i, "java.net.SocketTimeoutException"));
            } else {
                calls.add(new Call(i, ts, provider, service, template, true, ns, 1, true, 0, null, null, null, null, null,
                        50L, null, "t" + i, null));
            }
        }
        String[] statuses = new String[98];
        for (int j = 0; j < 98; j++) {
            statuses[j] = j < 80 ? "delivered" : j < 84 ? "bounced_hard" : j < 86 ? "bounced_soft" : j < 87 ? "complained" : j < 92 ? "deferred" : "accepted";
        }
        for (int j = 0; j < 98; j++) {
            String cause = switch (j) {
                case 80, 81, 82 -> "recipient_rejected";
                case 83 -> "recipient_suppressed";
                case 84, 85 -> "mailbox_full";
                default -> null;
            };
            deliveries.add(new Delivery(j, T0.plus(Duration.ofMinutes(j)).plusSeconds(15), j % 3 == 0 ? "ses" : "sendgrid",
                    j % 2 == 0 ? "gmail.com" : "example.org", statuses[j], cause));
        }
        StringBuilder bulk = new StringBuilder();
        for (Call c : calls) {
            bulk.append("{\"create\":{\"_index\":\"").append(Dataset.CALLS.dataStream(NAMESPACE)).append("\"}}\n").append(document(c)).append('\n');
        }
        for (Delivery d : deliveries) {
            bulk.append("{\"create\":{\"_index\":\"").append(Dataset.DELIVERY.dataStream(NAMESPACE)).append("\"}}\n").append(document(d)).append('\n');
        }
        Request request = new Request("POST", "/_bulk?refresh=true");
        request.setJsonEntity(bulk.toString());
        JsonNode answer = JSON.readTree(EntityUtils.toString(client.performRequest(request).getEntity()));
        assertThat(answer.path("errors").asBoolean()).as(answer.toString()).isFalse();

        seedAlertHistory();

        for (String line : Files.readString(GeneratedBundleTest.FILE, StandardCharsets.UTF_8).split("\n")) {
            JsonNode o = JSON.readTree(line);
            if (o.path("type").asText().equals("index-pattern")) {
                dataViews.put(o.path("id").asText(), o);
            } else if (o.path("type").asText().equals("dashboard")) {
                dashboards.add(o);
            }
        }
        // As if the Namespace control selected "panels": other tests on the same node write other namespaces.
        lens = new LensQuery(client, id -> dataViews.get(id).path("attributes").path("title").asText(), T0, T1, INTERVAL,
                Fields.DATA_STREAM_NAMESPACE.name() + " : \"" + NAMESPACE + "\"");
    }

    @AfterAll
    void close() throws IOException {
        if (client != null) {
            client.close();
        }
    }

    /** Executions written as the engine writes them, through its HistoryStore, into the stream setup shaped. */
    private void seedAlertHistory() {
        ClusterClient cluster = (method, path, params, body) -> {
            try {
                Request r = new Request(method, path);
                params.forEach(r::addParameter);
                if (body != null) {
                    r.setJsonEntity(body);
                }
                return JSON.readTree(EntityUtils.toString(client.performRequest(r).getEntity()));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        };
        history = new HistoryStore(cluster, NAMESPACE);
        execution("mailtrail-rate-limited", T0.plus(Duration.ofMinutes(10)).plusSeconds(45), "executed", true, "email_oncall", ActionOutcome.EXECUTED);
        execution("mailtrail-rate-limited", T0.plus(Duration.ofMinutes(20)).plusSeconds(45), "throttled", true, "email_oncall", ActionOutcome.THROTTLED);
        execution("mailtrail-success-rate", T0.plus(Duration.ofMinutes(30)), "execution_not_needed", false, "email_oncall", null);
        execution("mailtrail-non-retryable-failures", T0.plus(Duration.ofMinutes(81)).plusSeconds(45), "executed", true, "email_team", ActionOutcome.EXECUTED);
        execution("mailtrail-silence", T1.plus(Duration.ofHours(1)), "executed", true, "email_oncall", ActionOutcome.EXECUTED);
        alertEmails.put(T0.plus(Duration.ofMinutes(10)).plusSeconds(45), "mailtrail-rate-limited");
        alertEmails.put(T0.plus(Duration.ofMinutes(81)).plusSeconds(45), "mailtrail-non-retryable-failures");
    }

    private void execution(String watch, Instant at, String state, boolean met, String action, ActionOutcome outcome) {
        List<ActionResult> actions = outcome == null ? List.of() : List.of(new ActionResult(action, "email", outcome, null, null, null));
        // one status per watch across its executions, as the engine keeps it
        WatchStatus status = statuses.computeIfAbsent(watch, w -> new WatchStatus(List.of(action)));
        status.onCheck(met, at);
        if (outcome == ActionOutcome.EXECUTED) {
            status.action(action).onExecution(at, true);
        } else if (outcome == ActionOutcome.THROTTLED) {
            status.action(action).onThrottle(at);
        }
        history.record(new ExecutionResult(watch, watch + "_" + at, at, TriggerEvent.at(at), state, met, Map.of("rate", 0.5),
                actions, null, 3, 1_000_000), status);
    }

    private static String document(Call c) {
        ObjectNode d = base(c.ts(), Dataset.CALLS, c.provider(), c.success() ? "success" : "failure");
        d.put("event.action", "email-send");
        d.put("event.id", "e" + c.i());
        d.put("event.duration", c.durationNs());
        d.put("service.name", c.service());
        d.put("mailtrail.template", c.template());
        d.put("mailtrail.attempt.number", c.attempt());
        d.put("mailtrail.attempt.final", c.fin());
        d.put("mailtrail.retry.delay_ms", c.retryDelayMs());
        d.put("mailtrail.success_count", c.success() ? 1 : 0);
        d.put("trace.id", c.traceId());
        d.put("message", c.provider() + " send " + c.outcome());
        if (c.category() != null) {
            d.put("mailtrail.error.category", c.category());
            d.put("mailtrail.error.retryable", c.retryable());
            d.put("error.type", c.errorType());
            d.put("error.message", "failed: " + c.category());
        }
        if (c.code() != null) {
            d.put("error.code", c.code());
        }
        if (c.smtpReply() != null) {
            d.put("mailtrail.smtp.reply_code", c.smtpReply());
            d.put("mailtrail.smtp.enhanced_status", c.enhanced());
        } else if (!c.provider().equals("smtp") && c.code() != null) {
            d.put("http.response.status_code", Integer.parseInt(c.code()));
        }
        if (c.remaining() != null) {
            d.put("mailtrail.rate_limit.remaining", c.remaining());
        }
        if (c.retryAfterMs() != null) {
            d.put("mailtrail.rate_limit.retry_after_ms", c.retryAfterMs());
        }
        return d.toString();
    }

    private static String document(Delivery v) {
        ObjectNode d = base(v.ts(), Dataset.DELIVERY, v.provider(), null);
        d.put("event.action", v.status());
        d.put("event.provider", v.provider());
        d.put("mailtrail.delivery.status", v.status());
        d.putArray("mailtrail.recipient.domain").add(v.domain());
        if (v.cause() != null) {
            d.put("mailtrail.error.category", v.cause());
            d.put("mailtrail.delivery.bounce_type", v.status().equals("bounced_hard") ? "hard" : "soft");
        }
        if (v.bounceCount() != null) {
            d.put("mailtrail.delivery.bounce_count", v.bounceCount());
        }
        if (v.complaintCount() != null) {
            d.put("mailtrail.delivery.complaint_count", v.complaintCount());
        }
        return d.toString();
    }

    private static ObjectNode base(Instant ts, Dataset dataset, String provider, String outcome) {
        ObjectNode d = JSON.createObjectNode();
        d.put("@timestamp", ts.toString());
        d.put("data_stream.type", "logs");
        d.put("data_stream.dataset", dataset.datasetName());
        d.put("data_stream.namespace", NAMESPACE);
        d.put("event.dataset", dataset.datasetName());
        d.put("event.kind", "event");
        d.put("mailtrail.provider", provider);
        d.put("service.environment", "test");
        if (outcome != null) {
            d.put("event.outcome", outcome);
        }
        return d;
    }

    // ------------------------------------------------------------------ the check

    @Test
    void everyPanelComputesWhatItsTitleSays() throws IOException {
        Map<String, PanelCheck> expectations = expectations();
        List<String> titles = new ArrayList<>();
        for (JsonNode dashboard : dashboards) {
            for (JsonNode panel : JSON.readTree(dashboard.path("attributes").path("panelsJSON").asText())) {
                JsonNode attributes = panel.path("embeddableConfig").path("attributes");
                String title = attributes.path("title").asText();
                titles.add(title);
                PanelCheck check = expectations.get(title);
                assertThat(check).as("panel '%s' has no known truth to compare with", title).isNotNull();
                Map<String, LensQuery.Table> tables = lens.run(attributes);
                List<LensQuery.Table> ordered = new ArrayList<>(tables.values());
                try {
                    check.verify(ordered);
                } catch (AssertionError e) {
                    throw new AssertionError("panel '" + title + "' of '" + dashboard.path("attributes").path("title").asText()
                            + "' shows " + ordered + ": " + e.getMessage(), e);
                }
                checked.add(title);
            }
        }
        assertThat(checked).containsExactlyInAnyOrderElementsOf(new TreeSet<>(titles));
        assertThat(titles).hasSize(40);
    }

    @Test
    void aPanelWhoseDefinitionDoesNotMatchItsTitleFails() throws IOException {
        // "Success rate (logical sends)" without its final-attempt filter computes the attempt success rate: caught.
        JsonNode panel = null;
        for (JsonNode dashboard : dashboards) {
            for (JsonNode p : JSON.readTree(dashboard.path("attributes").path("panelsJSON").asText())) {
                if (p.path("title").asText().equals("Success rate (logical sends)")) {
                    panel = p.path("embeddableConfig").path("attributes").deepCopy();
                }
            }
        }
        assertThat(panel).isNotNull();
        for (JsonNode layer : panel.path("state").path("datasourceStates").path("formBased").path("layers")) {
            ((ObjectNode) layer.path("columns").path("value")).remove("filter");
        }
        List<LensQuery.Table> tables = new ArrayList<>(lens.run(panel).values());
        assertThat(value(tables)).isCloseTo(0.90, within(1e-9));
        PanelCheck check = expectations().get("Success rate (logical sends)");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> check.verify(tables)).isInstanceOf(AssertionError.class);
    }

    @Test
    void theOverviewsTimeChartsMarkEveryAlertEmailWithItsWatchAndNothingElse() throws IOException {
        Map<String, JsonNode> annotated = annotatedPanels();
        assertThat(annotated.keySet()).containsExactly("Success vs failure over time", "Response time percentiles over time");
        // a provider selected in the controls: alert executions carry no provider, and the layers ignore the controls
        LensQuery withProvider = new LensQuery(client, id -> dataViews.get(id).path("attributes").path("title").asText(), T0, T1, INTERVAL,
                Fields.PROVIDER.name() + " : \"ses\"");
        for (var panel : annotated.entrySet()) {
            for (LensQuery query : List.of(lens, withProvider)) {
                Map<String, List<LensQuery.Marker>> layers = query.annotations(panel.getValue());
                assertThat(layers).as(panel.getKey()).hasSize(1);
                List<LensQuery.Marker> markers = layers.values().iterator().next();
                Map<Instant, String> shown = new TreeMap<>();
                markers.forEach(m -> shown.put(m.time(), m.text()));
                assertThat(shown).as("markers of '%s': the emails sent, not the throttled or unmet executions, not after the range",
                        panel.getKey()).isEqualTo(alertEmails);
                assertThat(markers).allSatisfy(m -> {
                    assertThat(m.label()).isEqualTo("Alert email sent");
                    assertThat(m.fields().get(HistoryFields.ACTIONS_EXECUTED)).isNotEmpty();
                });
                assertThat(markers.get(0).fields().get(HistoryFields.ACTIONS_EXECUTED)).containsExactly("email_oncall");
                assertThat(markers.get(1).fields().get(HistoryFields.ACTIONS_EXECUTED)).containsExactly("email_team");
            }
        }
    }

    @Test
    void theHiddenExecutionsAreInTheHistoryAndALayerKeepingTheControlsWouldLoseEveryAlert() throws IOException {
        Request search = new Request("POST", "/" + Dataset.ALERTS.dataStream(NAMESPACE) + "/_search");
        search.setJsonEntity("{\"size\":0,\"aggs\":{\"actions\":{\"terms\":{\"field\":\"" + Fields.EVENT_ACTION.name() + "\"}}}}");
        JsonNode answer = JSON.readTree(EntityUtils.toString(client.performRequest(search).getEntity()));
        assertThat(answer.path("hits").path("total").path("value").asLong()).isEqualTo(5);
        Map<String, Long> actions = new TreeMap<>();
        answer.path("aggregations").path("actions").path("buckets").forEach(b -> actions.put(b.path("key").asText(), b.path("doc_count").asLong()));
        assertThat(actions).isEqualTo(Map.of("executed", 3L, "throttled", 1L, "execution_not_needed", 1L));

        JsonNode panel = annotatedPanels().get("Success vs failure over time").deepCopy();
        for (JsonNode l : panel.path("state").path("visualization").path("layers")) {
            if (l.path("layerType").asText().equals("annotations")) {
                ((ObjectNode) l).put("ignoreGlobalFilters", false);
            }
        }
        LensQuery withProvider = new LensQuery(client, id -> dataViews.get(id).path("attributes").path("title").asText(), T0, T1, INTERVAL,
                Fields.PROVIDER.name() + " : \"ses\"");
        assertThat(withProvider.annotations(panel).values()).allSatisfy(markers -> assertThat(markers).isEmpty());
        assertThat(lens.annotations(panel).values()).as("the namespace control matches alert executions too")
                .allSatisfy(markers -> assertThat(markers).hasSize(2));
    }

    @Test
    void theHistoryStreamHasTheCatalogTypesAndTheEngineRestoresFromIt() throws IOException {
        JsonNode mapping = JSON.readTree(EntityUtils.toString(client.performRequest(
                new Request("GET", "/" + Dataset.ALERTS.dataStream(NAMESPACE) + "/_mapping")).getEntity()));
        JsonNode alert = mapping.elements().next().path("mappings").path("properties").path("mailtrail").path("properties")
                .path("alert").path("properties");
        assertThat(alert.path("watch_id").path("type").asText()).isEqualTo("keyword");
        assertThat(alert.path("condition_met").path("type").asText()).isEqualTo("boolean");
        assertThat(alert.path("scheduled_time").path("type").asText()).isEqualTo("date");
        assertThat(alert.path("search_took_ms").path("type").asText()).isEqualTo("long");
        assertThat(alert.path("actions").path("properties").path("executed").path("type").asText()).isEqualTo("keyword");
        assertThat(alert.path("state").path("index").asBoolean(true)).isFalse();
        assertThat(alert.path("values").path("doc_values").asBoolean(true)).isFalse();
        JsonNode settings = JSON.readTree(EntityUtils.toString(client.performRequest(
                new Request("GET", "/" + Dataset.ALERTS.dataStream(NAMESPACE) + "/_settings")).getEntity())).elements().next()
                .path("settings").path("index");
        assertThat(settings.path("mode").asText("standard")).as("no logsdb for the history").isEqualTo("standard");
        assertThat(settings.path("codec").asText()).isEqualTo("best_compression");

        var restored = history.restore("mailtrail-rate-limited", List.of("email_oncall")).orElseThrow();
        assertThat(restored.lastChecked()).contains(T0.plus(Duration.ofMinutes(20)).plusSeconds(45));
        assertThat(restored.action("email_oncall").lastSuccessfulExecution()).as("the email sent before the throttled execution")
                .contains(T0.plus(Duration.ofMinutes(10)).plusSeconds(45));
    }

    private Map<String, JsonNode> annotatedPanels() throws IOException {
        Map<String, JsonNode> out = new LinkedHashMap<>();
        for (JsonNode dashboard : dashboards) {
            for (JsonNode p : JSON.readTree(dashboard.path("attributes").path("panelsJSON").asText())) {
                JsonNode attributes = p.path("embeddableConfig").path("attributes");
                for (JsonNode l : attributes.path("state").path("visualization").path("layers")) {
                    if (l.path("layerType").asText().equals("annotations")) {
                        out.put(attributes.path("title").asText(), attributes);
                    }
                }
            }
        }
        return out;
    }

    @FunctionalInterface
    interface PanelCheck {
        void verify(List<LensQuery.Table> layers);
    }

    private Map<String, PanelCheck> expectations() {
        Map<String, PanelCheck> e = new LinkedHashMap<>();
        // ---- Email calls — overview
        e.put("Success rate (attempts)", t -> {
            assertThat(value(t)).isCloseTo(0.90, within(1e-9));
            assertThat(value(t)).isCloseTo(share(calls, c -> true, Call::success), within(1e-9));
        });
        e.put("Success rate (logical sends)", t -> assertThat(value(t)).isCloseTo(90.0 / 94, within(1e-9)));
        e.put("Sends per minute", t -> assertThat(value(t)).isCloseTo(94.0 / 100, within(1e-9)));
        e.put("Failed calls", t -> assertThat(value(t)).isEqualTo(10.0));
        e.put("Response time p50", t -> {
            assertThat(value(t)).isBetween(49 * MS, 51 * MS);
            assertPercentile(value(t), durations(calls), 50);
        });
        e.put("Response time p95", t -> {
            assertThat(value(t)).isBetween(94 * MS, 96 * MS);
            assertPercentile(value(t), durations(calls), 95);
        });
        e.put("Response time p99", t -> {
            assertThat(value(t)).isBetween(98 * MS, 100 * MS);
            assertPercentile(value(t), durations(calls), 99);
        });
        e.put("Success vs failure over time", t -> assertThat(counts(t.get(0), "time", "split", "count"))
                .isEqualTo(truthCounts(calls, c -> true, c -> bucket(c.ts()) + "|" + c.outcome())));
        e.put("Response time percentiles over time", t -> {
            Map<String, List<Map<String, Object>>> byTime = group(t.get(0), "time");
            for (var entry : byTime.entrySet()) {
                List<Double> durations = durations(calls.stream().filter(c -> bucket(c.ts()).equals(entry.getKey())).toList());
                Map<String, Object> row = entry.getValue().get(0);
                if (durations.isEmpty()) {
                    assertThat(row.get("p50")).as("no calls in " + entry.getKey()).isNull();
                    continue;
                }
                assertPercentile(num(row, "p50"), durations, 50);
                assertPercentile(num(row, "p95"), durations, 95);
                assertPercentile(num(row, "p99"), durations, 99);
            }
            assertThat(byTime).hasSize(11);
        });
        e.put("Calls by provider", t -> breakdown(t.get(0), Call::provider));
        e.put("Calls by template", t -> breakdown(t.get(0), Call::template));
        e.put("Calls by service", t -> breakdown(t.get(0), Call::service));
        e.put("Top error categories", t -> {
            assertThat(counts(t.get(0), "by", null, "count")).isEqualTo(Map.of("rate_limited", 6L, "authentication", 2L,
                    "recipient_rejected", 1L, "timeout", 1L));
            assertThat(t.get(0).rows().get(0).get("by")).as("most frequent first").isEqualTo("rate_limited");
        });
        e.put("Latest failures", t -> {
            List<Call> failures = calls.stream().filter(c -> !c.success()).sorted(Comparator.comparing(Call::ts).reversed()).toList();
            List<Map<String, Object>> rows = t.get(0).rows();
            assertThat(rows).hasSize(failures.size());
            for (int k = 0; k < rows.size(); k++) {
                Call c = failures.get(k);
                Map<String, Object> row = rows.get(k);
                assertThat(row.get("rows")).isEqualTo("e" + c.i());
                assertThat(Instant.parse((String) row.get("time"))).isEqualTo(c.ts());
                assertThat(row.get("provider")).isEqualTo(c.provider());
                assertThat(row.get("service")).isEqualTo(c.service());
                assertThat(row.get("category")).isEqualTo(c.category());
                assertThat(row.get("code")).isEqualTo(c.code());
                assertThat(row.get("trace")).isEqualTo(c.traceId());
            }
        });
        // ---- Failures & diagnosis
        Predicate<Call> failed = c -> !c.success();
        e.put("Error categories over time", t -> assertThat(counts(t.get(0), "time", "split", "count"))
                .isEqualTo(truthCounts(calls, failed, c -> bucket(c.ts()) + "|" + c.category())));
        e.put("Error categories by provider", t -> assertThat(counts(t.get(0), "provider", "split", "count"))
                .isEqualTo(truthCounts(calls, failed, c -> c.provider() + "|" + c.category())));
        e.put("Error codes over time (top 5)", t -> {
            assertThat(counts(t.get(0), "time", "split", "count"))
                    .isEqualTo(truthCounts(calls, failed, c -> c.code() == null ? null : bucket(c.ts()) + "|" + c.code()));
            assertThat(counts(t.get(0), "split", null, "count")).as("the 9 failures with a code; the timeout has none")
                    .isEqualTo(Map.of("429", 6L, "401", 2L, "550", 1L));
        });
        e.put("Error codes by provider (top 5)", t -> assertThat(counts(t.get(0), "provider", "split", "count"))
                .isEqualTo(truthCounts(calls, failed, c -> c.code() == null ? null : c.provider() + "|" + c.code()))
                .isEqualTo(Map.of("sendgrid|429", 5L, "ses|429", 1L, "ses|401", 2L, "smtp|550", 1L)));
        e.put("Failed attempts", t -> assertThat(value(t)).isEqualTo(10.0));
        e.put("Retried attempts", t -> assertThat(value(t)).isEqualTo(6.0));
        e.put("Average retry delay", t -> assertThat(value(t)).isCloseTo((5 * 1000 + 4000) / 6.0, within(1e-9)));
        e.put("Longest retry delay", t -> assertThat(value(t)).isEqualTo(4000.0));
        e.put("Lowest rate-limit remaining", t -> assertThat(value(t)).isEqualTo(0.0));
        e.put("Longest Retry-After", t -> assertThat(value(t)).isEqualTo(2000.0));
        e.put("Retryable vs not", t -> assertThat(counts(t.get(0), "retryable", null, "count")).isEqualTo(Map.of("true", 7L, "false", 3L)));
        e.put("Error codes by category (HTTP status, SMTP reply, provider code)", t -> assertThat(counts(t.get(0), "category", "code", "count"))
                .isEqualTo(Map.of("rate_limited|429", 6L, "authentication|401", 2L, "recipient_rejected|550", 1L)));
        e.put("SMTP reply and enhanced status codes of failures", t -> assertThat(counts(t.get(0), "reply", "enhanced", "count"))
                .isEqualTo(Map.of("550.0|5.1.1", 1L)));
        e.put("Rate-limit remaining and Retry-After over time", t -> {
            for (Map<String, Object> row : t.get(0).rows()) {
                String b = (String) row.get("time");
                List<Call> in = calls.stream().filter(c -> bucket(c.ts()).equals(b)).toList();
                Double min = in.stream().filter(c -> c.remaining() != null).map(c -> (double) c.remaining()).min(Double::compare).orElse(null);
                Double max = in.stream().filter(c -> c.retryAfterMs() != null).map(c -> (double) c.retryAfterMs()).max(Double::compare).orElse(null);
                assertThat(row.get("remaining")).as("lowest remaining in " + b).isEqualTo(min);
                assertThat(row.get("retryAfter")).as("longest Retry-After in " + b).isEqualTo(max);
            }
            assertThat(t.get(0).rows()).hasSize(11);
        });
        e.put("Top error types", t -> {
            assertThat(counts(t.get(0), "rows", null, "count")).isEqualTo(truthCounts(calls, failed, Call::errorType));
            for (Map<String, Object> row : t.get(0).rows()) {
                Call latest = calls.stream().filter(c -> Objects.equals(c.errorType(), row.get("rows"))).max(Comparator.comparing(Call::ts)).orElseThrow();
                assertThat(row.get("provider")).isEqualTo(latest.provider());
            }
        });
        e.put("Failed sends by trace id", t -> {
            List<Call> finalFailures = calls.stream().filter(c -> c.fin() && !c.success()).sorted(Comparator.comparing(Call::ts).reversed()).toList();
            List<Map<String, Object>> rows = t.get(0).rows();
            assertThat(rows).extracting(r -> r.get("trace")).containsExactlyElementsOf(finalFailures.stream().map(Call::traceId).toList());
            for (int k = 0; k < rows.size(); k++) {
                assertThat(rows.get(k).get("category")).isEqualTo(finalFailures.get(k).category());
                assertThat(rows.get(k).get("code")).isEqualTo(finalFailures.get(k).code());
                assertThat(rows.get(k).get("provider")).isEqualTo(finalFailures.get(k).provider());
                assertThat(num(rows.get(k), "attempts")).isEqualTo(1.0);
            }
        });
        // ---- Delivery & reputation
        e.put("Bounce rate (hard bounces / (delivered + hard bounces))", t -> assertThat(value(t)).isCloseTo(4.0 / 84, within(1e-9)));
        e.put("Complaint rate (complaints / (delivered + complaints))", t -> assertThat(value(t)).isCloseTo(1.0 / 81, within(1e-9)));
        e.put("Delivered", t -> assertThat(value(t)).isEqualTo(80.0));
        e.put("Hard bounces", t -> assertThat(value(t)).isEqualTo(4.0));
        e.put("Delivery events by status (accepted, delivered, deferred, bounced, complained)", t -> assertThat(counts(t.get(0), "by", null, "count"))
                .isEqualTo(Map.of("delivered", 80L, "bounced_hard", 4L, "bounced_soft", 2L, "complained", 1L, "deferred", 5L, "accepted", 6L)));
        e.put("Bounces by cause", t -> assertThat(counts(t.get(0), "by", null, "count"))
                .isEqualTo(Map.of("recipient_rejected", 3L, "recipient_suppressed", 1L, "mailbox_full", 2L)));
        e.put("Bounce rate over time (threshold 5 %)", t -> rateOverTime(t, Delivery::bounceCount, 0.05));
        e.put("Complaint rate over time (threshold 0.1 %)", t -> rateOverTime(t, Delivery::complaintCount, 0.001));
        e.put("Delivery by provider", t -> deliveryBreakdown(t.get(0), Delivery::provider));
        e.put("Delivery by recipient domain", t -> deliveryBreakdown(t.get(0), Delivery::domain));
        return e;
    }

    // ------------------------------------------------------------------ truth helpers

    private static double value(List<LensQuery.Table> t) {
        return num(t.get(0).only(), "value");
    }

    private static double num(Map<String, Object> row, String column) {
        Object v = row.get(column);
        assertThat(v).as("column " + column + " of " + row).isInstanceOf(Double.class);
        return (Double) v;
    }

    private static String bucket(Instant ts) {
        long minutes = Duration.between(T0, ts).toMinutes();
        return T0.plus(Duration.ofMinutes(minutes / 10 * 10)).toString().replace("Z", ".000Z");
    }

    private static <T> double share(List<T> items, Predicate<T> among, Predicate<T> hit) {
        long all = items.stream().filter(among).count();
        return (double) items.stream().filter(among).filter(hit).count() / all;
    }

    /** key (one or two bucket columns joined by |) → count, from the panel; rows with a zero count are no row in Lens. */
    private static Map<String, Long> counts(LensQuery.Table table, String first, String second, String count) {
        Map<String, Long> out = new TreeMap<>();
        for (Map<String, Object> row : table.rows()) {
            long n = (long) num(row, count);
            if (n == 0) {
                continue;
            }
            String key = row.get(first) + (second == null ? "" : "|" + row.get(second));
            out.merge(key, n, Long::sum);
        }
        return out;
    }

    private static <T> Map<String, Long> truthCounts(List<T> items, Predicate<T> which, Function<T, String> key) {
        return new TreeMap<>(items.stream().filter(which).filter(i -> key.apply(i) != null && !key.apply(i).contains("null"))
                .collect(Collectors.groupingBy(key, Collectors.counting())));
    }

    private static Map<String, List<Map<String, Object>>> group(LensQuery.Table table, String column) {
        Map<String, List<Map<String, Object>>> out = new TreeMap<>();
        table.rows().forEach(r -> out.computeIfAbsent((String) r.get(column), k -> new ArrayList<>()).add(r));
        return out;
    }

    /**
     * A percentile estimate (Elasticsearch's TDigest interpolates) must lie between the order statistics around its
     * rank: for p of n sorted values, between the values at ranks ceil(p·n) - 1 and ceil(p·n) + 1 (1-based).
     */
    private static void assertPercentile(double actual, List<Double> values, double p) {
        List<Double> sorted = values.stream().sorted().toList();
        int rank = (int) Math.ceil(p / 100 * sorted.size());
        double low = sorted.get(Math.max(0, rank - 2));
        double high = sorted.get(Math.min(sorted.size() - 1, rank));
        assertThat(actual).as("p%s of %s", p, sorted).isBetween(low, high);
    }

    private static List<Double> durations(List<Call> calls) {
        return calls.stream().map(c -> (double) c.durationNs()).toList();
    }

    private void breakdown(LensQuery.Table table, Function<Call, String> by) {
        Map<String, List<Call>> truth = calls.stream().collect(Collectors.groupingBy(by));
        assertThat(table.rows()).hasSize(truth.size());
        double previous = Double.MAX_VALUE;
        for (Map<String, Object> row : table.rows()) {
            List<Call> group = truth.get((String) row.get("rows"));
            assertThat(group).as("row " + row).isNotNull();
            assertThat(num(row, "attempts")).isEqualTo(group.size());
            assertThat(num(row, "attempts")).as("ordered by attempts").isLessThanOrEqualTo(previous);
            previous = num(row, "attempts");
            assertThat(num(row, "success")).isCloseTo(share(group, c -> true, Call::success), within(1e-9));
            assertPercentile(num(row, "p95"), durations(group), 95);
        }
    }

    private void rateOverTime(List<LensQuery.Table> t, Function<Delivery, Long> indicator, double threshold) {
        for (Map<String, Object> row : t.get(0).rows()) {
            String b = (String) row.get("time");
            List<Long> in = deliveries.stream().filter(d -> bucket(d.ts()).equals(b)).map(indicator).filter(Objects::nonNull).toList();
            if (in.isEmpty()) {
                assertThat(row.get("rate")).as("no rated events in " + b).isNull();
            } else {
                assertThat(num(row, "rate")).as("rate in " + b).isCloseTo(in.stream().mapToLong(Long::longValue).average().orElseThrow(), within(1e-9));
            }
        }
        assertThat(t.get(0).rows()).hasSize(11);
        assertThat(num(t.get(1).only(), "threshold")).isEqualTo(threshold);
    }

    private void deliveryBreakdown(LensQuery.Table table, Function<Delivery, String> by) {
        Map<String, List<Delivery>> truth = deliveries.stream().collect(Collectors.groupingBy(by));
        assertThat(table.rows()).hasSize(truth.size());
        for (Map<String, Object> row : table.rows()) {
            List<Delivery> group = truth.get((String) row.get("rows"));
            assertThat(group).as("row " + row).isNotNull();
            assertThat(num(row, "events")).isEqualTo(group.size());
            assertThat(num(row, "bounce")).isCloseTo(average(group, Delivery::bounceCount), within(1e-9));
            assertThat(num(row, "complaint")).isCloseTo(average(group, Delivery::complaintCount), within(1e-9));
        }
    }

    private static double average(List<Delivery> group, Function<Delivery, Long> indicator) {
        ToDoubleFunction<Long> d = Long::doubleValue;
        return group.stream().map(indicator).filter(Objects::nonNull).mapToDouble(d).average().orElseThrow();
    }
}
