package io.mailtrail.cli.report;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.mailtrail.alerts.mail.SmtpMailSender;
import io.mailtrail.alerts.mail.SmtpSecurity;
import io.mailtrail.alerts.mail.SmtpSettings;
import io.mailtrail.cli.ExitCode;
import io.mailtrail.cli.elasticsearch.ConnectionOptions;
import io.mailtrail.testing.ElasticsearchExtension;
import io.mailtrail.testing.ElasticsearchNode;
import jakarta.mail.BodyPart;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import org.elasticsearch.client.RestClient;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The emailed report arrives in a real SMTP server with its charts as inline parts the HTML names by cid. */
@ExtendWith(ElasticsearchExtension.class)
class ReportEmailIT {

    @RegisterExtension
    static final GreenMailExtension SMTP = new GreenMailExtension(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort());

    private static final String NAMESPACE = "mailed";
    private static boolean seeded;

    private ElasticsearchNode es;
    @TempDir
    Path dir;

    @BeforeEach
    void setUp(ElasticsearchNode es) throws IOException {
        this.es = es;
        if (!seeded) {
            ReportRun setup = ReportRun.of(ReportIT.CLOCK, Map.of(), "setup", "--es-url", es.url().toString());
            assertThat(setup.exitCode()).as(setup.toString()).isEqualTo(ExitCode.OK);
            try (RestClient client = es.restClient()) {
                Seed.twoWeeks(ReportIT.WEEK_BEFORE, ReportIT.WEEK).index(client, NAMESPACE);
            }
            seeded = true;
        }
    }

    @Test
    void theEmailedReportHasItsChartsAsInlinePartsReferencedByCid() throws Exception {
        ReportRun run = ReportRun.of(ReportIT.CLOCK, Map.of(), "report", "--es-url", es.url().toString(), "--namespace", NAMESPACE,
                "--compare-previous", "--out", dir.resolve("r.html").toString(), "--email", "ops@example.com, lead@example.com",
                "--smtp-host", "127.0.0.1", "--smtp-port", Integer.toString(SMTP.getSmtp().getPort()), "--smtp-security", "none",
                "--smtp-from", "mailtrail@example.com");
        assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCode.OK);
        assertThat(run.out()).contains("emailed to 2 recipient(s) via 127.0.0.1:" + SMTP.getSmtp().getPort());
        assertThat(SMTP.waitForIncomingEmail(10_000, 2)).isTrue();
        MimeMessage mail = SMTP.getReceivedMessages()[0];

        assertThat(mail.getSubject()).isEqualTo("mailtrail report mailed, 2026-11-23 00:00 to 2026-11-30 00:00 UTC: 15 notably worse");
        assertThat(mail.getContentType()).startsWith("multipart/alternative");
        Multipart alternative = (Multipart) mail.getContent();
        assertThat(alternative.getCount()).isEqualTo(2);
        BodyPart text = alternative.getBodyPart(0);
        assertThat(text.getContentType()).startsWith("text/plain");
        assertThat((String) text.getContent()).contains("Notably worse:", "  - sendgrid p95 +175 % (400 ms → 1.10 s)", "  attempts: 217 | 210");

        BodyPart relatedPart = alternative.getBodyPart(1);
        assertThat(relatedPart.getContentType()).startsWith("multipart/related");
        Multipart related = (Multipart) relatedPart.getContent();
        BodyPart htmlPart = related.getBodyPart(0);
        assertThat(htmlPart.getContentType()).startsWith("text/html");
        String html = (String) htmlPart.getContent();
        assertThat(html).doesNotContain("<script", "data:image").contains("data-metric=\"current.calls.attempts\">217<");

        List<String> cids = new ArrayList<>();
        Matcher m = Pattern.compile("src=\"cid:([^\"]+)\"").matcher(html);
        while (m.find()) {
            cids.add(m.group(1));
        }
        assertThat(cids).hasSize(6).contains("volume@mailtrail", "latency@mailtrail", "delivery@mailtrail");
        assertThat(related.getCount()).as("the HTML and one part per chart").isEqualTo(1 + cids.size());
        List<String> partIds = new ArrayList<>();
        for (int i = 1; i < related.getCount(); i++) {
            BodyPart image = related.getBodyPart(i);
            assertThat(image.getContentType()).startsWith("image/png");
            assertThat(image.getDisposition()).isEqualTo(Part.INLINE);
            assertThat(bytes(image.getInputStream())).startsWith(0x89, 'P', 'N', 'G');
            partIds.add(image.getHeader("Content-ID")[0]);
        }
        assertThat(partIds).containsExactlyInAnyOrderElementsOf(cids.stream().map(c -> "<" + c + ">").toList());
    }

    @Test
    void anSmtpServerThatIsDownIsOneLineAndTheFileIsStillWritten() throws IOException {
        int port = closedPort();
        ReportRun run = ReportRun.of(ReportIT.CLOCK, Map.of(), "report", "--es-url", es.url().toString(), "--namespace", NAMESPACE,
                "--out", dir.resolve("r.html").toString(), "--email", "ops@example.com", "--smtp-host", "127.0.0.1",
                "--smtp-port", Integer.toString(port), "--smtp-security", "none", "--smtp-from", "mailtrail@example.com");
        assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCode.FAILED);
        assertThat(run.err().lines()).hasSize(1);
        assertThat(run.err()).startsWith("mailtrail: the report is written to " + dir.resolve("r.html") + ", but emailing it failed: could not send mail via 127.0.0.1:" + port);
        assertThat(dir.resolve("r.html")).exists();
        assertThat(dir.resolve("r.json")).exists();
    }

    @Test
    void aScheduledReportWhoseSendFailsIsLoggedAndRetriedUntilItArrives() throws Exception {
        int port = closedPort();
        SmtpSettings smtp = SmtpSettings.builder().host("127.0.0.1").port(port).security(SmtpSecurity.NONE).from("mailtrail@example.com").build();
        List<String> log = new ArrayList<>();
        GreenMail[] late = new GreenMail[1];
        ConnectionOptions connection = new ConnectionOptions(es.url(), null, null, null);
        ReportJob job = new ReportJob(Duration.ofDays(7), true, ReportCommand.source(connection, NAMESPACE, ReportIT.CLOCK),
                new SmtpMailSender(smtp), List.of("ops@example.com"), new ReportJob.Retry(3, Duration.ofSeconds(30)),
                wait -> {
                    // The SMTP server comes back while the job waits: the next attempt goes through.
                    if (late[0] == null) {
                        late[0] = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
                        late[0].start();
                    }
                }, log::add);
        try {
            assertThat(job.run(ReportIT.NOW)).isTrue();
            assertThat(log).hasSize(2);
            assertThat(log.get(0)).startsWith("mailtrail report 2026-11-23T00:00:00Z → 2026-11-30T00:00:00Z: attempt 1 of 3 sending failed: could not send mail via 127.0.0.1:" + port)
                    .endsWith("; retrying in 30 s");
            assertThat(log.get(1)).startsWith("mailtrail report 2026-11-23T00:00:00Z → 2026-11-30T00:00:00Z: sent to 1 recipient(s), 15 notably worse, Message-ID <");
            assertThat(late[0].waitForIncomingEmail(10_000, 1)).isTrue();
            assertThat(late[0].getReceivedMessages()[0].getSubject()).endsWith("15 notably worse");
        } finally {
            if (late[0] != null) {
                late[0].stop();
            }
        }
    }

    @Test
    void aScheduledReportThatNeverGoesOutSaysSoEveryTimeAndGivesUp() {
        ConnectionOptions down = new ConnectionOptions(java.net.URI.create("http://127.0.0.1:" + closedPort()), null, null, null);
        SmtpSettings smtp = SmtpSettings.builder().host("127.0.0.1").port(SMTP.getSmtp().getPort()).security(SmtpSecurity.NONE)
                .from("mailtrail@example.com").build();
        List<String> log = new ArrayList<>();
        List<Duration> waits = new ArrayList<>();
        ReportJob job = new ReportJob(Duration.ofDays(7), false, ReportCommand.source(down, NAMESPACE, ReportIT.CLOCK),
                new SmtpMailSender(smtp), List.of("ops@example.com"), new ReportJob.Retry(3, Duration.ofSeconds(10)), waits::add, log::add);
        assertThat(job.run(ReportIT.NOW)).isFalse();
        assertThat(waits).containsExactly(Duration.ofSeconds(10), Duration.ofSeconds(20));
        assertThat(log).hasSize(3);
        assertThat(log.get(0)).contains("attempt 1 of 3 computing failed: cannot connect to Elasticsearch at http://127.0.0.1:").endsWith("retrying in 10 s");
        assertThat(log.get(2)).contains("attempt 3 of 3 computing failed").endsWith("; giving up");
        assertThat(SMTP.getReceivedMessages()).isEmpty();
    }

    @Test
    void aWeeklyScheduleSendsTheReportOfTheWeekEndingAtTheScheduledTime() throws Exception {
        SmtpSettings smtp = SmtpSettings.builder().host("127.0.0.1").port(SMTP.getSmtp().getPort()).security(SmtpSecurity.NONE)
                .from("mailtrail@example.com").build();
        List<String> log = new ArrayList<>();
        ReportJob job = new ReportJob(Duration.ofDays(7), true,
                ReportCommand.source(new ConnectionOptions(es.url(), null, null, null), NAMESPACE, ReportIT.CLOCK),
                new SmtpMailSender(smtp), List.of("ops@example.com"), ReportJob.Retry.DEFAULT, wait -> { }, log::add);
        ScheduledReport weekly = new ScheduledReport(ScheduledReport.schedule("report-schedule", "{\"weekly\":{\"on\":\"monday\",\"at\":\"07:00\"}}"),
                java.time.Instant.parse("2026-11-29T00:00:00Z"), job);
        assertThat(weekly.next()).contains(java.time.Instant.parse("2026-11-30T07:00:00Z"));
        assertThat(weekly.tick(java.time.Instant.parse("2026-11-29T12:00:00Z"))).isEmpty();
        assertThat(weekly.tick(java.time.Instant.parse("2026-11-30T07:00:04Z"))).contains(true);
        assertThat(weekly.tick(java.time.Instant.parse("2026-11-30T07:01:00Z"))).as("once per due time").isEmpty();
        assertThat(weekly.next()).contains(java.time.Instant.parse("2026-12-07T07:00:00Z"));
        assertThat(log).singleElement().asString().startsWith("mailtrail report 2026-11-23T07:00:00Z → 2026-11-30T07:00:00Z: sent to 1 recipient(s)");
        assertThat(SMTP.waitForIncomingEmail(10_000, 1)).isTrue();
        assertThat(SMTP.getReceivedMessages()[0].getSubject()).startsWith("mailtrail report mailed, 2026-11-23 07:00 to 2026-11-30 07:00 UTC: ");
    }

    @Test
    void aScheduleThatIsNoScheduleIsOneLine() {
        assertThatThrownBy(() -> ScheduledReport.schedule("report-schedule", "{\"weekly\":{\"on\":\"someday\"}}"))
                .isInstanceOf(io.mailtrail.cli.CliException.class).hasMessageStartingWith("--report-schedule '{\"weekly\":{\"on\":\"someday\"}}': ");
        assertThatThrownBy(() -> ScheduledReport.schedule("report-schedule", "weekly"))
                .hasMessage("--report-schedule 'weekly': not JSON; e.g. {\"weekly\":{\"on\":\"monday\",\"at\":\"07:00\"}}");
    }

    private static int closedPort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] bytes(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        in.transferTo(out);
        return out.toByteArray();
    }
}
