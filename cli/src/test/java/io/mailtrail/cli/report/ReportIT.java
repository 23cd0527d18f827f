package io.mailtrail.cli.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mailtrail.cli.ExitCode;
import io.mailtrail.schema.Fields;
import io.mailtrail.testing.ElasticsearchExtension;
import io.mailtrail.testing.ElasticsearchNode;
import org.elasticsearch.client.RestClient;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** {@code mailtrail report} on a real node, on data streams made by {@code mailtrail setup}, with known figures. */
@ExtendWith(ElasticsearchExtension.class)
class ReportIT {

    static final Instant NOW = Instant.parse("2026-11-30T00:00:00Z");
    static final Instant WEEK = NOW.minus(Duration.ofDays(7));
    static final Instant WEEK_BEFORE = WEEK.minus(Duration.ofDays(7));
    static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    private static final double EXACT = 1e-9;

    private ElasticsearchNode es;
    @TempDir
    Path dir;

    @BeforeEach
    void setUp(ElasticsearchNode es) {
        this.es = es;
        ReportRun setup = ReportRun.of(CLOCK, Map.of(), "setup", "--es-url", es.url().toString());
        assertThat(setup.exitCode()).as(setup.toString()).isEqualTo(ExitCode.OK);
    }

    /** The seeded week and the week before; indexed once per namespace. */
    private Seed seeded(String namespace) throws IOException {
        Seed seed = Seed.twoWeeks(WEEK_BEFORE, WEEK);
        try (RestClient client = es.restClient()) {
            seed.index(client, namespace);
        }
        return seed;
    }

    private ReportRun report(String namespace, String... extra) {
        List<String> args = new ArrayList<>(List.of("report", "--es-url", es.url().toString(), "--namespace", namespace,
                "--out", dir.resolve(namespace + ".html").toString()));
        args.addAll(List.of(extra));
        return ReportRun.of(CLOCK, Map.of(), args.toArray(String[]::new));
    }

    private JsonNode summary(String namespace) throws IOException {
        return Seed.JSON.readTree(dir.resolve(namespace + ".json").toFile()).path("report");
    }

    private String html(String namespace) throws IOException {
        return Files.readString(dir.resolve(namespace + ".html"), StandardCharsets.UTF_8);
    }

    @Test
    void everyNumberOfTheReportIsTheTruth() throws IOException {
        Seed seed = seeded("known");
        ReportRun run = report("known", "--from", "now-7d", "--to", "now", "--compare-previous");
        assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCode.OK);
        JsonNode report = summary("known");
        assertThat(report.path("namespace").asText()).isEqualTo("known");

        List<ObjectNode> calls = seed.callsIn(WEEK, NOW);
        List<ObjectNode> sends = calls.stream().filter(e -> e.path(Fields.ATTEMPT_FINAL.name()).asBoolean()).toList();
        JsonNode c = report.path("current").path("calls");
        assertThat(c.path("attempts").asLong()).isEqualTo(calls.size()).isEqualTo(217);
        assertThat(c.path("sends").asLong()).isEqualTo(sends.size()).isEqualTo(210);
        assertThat(c.path("attempt_success_rate").asDouble()).isCloseTo(Seed.avg(calls, Fields.SUCCESS_COUNT.name()), within(EXACT));
        assertThat(c.path("send_success_rate").asDouble()).isCloseTo(Seed.avg(sends, Fields.SUCCESS_COUNT.name()), within(EXACT));
        assertThat(c.path("failures").asLong()).isEqualTo(Seed.count(calls, Fields.SUCCESS_COUNT.name(), "0")).isEqualTo(14);
        assertThat(c.path("failures_by_category").path("authentication").asLong())
                .isEqualTo(Seed.count(calls, Fields.ERROR_CATEGORY.name(), "authentication"));
        assertThat(c.path("failures_by_category").path("rate_limited").asLong())
                .isEqualTo(Seed.count(calls, Fields.ERROR_CATEGORY.name(), "rate_limited"));
        assertThat(c.path("failures_by_category").size()).isEqualTo(2);

        for (String provider : List.of("sendgrid", "ses")) {
            List<ObjectNode> mine = calls.stream().filter(e -> e.path(Fields.PROVIDER.name()).asText().equals(provider)).toList();
            List<ObjectNode> mySends = mine.stream().filter(e -> e.path(Fields.ATTEMPT_FINAL.name()).asBoolean()).toList();
            JsonNode p = provider(c, provider);
            assertThat(p.path("attempts").asLong()).as(provider).isEqualTo(mine.size());
            assertThat(p.path("sends").asLong()).as(provider).isEqualTo(mySends.size());
            assertThat(p.path("attempt_success_rate").asDouble()).isCloseTo(Seed.avg(mine, Fields.SUCCESS_COUNT.name()), within(EXACT));
            assertThat(p.path("send_success_rate").asDouble()).isCloseTo(Seed.avg(mySends, Fields.SUCCESS_COUNT.name()), within(EXACT));
            // Every attempt of a provider in a week took the same time: each percentile is that time exactly.
            double ms = Seed.avg(mine, Fields.EVENT_DURATION.name()) / 1_000_000.0;
            for (String pct : List.of("p50_ms", "p95_ms", "p99_ms")) {
                assertThat(p.path("latency").path(pct).asDouble()).as(provider + " " + pct).isCloseTo(ms, within(1e-6));
            }
            assertThat(p.path("failures").asLong()).isEqualTo(Seed.count(mine, Fields.SUCCESS_COUNT.name(), "0"));
        }
        assertThat(provider(c, "sendgrid").path("latency").path("p95_ms").asDouble()).isEqualTo(1100.0);
        assertThat(provider(c, "sendgrid").path("failures_by_category").path("rate_limited").asLong()).isEqualTo(7);

        JsonNode overTime = c.path("over_time");
        assertThat(overTime).hasSize(7);
        for (int day = 0; day < 7; day++) {
            Instant from = WEEK.plus(Duration.ofDays(day));
            List<ObjectNode> dayCalls = seed.callsIn(from, from.plus(Duration.ofDays(1)));
            JsonNode b = overTime.get(day);
            assertThat(Instant.parse(b.path("start").asText())).isEqualTo(from);
            assertThat(b.path("attempts").asLong()).isEqualTo(dayCalls.size()).isEqualTo(31);
            assertThat(b.path("sends").asLong()).isEqualTo(30);
            assertThat(b.path("attempt_success_rate").asDouble()).isCloseTo(Seed.avg(dayCalls, Fields.SUCCESS_COUNT.name()), within(EXACT));
        }

        JsonNode retries = c.path("retries");
        List<ObjectNode> retried = calls.stream().filter(e -> e.path(Fields.ATTEMPT_NUMBER.name()).asLong() > 1).toList();
        assertThat(retries.path("retried_attempts").asLong()).isEqualTo(retried.size()).isEqualTo(7);
        assertThat(retries.path("retry_rate").asDouble()).isCloseTo((double) retried.size() / calls.size(), within(EXACT));
        assertThat(retries.path("average_retry_delay_ms").asDouble()).isEqualTo(Seed.avg(retried, Fields.RETRY_DELAY.name()));
        assertThat(retries.path("max_retry_delay_ms").asDouble()).isEqualTo(1000.0);
        assertThat(retries.path("rate_limited").asLong()).isEqualTo(Seed.count(calls, Fields.ERROR_CATEGORY.name(), "rate_limited"));
        assertThat(retries.path("average_retry_after_ms").asDouble()).isEqualTo(Seed.avg(calls, Fields.RETRY_AFTER.name()));
        assertThat(retries.path("min_rate_limit_remaining").asDouble()).isEqualTo(0.0);
        assertThat(retries.path("rate_limited_by_provider").path("sendgrid").asLong()).isEqualTo(7);

        JsonNode top = c.path("top_errors");
        assertThat(top).hasSize(2);
        assertThat(top.get(0).path("category").asText()).isEqualTo("authentication");
        assertThat(top.get(0).path("code").asText()).isEqualTo("401");
        assertThat(top.get(0).path("count").asLong()).isEqualTo(7);
        assertThat(top.get(0).path("example").asText()).isEqualTo("The provided authorization grant is invalid");
        assertThat(top.get(1).path("category").asText()).isEqualTo("rate_limited");
        assertThat(top.get(1).path("example").asText()).isEqualTo("Too many requests");

        List<ObjectNode> deliveries = seed.deliveriesIn(WEEK, NOW);
        JsonNode d = report.path("current").path("delivery");
        assertThat(d.path("events").asLong()).isEqualTo(deliveries.size()).isEqualTo(248);
        for (String status : List.of("delivered", "bounced_hard", "bounced_soft", "complained", "opened")) {
            assertThat(d.path("by_status").path(status).asLong()).as(status).isEqualTo(Seed.count(deliveries, Fields.DELIVERY_STATUS.name(), status));
        }
        assertThat(Seed.JSON.convertValue(d.path("by_status"), Map.class).keySet())
                .as("funnel order").containsExactly("delivered", "bounced_hard", "bounced_soft", "complained", "opened");
        assertThat(d.path("bounce_rate").asDouble()).isCloseTo(Seed.avg(deliveries, Fields.BOUNCE_COUNT.name()), within(EXACT))
                .isCloseTo(12.0 / 212, within(EXACT));
        assertThat(d.path("bounce_base").asLong()).isEqualTo(212);
        assertThat(d.path("complaint_rate").asDouble()).isCloseTo(1.0 / 201, within(EXACT));
        assertThat(d.path("complaint_base").asLong()).isEqualTo(201);

        JsonNode p = report.path("previous");
        assertThat(Instant.parse(p.path("period").path("from").asText())).isEqualTo(WEEK_BEFORE);
        assertThat(p.path("calls").path("attempts").asLong()).isEqualTo(seed.callsIn(WEEK_BEFORE, WEEK).size()).isEqualTo(210);
        assertThat(p.path("calls").path("send_success_rate").asDouble()).isEqualTo(1.0);
        assertThat(provider(p.path("calls"), "sendgrid").path("latency").path("p95_ms").asDouble()).isEqualTo(400.0);
        assertThat(p.path("delivery").path("bounce_rate").asDouble()).isCloseTo(2.0 / 202, within(EXACT));

        List<String> regressions = new ArrayList<>();
        report.path("regressions").forEach(r -> regressions.add(r.path("metric").asText() + "|" + r.path("subject").asText() + "|" + r.path("text").asText()));
        assertThat(regressions).as("what got worse, and nothing else").containsExactlyInAnyOrder(
                "bounce_rate|all|bounce rate 5.66 % is above the 5.00 % limit (was 0.99 %)",
                "complaint_rate|all|complaint rate 0.50 % is above the 0.10 % limit (was 0.00 %)",
                "success_rate.attempts|all|attempt success rate -6.45 pp (100.00 % → 93.55 %)",
                "success_rate.sends|all|send success rate -3.33 pp (100.00 % → 96.67 %)",
                "latency.p50|all|latency p50 +175 % (400 ms → 1.10 s)",
                "latency.p95|all|latency p95 +175 % (400 ms → 1.10 s)",
                "latency.p99|all|latency p99 +175 % (400 ms → 1.10 s)",
                "retry_rate|all|retries +3.23 pp of attempts (0.00 % → 3.23 %)",
                "failure_share|authentication|authentication failures +3.23 pp of attempts (0.00 % → 3.23 %)",
                "failure_share|rate_limited|rate_limited failures +3.23 pp of attempts (0.00 % → 3.23 %)",
                "success_rate.attempts|sendgrid|sendgrid attempt success rate -9.52 pp (100.00 % → 90.48 %)",
                "success_rate.sends|sendgrid|sendgrid send success rate -5.00 pp (100.00 % → 95.00 %)",
                "latency.p50|sendgrid|sendgrid p50 +175 % (400 ms → 1.10 s)",
                "latency.p95|sendgrid|sendgrid p95 +175 % (400 ms → 1.10 s)",
                "latency.p99|sendgrid|sendgrid p99 +175 % (400 ms → 1.10 s)");

        // The same figures in the HTML, which stands alone: images inline, no script, no remote reference.
        String html = html("known");
        assertThat(html).contains("data-metric=\"current.calls.attempts\">217<", "data-metric=\"previous.calls.attempts\">210<",
                "data-metric=\"current.calls.send_success_rate\">96.67 %<", "data-metric=\"current.providers.sendgrid.latency.p95\">1.10 s<",
                "data-metric=\"previous.providers.sendgrid.latency.p95\">400 ms<", "data-metric=\"current.providers.ses.latency.p99\">200 ms<",
                "data-metric=\"current.delivery.bounce_rate\" class=\"bad\">5.66 %<", "data-metric=\"current.calls.retries.rate_limited\">7<",
                "data-metric=\"current.delivery.status.bounced_hard\">12<", "sendgrid p95 +175 % (400 ms → 1.10 s)");
        assertThat(html.indexOf("id=\"regressions\"")).as("regressions at the top").isLessThan(html.indexOf("id=\"summary\""));
        assertThat(html).doesNotContain("<script", "http://", "https://");
        List<byte[]> images = dataImages(html);
        assertThat(images).hasSize(6);
        images.forEach(png -> assertThat(png).startsWith(0x89, 'P', 'N', 'G'));
        assertThat(run.out()).contains("217 attempts, 210 logical sends", "notably worse (15):", "- sendgrid p95 +175 % (400 ms → 1.10 s)");
    }

    @Test
    void anEmptyPeriodIsAClearReport() throws IOException {
        seeded("emptyperiod");
        ReportRun run = report("emptyperiod", "--from", "2025-01-01", "--to", "2025-01-08", "--compare-previous");
        assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCode.OK);
        assertThat(run.out()).contains("no call and no delivery event in this period");
        assertThat(run.err()).isEmpty();
        JsonNode report = summary("emptyperiod");
        assertThat(report.path("current").path("calls").path("attempts").asLong()).isZero();
        assertThat(report.path("current").path("calls").path("attempt_success_rate").isNull()).isTrue();
        assertThat(report.path("current").path("calls").path("latency").path("p95_ms").isNull()).isTrue();
        assertThat(report.path("current").path("calls").path("over_time")).as("one bucket per day, empty").hasSize(7);
        assertThat(report.path("regressions")).isEmpty();
        String html = html("emptyperiod");
        assertThat(html).contains("id=\"empty\"", "data-metric=\"current.calls.attempts\">0<", "data-metric=\"current.calls.latency.p95\">—<");
        assertThat(dataImages(html)).isEmpty();
    }

    @Test
    void oneProviderWithoutDeliveryDataIsAClearReport() throws IOException {
        Seed seed = new Seed();
        for (int i = 0; i < 60; i++) {
            seed.call(WEEK.plus(Duration.ofHours(i)), "postmark", i % 10 != 0, 300, 1, true,
                    i % 10 != 0 ? null : "timeout", "(none)", "read timed out", 0L);
        }
        try (RestClient client = es.restClient()) {
            seed.index(client, "onlycalls");
        }
        ReportRun run = report("onlycalls", "--compare-previous");
        assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCode.OK);
        assertThat(run.out()).contains("60 attempts", "no delivery events", "nothing notably worse");
        JsonNode report = summary("onlycalls");
        assertThat(report.path("current").path("calls").path("providers")).hasSize(1);
        assertThat(report.path("current").path("calls").path("send_success_rate").asDouble()).isCloseTo(0.9, within(EXACT));
        assertThat(report.path("current").path("delivery").path("events").asLong()).isZero();
        assertThat(report.path("current").path("delivery").path("bounce_rate").isNull()).isTrue();
        String html = html("onlycalls");
        assertThat(html).contains("id=\"no-delivery\"", "One provider in this period: postmark.",
                "data-metric=\"current.providers.postmark.failures.timeout\">6<");
        assertThat(dataImages(html)).as("volume, success, latency, per provider, failures; no delivery chart").hasSize(5);
    }

    @Test
    void aClusterThatIsDownIsOneLine() throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        ReportRun run = ReportRun.of(CLOCK, Map.of(), "report", "--es-url", "http://127.0.0.1:" + port, "--out", dir.resolve("down.html").toString());
        assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCode.UNREACHABLE);
        assertThat(run.err().lines()).hasSize(1);
        assertThat(run.err()).startsWith("mailtrail: cannot connect to Elasticsearch at http://127.0.0.1:" + port).doesNotContain("\tat ");
        assertThat(run.out()).isEmpty();
        assertThat(dir.resolve("down.html")).doesNotExist();
    }

    @Test
    void badOptionsAreOneLineEach() {
        assertThat(ReportRun.of(CLOCK, Map.of(), "report", "--from", "yesterday").err())
                .isEqualTo("mailtrail: --from 'yesterday' is no time: use now, now-<n><m|h|d|w> (e.g. now-7d), an ISO instant (2026-11-23T00:00:00Z) or a date (2026-11-23)\n");
        assertThat(ReportRun.of(CLOCK, Map.of(), "report", "--from", "now", "--to", "now-1d").err())
                .startsWith("mailtrail: --from now (2026-11-30T00:00:00Z) is not before --to now-1d").hasLineCount(1);
        assertThat(ReportRun.of(CLOCK, Map.of(), "report", "--email", "ops@example.com").err())
                .isEqualTo("mailtrail: --email needs an SMTP server: --smtp-host HOST (or MAILTRAIL_SMTP_HOST)\n");
        assertThat(ReportRun.of(CLOCK, Map.of(), "report", "--email", "not-an-address").err())
                .isEqualTo("mailtrail: --email: 'not-an-address' is no email address (e.g. ops@example.com)\n");
        assertThat(ReportRun.of(CLOCK, Map.of(), "report", "--out", "report.pdf").exitCode()).isEqualTo(ExitCode.USAGE);
    }

    private static JsonNode provider(JsonNode calls, String name) {
        for (JsonNode p : calls.path("providers")) {
            if (p.path("provider").asText().equals(name)) {
                return p;
            }
        }
        throw new AssertionError("no provider " + name + " in " + calls.path("providers"));
    }

    static List<byte[]> dataImages(String html) {
        List<byte[]> out = new ArrayList<>();
        Matcher m = Pattern.compile("<img [^>]*src=\"data:image/png;base64,([A-Za-z0-9+/=]+)\"").matcher(html);
        while (m.find()) {
            out.add(Base64.getDecoder().decode(m.group(1)));
        }
        return out;
    }
}
