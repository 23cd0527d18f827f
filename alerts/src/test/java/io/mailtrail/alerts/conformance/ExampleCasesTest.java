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

    @Test
    void theReferenceCheckerAgrees() throws Exception {
        Assumptions.assumeTrue(cases() != null, "../shared/reference/watcher-cases/ is not beside this checkout");
        Path checker = cases().resolveSibling("check.py");
        Assumptions.assumeTrue(Files.exists(checker) && python() != null, "python3 or check.py missing");
        ConformanceRunner runner = new ConformanceRunner(Clock.systemUTC());
        StringBuilder results = new StringBuilder();
        for (JsonNode c : Json.MAPPER.readTree(Files.readString(cases()))) {
            results.append(runner.answer(Json.MAPPER.writeValueAsString(c))).append('\n');
        }
        Path out = Files.createDirectories(Path.of("target")).resolve("conformance-results.jsonl");
        Files.writeString(out, results);
        Process p = new ProcessBuilder(python(), checker.toString(), cases().toString(), out.toString()).redirectErrorStream(true).start();
        String report = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor()).as(report).isZero();
        assertThat(report).as(report).containsPattern("pass=\\d+ fail=0 unsupported=0");
    }

    private static String python() {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, "python3"))) {
                return Path.of(dir, "python3").toString();
            }
        }
        return null;
    }
}
