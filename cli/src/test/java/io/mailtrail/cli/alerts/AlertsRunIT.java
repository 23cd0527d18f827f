package io.mailtrail.cli.alerts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.mailtrail.alerts.cluster.ClusterClient;
import io.mailtrail.alerts.cluster.RestClusterClient;
import io.mailtrail.alerts.engine.AlertEngine;
import io.mailtrail.alerts.execution.ExecutionResult;
import io.mailtrail.alerts.mail.SmtpMailSender;
import io.mailtrail.alerts.mail.SmtpSecurity;
import io.mailtrail.alerts.mail.SmtpSettings;
import io.mailtrail.alerts.support.DateMath;
import io.mailtrail.alerts.support.Json;
import io.mailtrail.alerts.throttle.ActionOutcome;
import io.mailtrail.alerts.watch.Watch;
import io.mailtrail.alerts.watch.WatchParser;
import io.mailtrail.cli.Cli;
import io.mailtrail.cli.Console;
import io.mailtrail.cli.ExitCode;
import io.mailtrail.alerts.history.HistoryFields;
import io.mailtrail.schema.Fields;
import io.mailtrail.testing.ElasticsearchExtension;
import io.mailtrail.testing.ElasticsearchNode;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import org.elasticsearch.client.RestClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code alerts run} end to end: a failure burst in the real node, the alert email in a real SMTP server (GreenMail). */
@ExtendWith(ElasticsearchExtension.class)
class AlertsRunIT {

    @RegisterExtension
    static final GreenMailExtension SMTP = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

    /**
     * The packaged success-rate watch, scheduled every 2 s so the test is short, reading only the calls of
     * {@code namespace}: other tests of the suite write sendgrid successes into the same minutes of the shared node.
     */
    static Path fastWatch(Path dir, String namespace) throws Exception {
        ObjectNode w = (ObjectNode) Json.MAPPER.readTree(Files.readString(Path.of("../watcher-rules/mailtrail-success-rate.json")));
        ((ObjectNode) w.get("trigger").get("schedule")).put("interval", "2s");
        ((ObjectNode) w.at("/input/search/request")).putArray("indices").add(calls(namespace));
        Files.writeString(dir.resolve("mailtrail-success-rate.json"), Json.MAPPER.writeValueAsString(w));
        return dir;
    }

    /** The distinct mails received since {@code since} (the server is shared by the tests of this class). */
    static java.util.Set<String> messageIds(MimeMessage[] mails, Instant since) throws Exception {
        java.util.Set<String> ids = new java.util.TreeSet<>();
        for (MimeMessage m : mails) {
            if (!m.getSentDate().toInstant().isBefore(since.minusSeconds(1))) {
                ids.add(m.getHeader("Message-ID")[0]);
            }
        }
        return ids;
    }

    /** The index templates, as users install them (idempotent). */
    static void setup(ElasticsearchNode es) throws Exception {
        SMTP.purgeEmailFromAllMailboxes();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ExitCode code = Cli.standard().run(new String[] {"setup", "--es-url", es.url().toString()},
                new Console(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(out, true, StandardCharsets.UTF_8), Map.of()));
        assertThat(code).as(out.toString(StandardCharsets.UTF_8)).isEqualTo(ExitCode.OK);
    }

    static String calls(String namespace) {
        return Scenarios.CALLS.replace("-default", "-" + namespace);
    }

    static void seedBurst(ClusterClient cluster, Instant now, String namespace) {
        StringBuilder bulk = new StringBuilder();
        for (Instant t = now.minus(Duration.ofMinutes(4)); t.isBefore(now); t = t.plusSeconds(5)) {
            for (var doc : List.of(Scenarios.call(t, "sendgrid", "authentication", 300), Scenarios.call(t, "ses", null, 200))) {
                bulk.append("{\"create\":{\"_index\":\"").append(calls(namespace)).append("\"}}\n").append(Json.write(doc)).append('\n');
            }
        }
        JsonNode r = cluster.request("POST", "/_bulk", Map.of("refresh", "true"), bulk.toString());
        assertThat(r.path("errors").asBoolean()).isFalse();
    }

    /** {@code alerts run} with GreenMail as the SMTP server and a 200 ms tick, plus {@code extra} options. */
    private static ExitCode run(ElasticsearchNode es, Path watches, String namespace, String stopAfter, ByteArrayOutputStream out,
                                String... extra) {
        List<String> argv = new ArrayList<>(List.of("alerts", "run", "--es-url", es.url().toString(), "--watches", watches.toString(),
                "--namespace", namespace, "--recipients", "ops@shop.test", "--kibana-url", "https://kibana.shop.test",
                "--smtp-host", "127.0.0.1", "--smtp-port", Integer.toString(SMTP.getSmtp().getPort()), "--smtp-security", "none",
                "--smtp-from", "mailtrail <alerts@shop.test>", "--tick", "200ms", "--stop-after", stopAfter));
        argv.addAll(List.of(extra));
        return Cli.standard().run(argv.toArray(String[]::new),
                new Console(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(out, true, StandardCharsets.UTF_8), Map.of()));
    }

    @Test
    void aFailureBurstIsMailedOnceAndThrottledAcrossARestart(ElasticsearchNode es, @TempDir Path dir) throws Exception {
        try (RestClient rest = es.restClient()) {
            setup(es);
            ClusterClient cluster = new RestClusterClient(rest);
            Instant start = Instant.now();
            seedBurst(cluster, start, "e2e");
            Path watches = fastWatch(dir, "e2e");
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            assertThat(run(es, watches, "e2e", "7s", out)).as(out.toString()).isEqualTo(ExitCode.OK);

            MimeMessage[] all = SMTP.getReceivedMessages();
            // the server is shared by the tests of this class: keep the mails of this engine's namespace (its execution ids)
            JsonNode executedDocs = cluster.request("POST", "/logs-mailtrail.alerts-e2e/_search", Map.of(),
                    "{\"size\":100,\"query\":{\"exists\":{\"field\":\"" + HistoryFields.ACTIONS_EXECUTED + "\"}}}").path("hits").path("hits");
            assertThat(executedDocs.size()).as(out.toString()).isEqualTo(1);
            String executionId = executedDocs.get(0).path("_source").path(HistoryFields.EXECUTION_ID).asText();
            MimeMessage[] mails = java.util.Arrays.stream(all).filter(m -> {
                try {
                    return m.getHeader("Message-ID")[0].equals("<email_oncall_" + executionId + ">");
                } catch (jakarta.mail.MessagingException e) {
                    return false;
                }
            }).toArray(MimeMessage[]::new);
            assertThat(mails).as(out.toString()).hasSize(1);
            MimeMessage mail = mails[0];
            assertThat(mail.getSubject()).isEqualTo("[mailtrail] success rate below 90 %: sendgrid at 0.0%");
            assertThat(mail.getAllRecipients()[0].toString()).isEqualTo("ops@shop.test");
            assertThat(mail.getHeader("Message-ID")[0]).startsWith("<email_oncall_mailtrail-success-rate_");
            MimeMultipart body = (MimeMultipart) mail.getContent();
            String text = (String) body.getBodyPart(0).getContent();
            assertThat(text).contains("Window: 5m up to").containsPattern("sendgrid \\| 0.0% \\| (\\d+) \\| authentication \\(\\d+\\)")
                    .containsPattern("ses \\| 100.0% \\| \\d+ \\|").contains("Kibana: https://kibana.shop.test/app/discover#/");
            assertThat((String) body.getBodyPart(1).getContent()).containsPattern("<td>sendgrid</td><td>0.0%</td><td>\\d+</td>");

            // the first execution that sent is within two schedule periods of the engine's start
            JsonNode history = cluster.request("POST", "/logs-mailtrail.alerts-e2e/_search", Map.of(),
                    "{\"size\":100,\"sort\":[{\"@timestamp\":\"asc\"}]}").path("hits").path("hits");
            List<JsonNode> docs = new ArrayList<>();
            history.forEach(h -> docs.add(h.path("_source")));
            assertThat(docs).hasSizeGreaterThanOrEqualTo(2);
            JsonNode sent = docs.stream().filter(d -> d.has(HistoryFields.ACTIONS_EXECUTED)).findFirst().orElseThrow();
            assertThat(DateMath.parseDate(sent.path(HistoryFields.SCHEDULED_TIME).asText()))
                    .isBeforeOrEqualTo(start.plus(Duration.ofSeconds(4 + 60)));
            assertThat(docs.stream().filter(d -> d.has(HistoryFields.ACTIONS_EXECUTED))).hasSize(1);
            assertThat(docs.get(docs.size() - 1).path(HistoryFields.ACTIONS_THROTTLED).get(0).asText()).isEqualTo("email_oncall");
            assertThat(sent.path(HistoryFields.VALUES).asText()).contains("\"value_as_string\":\"0.0%\"");

            // a restarted engine reads the throttle state from the history: nothing more is sent
            ByteArrayOutputStream again = new ByteArrayOutputStream();
            assertThat(run(es, watches, "e2e", "5s", again)).as(again.toString()).isEqualTo(ExitCode.OK);
            assertThat(SMTP.getReceivedMessages().length).as(again.toString()).isEqualTo(all.length);
            assertThat(again.toString()).contains("email_oncall throttled");
        }
    }

    @Test
    void theReportGoesOutOnItsScheduleWithItsChartsInline(ElasticsearchNode es, @TempDir Path dir) throws Exception {
        try (RestClient rest = es.restClient()) {
            setup(es);
            ClusterClient cluster = new RestClusterClient(rest);
            Instant since = Instant.now();
            seedBurst(cluster, since, "weekly");
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ExitCode code = run(es, fastWatch(dir, "weekly"), "reporting", "9s", out, "--report-schedule", "{\"interval\":\"3s\"}",
                    "--report-period", "10m", "--report-namespace", "weekly", "--report-email", "lead@shop.test");
            String log = out.toString(StandardCharsets.UTF_8);
            assertThat(code).as(log).isEqualTo(ExitCode.OK);
            assertThat(log).contains("mailtrail alerts run: the report goes out next at ");

            List<MimeMessage> reports = new ArrayList<>();
            for (MimeMessage m : SMTP.getReceivedMessages()) {
                if (m.getSubject().startsWith("mailtrail report weekly, ") && !m.getSentDate().toInstant().isBefore(since.minusSeconds(1))) {
                    reports.add(m);
                }
            }
            // every 3 s for 9 s, each after the first tick at or after its time; a report takes about a second
            assertThat(reports).as(log).hasSizeBetween(2, 3);
            assertThat(log).containsPattern("mailtrail report \\S+ → \\S+: sent to 1 recipient\\(s\\)");
            MimeMessage first = reports.get(0);
            assertThat(first.getAllRecipients()).extracting(Object::toString).containsExactly("lead@shop.test");
            MimeMultipart related = (MimeMultipart) ((MimeMultipart) first.getContent()).getBodyPart(1).getContent();
            String html = (String) related.getBodyPart(0).getContent();
            // the seeded 4 minutes: 48 sendgrid failures and 48 ses successes
            assertThat(html).contains("data-metric=\"current.calls.attempts\">96<").contains("src=\"cid:volume@mailtrail\"");
            assertThat(related.getBodyPart(1).getContentType()).startsWith("image/png");
        }
    }

    @Test
    void theReportOptionsAreCheckedBeforeAnythingRuns(ElasticsearchNode es, @TempDir Path dir) throws Exception {
        Path watches = fastWatch(dir, "unused");
        for (var c : List.of(
                new String[] {"--report-email", "lead@shop.test", "--report-email needs --report-schedule"},
                new String[] {"--report-no-compare", "--report-no-compare needs --report-schedule"},
                new String[] {"--report-schedule", "{\"weekly\":{\"on\":\"someday\"}}", "--report-schedule '{\"weekly\":{\"on\":\"someday\"}}': "},
                new String[] {"--report-schedule", "weekly", "--report-schedule 'weekly': not JSON"},
                new String[] {"--report-schedule", "{\"daily\":{\"at\":\"06:30\"}}", "--report-schedule needs recipients: --report-email ADDRESSES (or --recipients)"},
                new String[] {"--report-schedule", "{\"daily\":{\"at\":\"06:30\"}}", "--report-email", "lead", "--report-email: 'lead' is no email address"})) {
            List<String> argv = new ArrayList<>(List.of("alerts", "run", "--es-url", es.url().toString(), "--watches", watches.toString(),
                    "--smtp-host", "127.0.0.1", "--smtp-from", "alerts@shop.test", "--stop-after", "1s"));
            argv.addAll(List.of(c).subList(0, c.length - 1));
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ExitCode code = Cli.standard().run(argv.toArray(String[]::new),
                    new Console(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(out, true, StandardCharsets.UTF_8), Map.of()));
            String text = out.toString(StandardCharsets.UTF_8);
            assertThat(code).as(text).isEqualTo(ExitCode.USAGE);
            assertThat(text).as(String.join(" ", argv)).contains(c[c.length - 1]).doesNotContain("\tat ");
        }
    }

    @Test
    void twoEnginesOnOneClusterSendOnce(ElasticsearchNode es, @TempDir Path dir) throws Exception {
        try (RestClient rest = es.restClient()) {
            setup(es);
            ClusterClient cluster = new RestClusterClient(rest);
            Instant since = Instant.now();
            seedBurst(cluster, since, "pair");
            Watch w = WatchParser.parse("mailtrail-success-rate", Json.MAPPER.readTree(Files.readString(fastWatch(dir, "pair").resolve("mailtrail-success-rate.json"))));
            SmtpMailSender mail = new SmtpMailSender(SmtpSettings.builder().host("127.0.0.1").port(SMTP.getSmtp().getPort())
                    .security(SmtpSecurity.NONE).from("alerts@shop.test").build());
            List<String> log = new ArrayList<>();
            AlertEngine a = new AlertEngine(List.of(w), cluster, mail, "pair", "engine-a", Clock.systemUTC(), log::add);
            AlertEngine b = new AlertEngine(List.of(w), cluster, mail, "pair", "engine-b", Clock.systemUTC(), log::add);
            List<ExecutionResult> ranB = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                a.tick();
                ranB.addAll(b.tick());
                Thread.sleep(200);
            }
            assertThat(ranB).as(String.join("\n", log)).isEmpty();
            assertThat(log).contains("another engine holds the lease: standing by");
            assertThat(messageIds(SMTP.getReceivedMessages(), since)).as(String.join("\n", log)).hasSize(1);
        }
    }

    @Test
    void anUnreachableSmtpServerIsLoggedAndRetriedNextPeriod(ElasticsearchNode es, @TempDir Path dir) throws Exception {
        int closed;
        try (ServerSocket s = new ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        try (RestClient rest = es.restClient()) {
            setup(es);
            ClusterClient cluster = new RestClusterClient(rest);
            seedBurst(cluster, Instant.now(), "nosmtp");
            Watch w = WatchParser.parse("mailtrail-success-rate", Json.MAPPER.readTree(Files.readString(fastWatch(dir, "nosmtp").resolve("mailtrail-success-rate.json"))));
            SmtpMailSender mail = new SmtpMailSender(SmtpSettings.builder().host("127.0.0.1").port(closed)
                    .security(SmtpSecurity.NONE).from("alerts@shop.test").timeout(Duration.ofSeconds(2)).build());
            List<String> log = new ArrayList<>();
            AlertEngine engine = new AlertEngine(List.of(w), cluster, mail, "nosmtp", "engine-x", Clock.systemUTC(), log::add);
            List<ExecutionResult> results = new ArrayList<>();
            for (int i = 0; i < 30 && results.size() < 2; i++) {
                results.addAll(engine.tick());
                Thread.sleep(200);
            }
            assertThat(results).hasSize(2).allSatisfy(r -> assertThat(r.actions().get(0).outcome()).isEqualTo(ActionOutcome.FAILURE));
            assertThat(results.get(0).actions().get(0).error()).startsWith("could not send mail via 127.0.0.1:" + closed).contains("connection refused");
            assertThat(log).anySatisfy(l -> assertThat(l).contains("action [email_oncall] failed: could not send mail via"));
        }
    }

    @Test
    void anUnreachableClusterIsLoggedOnceAndRetried(@TempDir Path dir) throws Exception {
        int closed;
        try (ServerSocket s = new ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        Watch w = WatchParser.parse("mailtrail-success-rate", Json.MAPPER.readTree(Files.readString(fastWatch(dir, "down").resolve("mailtrail-success-rate.json"))));
        try (RestClient rest = RestClient.builder(new org.apache.http.HttpHost("127.0.0.1", closed, "http")).build()) {
            List<String> log = new ArrayList<>();
            AlertEngine engine = new AlertEngine(List.of(w), new RestClusterClient(rest), m -> "x", "down", "engine-y", Clock.systemUTC(), log::add);
            for (int i = 0; i < 3; i++) {
                assertThat(engine.tick()).isEmpty();
            }
            assertThat(log).hasSize(1);
            assertThat(log.get(0)).startsWith("cluster: GET /mailtrail-alerts-lease/_doc/down failed").endsWith("(retrying every tick)");
        }
    }
}
