package io.mailtrail.cli.live;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mailtrail.cli.CliException;
import io.mailtrail.cli.ExitCode;
import io.mailtrail.schema.Fields;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LiveViewPartsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void durationsReadTheUsualUnitsAndNameTheOptionOnAMistake() {
        assertThat(Durations.parse("duration", "30s")).isEqualTo(Duration.ofSeconds(30));
        assertThat(Durations.parse("duration", "2m")).isEqualTo(Duration.ofMinutes(2));
        assertThat(Durations.parse("duration", "500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(Durations.parse("duration", "7")).isEqualTo(Duration.ofSeconds(7));
        assertThatThrownBy(() -> Durations.parse("duration", "soon")).isInstanceOf(CliException.class)
                .hasMessage("--duration soon: not a duration; write e.g. 30s, 2m, 1h or 500ms");
        assertThatThrownBy(() -> Durations.parse("refresh", "0s")).hasMessageContaining("--refresh 0s: must be more than zero");
        assertThatThrownBy(() -> Durations.positive("rate", "-3")).hasMessage("--rate -3: must be a whole number above zero");
        assertThat(Durations.format(Duration.ofSeconds(125))).isEqualTo("2m 5s");
        assertThat(Durations.format(Duration.ofMillis(100))).isEqualTo("100 ms");
    }

    @Test
    void theTableShowsRatesPercentilesAndATotal() {
        List<String> lines = StatsTable.lines(List.of(
                new ProviderStats("sendgrid", 5, 4, 3, 1, 2, 40.4, 0.8),
                new ProviderStats("ses", 2, 0, 0, 0, 2, Double.NaN, 0)));
        assertThat(lines.get(1).trim().split("\\s+")).containsExactly("sendgrid", "0.8", "75.0%", "40", "1", "5", "2");
        assertThat(lines.get(2).trim().split("\\s+")).containsExactly("ses", "0.0", "-", "-", "0", "2", "2");
        assertThat(lines.get(3).trim().split("\\s+")).containsExactly("all", "0.8", "75.0%", "-", "1", "7", "4");
        assertThat(StatsTable.lines(List.of())).contains("(no call events yet)");
    }

    @Test
    void anEventLineReadsDottedAndNestedDocumentsAlike() throws Exception {
        JsonNode dotted = JSON.readTree("{\"@timestamp\":\"2026-12-01T22:10:03.120Z\",\"service.name\":\"billing\",\"mailtrail.provider\":\"ses\","
                + "\"mailtrail.template\":\"invoice\",\"event.outcome\":\"failure\",\"mailtrail.error.category\":\"rate_limited\","
                + "\"http.response.status_code\":429,\"mailtrail.attempt.number\":2,\"mailtrail.attempt.final\":false,"
                + "\"event.duration\":41000000,\"error.message\":\"Maximum sending rate exceeded.\"}");
        JsonNode nested = JSON.readTree("{\"@timestamp\":\"2026-12-01T22:10:03.120Z\",\"service\":{\"name\":\"billing\"},\"mailtrail\":"
                + "{\"provider\":\"ses\",\"template\":\"invoice\",\"error\":{\"category\":\"rate_limited\"},\"attempt\":{\"number\":2,\"final\":false}},"
                + "\"event\":{\"outcome\":\"failure\",\"duration\":41000000},\"http\":{\"response\":{\"status_code\":429}},"
                + "\"error\":{\"message\":\"Maximum sending rate exceeded.\"}}");
        String expected = "22:10:03.120Z billing ses invoice failure rate_limited HTTP 429 attempt 2 41 ms \"Maximum sending rate exceeded.\"";
        assertThat(EventLine.call(dotted)).isEqualTo(expected);
        assertThat(EventLine.call(nested)).isEqualTo(expected);
        assertThat(EventLine.text(nested, Fields.SERVICE_NAME, "?")).isEqualTo("billing");
    }

    @Test
    void aTerminalRedrawsInPlaceAndAPipeGetsPlainFrames() {
        ByteArrayOutputStream ansiOut = new ByteArrayOutputStream();
        Screen ansi = new Screen(new PrintStream(ansiOut, true, StandardCharsets.UTF_8), true, Clock.fixed(Instant.EPOCH, ZoneOffset.UTC));
        ansi.frame(List.of("a", "b"));
        ansi.frame(List.of("c", "d"));
        assertThat(ansiOut.toString(StandardCharsets.UTF_8)).isEqualTo("\033[Ja\nb\n\033[2F\033[Jc\nd\n");

        ByteArrayOutputStream plainOut = new ByteArrayOutputStream();
        Screen plain = new Screen(new PrintStream(plainOut, true, StandardCharsets.UTF_8), false, Clock.fixed(Instant.EPOCH, ZoneOffset.UTC));
        plain.frame(List.of("a"));
        plain.frame(List.of("b"));
        assertThat(plainOut.toString(StandardCharsets.UTF_8)).doesNotContain("\033").containsPattern("-- \\d\\d:\\d\\d:\\d\\d\na\n-- ");
    }

    @Test
    void thePollerRetriesAnUnreachableClusterAndStopsOnOtherFailures() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        AtomicInteger calls = new AtomicInteger();
        Poller poller = new Poller("top", Duration.ofMillis(1), new PrintStream(err, true, StandardCharsets.UTF_8));
        Poller.Outcome outcome = poller.run(() -> {
            if (calls.incrementAndGet() < 3) {
                throw new CliException(ExitCode.UNREACHABLE, "cannot connect to Elasticsearch at http://x:1 (refused).");
            }
            return true;
        }, 4);
        assertThat(outcome).isEqualTo(new Poller.Outcome(4, 2));
        assertThat(outcome.neverReached()).isFalse();
        assertThat(err.toString(StandardCharsets.UTF_8).lines()).containsExactly(
                "mailtrail top: cannot connect to Elasticsearch at http://x:1 (refused). Retrying in 1 ms.",
                "mailtrail top: cannot connect to Elasticsearch at http://x:1 (refused). Retrying in 1 ms.");
        assertThatThrownBy(() -> poller.run(() -> {
            throw new CliException(ExitCode.NOT_AUTHORIZED, "401");
        }, 3)).isInstanceOf(CliException.class).hasMessage("401");
    }
}
