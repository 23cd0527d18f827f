package io.mailtrail.cli.setup.kibana;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The cli jar carries {@code kibana-dashboards/mailtrail.ndjson} unchanged (cli/pom.xml resources), and setup sends those bytes. */
class PackagedBundleTest {

    @Test
    void theJarCarriesTheCommittedBundle() throws IOException {
        byte[] committed = Files.readAllBytes(Path.of("..", "kibana-dashboards", "mailtrail.ndjson"));
        assertThat(SavedObjectsFile.packaged().bytes()).isEqualTo(committed);
        assertThat(SavedObjectsFile.packaged().objects()).extracting(SavedObjectsFile.SavedObject::type)
                .containsExactly("index-pattern", "index-pattern", "index-pattern", "index-pattern", "search", "dashboard", "dashboard", "dashboard");
    }
}
