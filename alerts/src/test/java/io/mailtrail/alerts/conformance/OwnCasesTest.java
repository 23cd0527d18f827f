package io.mailtrail.alerts.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * This module's own conformance cases ({@code src/test/resources/conformance/own-cases.json}), derived from
 * Watcher's tests and sources, in the shared file format: answered by the runner, judged by the contract's rules
 * and by the shared reference checker.
 */
class OwnCasesTest {

    @Test
    void everyOwnCasePasses() throws Exception {
        ConformanceCases.Run run = ConformanceCases.run(ConformanceFiles.ownCases());
        assertThat(run.failures()).isEmpty();
        assertThat(run.answers()).hasSize(run.cases().size());
    }

    @Test
    void everyCaseIsUniqueAndNamesItsSource() throws Exception {
        JsonNode cases = ConformanceCases.run(ConformanceFiles.ownCases()).cases();
        assertThat(cases.size()).isGreaterThanOrEqualTo(40);
        Set<String> ids = new HashSet<>();
        Set<String> sharedIds = new HashSet<>();
        if (ConformanceFiles.exampleCases() != null) {
            ConformanceCases.run(ConformanceFiles.exampleCases()).cases().forEach(c -> sharedIds.add(c.path("id").asText()));
        }
        for (JsonNode c : cases) {
            String id = c.path("id").asText();
            assertThat(ids.add(id)).as("duplicate id %s", id).isTrue();
            assertThat(sharedIds).as("id %s is also an example case's", id).doesNotContain(id);
            assertThat(c.path("source").asText()).as("source of %s", id).matches("(x-pack|modules|libs|server)/.+\\.java.*");
            assertThat(c.path("expect").isObject()).as("expect of %s", id).isTrue();
            assertThat(c.path("derived").isBoolean()).as("derived of %s", id).isTrue();
        }
    }

    @Test
    void theReferenceCheckerAgrees() throws Exception {
        Assumptions.assumeTrue(ConformanceCases.checker() != null && ConformanceCases.python() != null, "python3 or the shared check.py missing");
        Path cases = ConformanceFiles.ownCases();
        Path out = ConformanceCases.run(cases).writeResults("conformance-own-results.jsonl");
        ConformanceCases.CheckReport check = ConformanceCases.check(cases, out);
        assertThat(check.exitCode()).as(check.report()).isZero();
        assertThat(check.report()).as(check.report()).containsPattern("pass=\\d+ fail=0 unsupported=0");
    }
}
