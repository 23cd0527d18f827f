package io.mailtrail.schema;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The committed mapping components and README field table are exactly what the catalog renders to.
 * After changing {@link Fields}, regenerate them with
 * {@code mvn -pl schema test -Dtest=GeneratedAssetsTest -Dmailtrail.regenerate=true} and commit the result.
 */
class GeneratedAssetsTest {

    private static final boolean REGENERATE = Boolean.getBoolean("mailtrail.regenerate");

    @Test
    void ecsMappingComponentIsRenderedFromTheCatalog() throws IOException {
        check(TemplateSources.ECS_MAPPINGS, TemplateSources.ecsMappings());
    }

    @Test
    void mailtrailMappingComponentIsRenderedFromTheCatalog() throws IOException {
        check(TemplateSources.MAILTRAIL_MAPPINGS, TemplateSources.mailtrailMappings());
    }

    @Test
    void readmeFieldTableIsRenderedFromTheCatalog() throws IOException {
        check(TemplateSources.README, TemplateSources.readmeWithTable(TemplateSources.read(TemplateSources.README)));
    }

    private static void check(Path file, String expected) throws IOException {
        if (REGENERATE) {
            Files.writeString(file, expected);
        }
        assertThat(file).exists();
        assertThat(Files.readString(file))
                .as("%s drifted from io.mailtrail.schema.Fields; regenerate: "
                        + "mvn -pl schema test -Dtest=GeneratedAssetsTest -Dmailtrail.regenerate=true", file)
                .isEqualTo(expected);
    }
}
