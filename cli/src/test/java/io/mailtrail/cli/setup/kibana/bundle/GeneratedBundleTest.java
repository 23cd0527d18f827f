package io.mailtrail.cli.setup.kibana.bundle;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code kibana-dashboards/mailtrail.ndjson} is written from {@link Dashboards} by {@link Bundle}; this test fails
 * when the committed file drifted from the definitions. After changing them, regenerate with
 * {@code mvn -B -q -pl cli -am test -Dtest=GeneratedBundleTest -Dsurefire.failIfNoSpecifiedTests=false -Dmailtrail.regenerate=true}
 * and commit the file.
 */
class GeneratedBundleTest {

    static final Path FILE = Path.of("..", "kibana-dashboards", "mailtrail.ndjson");

    @Test
    void theCommittedBundleIsWhatTheDefinitionsGenerate() throws IOException {
        String expected = Bundle.ndjson();
        if (Boolean.getBoolean("mailtrail.regenerate")) {
            Files.writeString(FILE, expected, StandardCharsets.UTF_8);
        }
        assertThat(Files.readString(FILE, StandardCharsets.UTF_8))
                .as("%s drifted from Dashboards/Bundle; regenerate: mvn -B -q -pl cli -am test -Dtest=GeneratedBundleTest "
                        + "-Dsurefire.failIfNoSpecifiedTests=false -Dmailtrail.regenerate=true", FILE)
                .isEqualTo(expected);
    }
}
