package io.mailtrail.alerts.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import io.mailtrail.alerts.support.Json;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Every example case of the shared conformance set, answered by the runner and judged by the contract's rules. */
class ExampleCasesTest {

    static Path cases() {
        return ConformanceFiles.exampleCases();
    }

    @Test
    void everyExampleCasePasses() throws Exception {
        Assumptions.assumeTrue(cases() != null, "../shared/reference/watcher-cases/ is not beside this checkout");
        JsonNode cases = Json.MAPPER.readTree(Files.readString(cases()));
        ConformanceRunner runner = new ConformanceRunner(Clock.systemUTC());
        List<String> failures = new ArrayList<>();
        int passed = 0;
        for (JsonNode c : cases) {
            String answer = runner.answer(Json.MAPPER.writeValueAsString(c));
            String verdict = ContractChecker.judge(c, Json.parse(answer));
            if (verdict == null) {
                passed++;
            } else {
                failures.add(c.path("id").asText() + ": " + verdict + " <- " + answer);
            }
        }
        assertThat(failures).isEmpty();
        assertThat(passed).isEqualTo(cases.size());
    }
}
