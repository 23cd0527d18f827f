package io.mailtrail.alerts.conformance;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** Every example case of the shared conformance set, answered by the runner and judged by the contract's rules. */
class ExampleCasesTest {

    static Path cases() {
        return ConformanceFiles.exampleCases();
    }

    @Test
    void everyExampleCasePasses() throws Exception {
        Assumptions.assumeTrue(cases() != null, "../shared/reference/watcher-cases/ is not beside this checkout");
        ConformanceCases.Run run = ConformanceCases.run(cases());
        assertThat(run.failures()).isEmpty();
        assertThat(run.answers()).hasSize(run.cases().size());
    }

    @Test
    void theReferenceCheckerAgrees() throws Exception {
        Assumptions.assumeTrue(cases() != null, "../shared/reference/watcher-cases/ is not beside this checkout");
        Assumptions.assumeTrue(ConformanceCases.checker() != null && ConformanceCases.python() != null, "python3 or check.py missing");
        Path out = ConformanceCases.run(cases()).writeResults("conformance-results.jsonl");
        ConformanceCases.CheckReport check = ConformanceCases.check(cases(), out);
        assertThat(check.exitCode()).as(check.report()).isZero();
        assertThat(check.report()).as(check.report()).containsPattern("pass=\\d+ fail=0 unsupported=0");
    }
}
