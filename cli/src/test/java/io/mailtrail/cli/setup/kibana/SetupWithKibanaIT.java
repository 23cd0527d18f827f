package io.mailtrail.cli.setup.kibana;

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

/** The whole {@code mailtrail setup} command with {@code --kibana-url}: templates into the real node, then the dashboards into Kibana. */
@ExtendWith(ElasticsearchExtension.class)
class SetupWithKibanaIT {

    private static String[] run(ExitCode expected, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        ExitCode code = Cli.standard().run(args, new Console(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), Map.of()));
        String o = out.toString(StandardCharsets.UTF_8);
        String e = err.toString(StandardCharsets.UTF_8);
        assertThat(code).as(o + e).isEqualTo(expected);
        return new String[]{o, e};
    }

    @Test
    void setupInstallsTemplatesThenImportsTheDashboardsAndARerunOverwrites(ElasticsearchNode es) throws Exception {
        try (FakeKibana kibana = new FakeKibana("/kibana").space("ops")) {
            String[] first = run(ExitCode.OK, "setup", "--es-url", es.url().toString(), "--kibana-url", kibana.url().toString(), "--kibana-space", "ops");
            assertThat(first[0]).contains("index templates:").contains("Kibana saved objects:")
                    .contains("dashboard            Email calls — overview           created");
            String[] second = run(ExitCode.OK, "setup", "--es-url", es.url().toString(), "--kibana-url", kibana.url().toString(), "--kibana-space", "ops");
            assertThat(second[0]).contains("Email calls — overview           overwritten").contains("8 updated");
            assertThat(kibana.objects("ops")).hasSize(8);
        }
    }

    @Test
    void withoutKibanaUrlSetupDoesWhatItDidBefore(ElasticsearchNode es) {
        String[] out = run(ExitCode.OK, "setup", "--es-url", es.url().toString());
        assertThat(out[0]).contains("index templates:").doesNotContain("Kibana");
    }

    @Test
    void aKibanaFailureIsOneLineAndExitsNonZero(ElasticsearchNode es) throws Exception {
        try (FakeKibana kibana = new FakeKibana("")) {
            String[] out = run(ExitCode.FAILED, "setup", "--es-url", es.url().toString(), "--kibana-url", kibana.url().toString(),
                    "--kibana-space", "nosuch");
            assertThat(out[1].strip()).doesNotContain("\n").contains("has no space 'nosuch' (HTTP 404)").doesNotContain("Exception");
        }
    }
}
