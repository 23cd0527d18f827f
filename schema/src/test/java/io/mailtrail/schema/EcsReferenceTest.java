package io.mailtrail.schema;

import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The catalog against ECS 9.4.0's field table: ECS fields carry the type ECS gives them, custom fields don't
 * squat an ECS name, and every deviation from the ECS type is a documented portable stand-in. The test
 * resource {@code ecs-9.4.0-catalog-subset.tsv} holds the ECS rows of the fields the catalog uses; where the
 * full table is at hand ({@code MAILTRAIL_ECS_FIELDS}, or the team's reference copy beside the checkout), the
 * subset and the custom names are checked against it too.
 */
class EcsReferenceTest {

    /** ECS types that need an optional Elasticsearch module, and the portable types that stand in for them. */
    private static final Map<String, Set<FieldType>> STAND_INS = Map.of(
            "wildcard", Set.of(FieldType.KEYWORD, FieldType.TEXT),
            "match_only_text", Set.of(FieldType.TEXT),
            "constant_keyword", Set.of(FieldType.KEYWORD));

    private static final Map<String, String> ECS = load(EcsReferenceTest.class.getResourceAsStream("/ecs-9.4.0-catalog-subset.tsv"));

    @Test
    void catalogVersionIsTheReferencedEcsVersion() {
        assertThat(EventValues.ECS_VERSION).isEqualTo("9.4.0");
    }

    @Test
    void ecsFieldsCarryTheTypeEcsGivesThem() {
        for (Field f : Fields.all()) {
            if (f.isEcs()) {
                assertThat(ECS).as("ECS 9.4.0 defines %s", f.name()).containsKey(f.name());
                assertThat(f.ecsType()).as("ecsType of %s", f.name()).isEqualTo(ECS.get(f.name()));
            }
        }
    }

    @Test
    void customFieldsAreNotEcsFields() {
        for (Field f : Fields.all()) {
            if (!f.isEcs()) {
                // ECS never uses proper names, so a field under mailtrail.* can't collide with a future ECS field.
                assertThat(f.name()).startsWith(Fields.CUSTOM_PREFIX);
            }
        }
    }

    @Test
    void subsetRowsAreTheFullEcsTableRows() throws IOException {
        Path full = fullTable();
        assumeTrue(Files.isRegularFile(full), "full ECS table not at " + full);
        Map<String, String> all = load(Files.newInputStream(full));
        for (Map.Entry<String, String> row : ECS.entrySet()) {
            assertThat(all.get(row.getKey())).as("ECS type of %s", row.getKey()).isEqualTo(row.getValue());
        }
        for (Field f : Fields.all()) {
            if (!f.isEcs()) {
                assertThat(all).as("%s is an ECS field: declare it as ECS", f.name()).doesNotContainKey(f.name());
            }
        }
    }

    private static Path fullTable() {
        String configured = System.getenv("MAILTRAIL_ECS_FIELDS");
        return configured != null ? Path.of(configured)
                : Path.of("..", "..", "shared", "reference", "ecs-9.4.0-fields.tsv").toAbsolutePath().normalize();
    }

    @Test
    void everyTypeDeviationIsAPortableStandInOfTheSameFamily() {
        for (Field f : Fields.all()) {
            if (f.isPortableStandIn()) {
                assertThat(STAND_INS).as("%s: ECS type %s is installed as %s, which is no known stand-in",
                        f.name(), f.ecsType(), f.type()).containsKey(f.ecsType());
                assertThat(STAND_INS.get(f.ecsType())).as("stand-in for %s (%s)", f.name(), f.ecsType()).contains(f.type());
            } else if (f.isEcs()) {
                assertThat(f.type().mappingType()).as(f.name()).isEqualTo(f.ecsType());
            }
        }
    }

    private static Map<String, String> load(InputStream table) {
        Map<String, String> types = new HashMap<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(Objects.requireNonNull(table), StandardCharsets.UTF_8))) {
            in.lines().filter(l -> !l.startsWith("#") && !l.startsWith("field\t")).forEach(l -> {
                String[] cols = l.split("\t");
                types.put(cols[0], cols[1]);
            });
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return types;
    }
}
