package io.mailtrail.cli.alerts;

import io.mailtrail.alerts.support.Json;
import io.mailtrail.cli.Cli;
import io.mailtrail.cli.Console;
import io.mailtrail.cli.ExitCode;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The alerts commands without a cluster: usage errors, help, the conformance protocol, the packaged watches. */
class AlertsCommandTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final Console console = new Console(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8), Map.of());

    @Test
    void helpListsTheSubcommandsAndTheirOptions() {
        assertThat(Cli.standard().run(new String[] {"alerts"}, console)).isEqualTo(ExitCode.OK);
        assertThat(out.toString()).contains("alerts check:").contains("alerts backtest:").contains("alerts run:")
                .contains("alerts conformance: developer command").contains("--at TIME").contains("--smtp-host HOST");
    }

    @Test
    void badOptionsAreOneLineNamingTheOption() {
        assertThat(Cli.standard().run(new String[] {"alerts", "check", "--at", "yesterday"}, console)).isEqualTo(ExitCode.USAGE);
        assertThat(err.toString()).isEqualTo("mailtrail: --at: expected an instant like 2026-11-27T10:15:00Z, got 'yesterday'" + System.lineSeparator());
        err.reset();
        assertThat(Cli.standard().run(new String[] {"alerts", "check", "--format", "xml"}, console)).isEqualTo(ExitCode.USAGE);
        assertThat(err.toString()).contains("--format: expected text or json, got 'xml'");
        err.reset();
        assertThat(Cli.standard().run(new String[] {"alerts", "run", "--smtp-from", "a@b.c"}, console)).isEqualTo(ExitCode.USAGE);
        assertThat(err.toString()).contains("--smtp-host (or MAILTRAIL_SMTP_HOST): required");
        err.reset();
        assertThat(Cli.standard().run(new String[] {"alerts", "check", "--watch", "nope"}, console)).isEqualTo(ExitCode.USAGE);
        assertThat(err.toString()).contains("--watch: no watch 'nope'");
    }

    @Test
    void conformanceAnswersOneLinePerCase() {
        String cases = "{\"id\":\"a\",\"kind\":\"condition\",\"condition\":{\"compare\":{\"ctx.payload.x\":{\"gte\":5}}},\"payload\":{\"x\":7}}\n"
                + "{\"id\":\"b\",\"kind\":\"condition\",\"condition\":{\"script\":{\"source\":\"return true\"}},\"payload\":{}}\n"
                + "{\"id\":\"c\",\"kind\":\"schedule\",\"schedule\":{\"cron\":\"0 * * *\"},\"from\":\"2020-01-01T00:00:00Z\",\"count\":1}\n"
                + "not json\n";
        ConformanceCommand command = new ConformanceCommand(new ByteArrayInputStream(cases.getBytes(StandardCharsets.UTF_8)));
        assertThat(command.run(null, console)).isEqualTo(ExitCode.OK);
        List<String> lines = out.toString().lines().toList();
        assertThat(lines).hasSize(4);
        assertThat(Json.parse(lines.get(0)).path("result").path("met").asBoolean()).isTrue();
        assertThat(Json.parse(lines.get(1)).path("status").asText()).isEqualTo("unsupported");
        assertThat(Json.parse(lines.get(2)).path("error").path("message").asText()).contains("invalid cron expression [0 * * *]");
        assertThat(Json.parse(lines.get(3)).path("status").asText()).isEqualTo("error");
    }

    @Test
    void thePackagedWatchesAreTheFolder() throws Exception {
        try (var files = java.nio.file.Files.list(java.nio.file.Path.of("../watcher-rules"))) {
            assertThat(files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".json")).map(n -> n.substring(0, n.length() - 5)))
                    .containsExactlyInAnyOrderElementsOf(WatchSource.PACKAGED);
        }
    }
}
