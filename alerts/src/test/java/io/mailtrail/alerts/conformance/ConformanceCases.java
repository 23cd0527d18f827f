package io.mailtrail.alerts.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import io.mailtrail.alerts.support.Json;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs a file of conformance cases through {@link ConformanceRunner} in-process, judges the answers with
 * {@link ContractChecker} and with the reference checker {@code check.py} (shared by the case-file tests).
 */
final class ConformanceCases {

    /** The cases of one file and the runner's answer line for each, in order. */
    record Run(JsonNode cases, List<String> answers) {

        /** One line per case the contract's rules reject: {@code id: why <- answer}. */
        List<String> failures() {
            List<String> failures = new ArrayList<>();
            for (int i = 0; i < cases.size(); i++) {
                JsonNode c = cases.get(i);
                String verdict = ContractChecker.judge(c, Json.parse(answers.get(i)));
                if (verdict != null) {
                    failures.add(c.path("id").asText() + ": " + verdict + " <- " + answers.get(i));
                }
            }
            return failures;
        }

        /** The answers as the JSON-lines results file check.py reads, under {@code target/}. */
        Path writeResults(String fileName) throws IOException {
            Path out = Files.createDirectories(Path.of("target")).resolve(fileName);
            Files.writeString(out, String.join("\n", answers) + "\n");
            return out;
        }
    }

    private ConformanceCases() {
    }

    static Run run(Path casesFile) throws IOException {
        JsonNode cases = Json.MAPPER.readTree(Files.readString(casesFile));
        ConformanceRunner runner = new ConformanceRunner(Clock.systemUTC());
        List<String> answers = new ArrayList<>();
        for (JsonNode c : cases) {
            answers.add(runner.answer(Json.MAPPER.writeValueAsString(c)));
        }
        return new Run(cases, answers);
    }

    /** The shared reference checker beside the example cases, or null when absent. */
    static Path checker() {
        Path examples = ConformanceFiles.exampleCases();
        Path checker = examples == null ? null : examples.resolveSibling("check.py");
        return checker != null && Files.exists(checker) ? checker : null;
    }

    /** Runs {@code python3 check.py cases results}; the exit code and its report. */
    static CheckReport check(Path casesFile, Path results) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(python(), checker().toString(), casesFile.toString(), results.toString())
                .redirectErrorStream(true).start();
        String report = new String(p.getInputStream().readAllBytes());
        return new CheckReport(p.waitFor(), report);
    }

    record CheckReport(int exitCode, String report) {
    }

    /** python3 on the PATH, or null. */
    static String python() {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, "python3"))) {
                return Path.of(dir, "python3").toString();
            }
        }
        return null;
    }
}
