package io.mailtrail.cli.alerts;

import io.mailtrail.cli.Cli;
import io.mailtrail.cli.Console;
import io.mailtrail.cli.ExitCode;
import io.mailtrail.testing.ElasticsearchExtension;
import io.mailtrail.testing.ElasticsearchNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code setup --watches}: on a node with Watcher (Docker, trial license) the ten watches are installed, and a
 * second run changes nothing; on the test node without Watcher setup says so and points to {@code alerts run}.
 */
@ExtendWith(ElasticsearchExtension.class)
class WatchesSetupIT {

    private String setup(ElasticsearchNode es, ExitCode expected) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ExitCode code = Cli.standard().run(new String[] {"setup", "--es-url", es.url().toString(), "--watches", "--recipients", "ops@shop.test",
                "--set", "mailtrail-success-rate.threshold=0.95"},
                new Console(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(out, true, StandardCharsets.UTF_8), Map.of()));
        String text = out.toString(StandardCharsets.UTF_8);
        assertThat(code).as(text).isEqualTo(expected);
        return text;
    }

    @Test
    void installsTheWatchesOrSaysThereIsNoWatcher(ElasticsearchNode es) {
        String first = setup(es, ExitCode.OK);
        assertThat(first).contains("watches (Watcher):");
        if (first.contains("this cluster has no Watcher")) {
            assertThat(first).contains("Run the same watches with mailtrail's own engine instead: mailtrail alerts run");
            return;
        }
        assertThat(first).contains("mailtrail-success-rate").contains("created");
        assertThat(setup(es, ExitCode.OK)).doesNotContain("created").doesNotContain("updated");
    }
}
