package io.mailtrail.cli.alerts;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The "must show": the packaged {@code mailtrail-cli-*-all.jar}, run as its own process with
 * {@code java -jar ... alerts conformance}, answers the shared example cases ({@code ../shared/reference/watcher-cases/})
 * and the alert engine's own cases ({@code alerts/src/test/resources/conformance/own-cases.json}) so that the
 * reference checker {@code check.py} reports {@code fail=0 unsupported=0}. The cases are converted to JSON lines
 * with the command of {@code runner-contract.md}; these are the commands of alerts/README.md, "Conformance".
 */
class ConformanceJarIT {

    private static Path jar;
    private static Path python;
    private static Path sharedCases;
    private static Path checker;

    @BeforeAll
    static void locate() throws IOException {
        Path target = Path.of("target");
        try (Stream<Path> files = Files.list(target)) {
            jar = files.filter(p -> p.getFileName().toString().matches("mailtrail-cli-.*-all\\.jar")).findFirst()
                    .orElseThrow(() -> new AssertionError("no mailtrail-cli-*-all.jar in " + target.toAbsolutePath()
                            + " (the shade plugin builds it in the package phase, before integration-test)"));
        }
        python = python3();
        Assumptions.assumeTrue(python != null, "python3 is not on the PATH: check.py cannot run");
        sharedCases = shared("example-cases.json");
        // like ExampleCasesTest: the cases and the reference checker are not copied into the repository
        Assumptions.assumeTrue(sharedCases != null, "../shared/reference/watcher-cases/ is not beside this checkout"
                + " (searched upwards from " + Path.of("").toAbsolutePath() + "): no reference checker to run");
        checker = sharedCases.resolveSibling("check.py");
        assertThat(checker).exists();
    }

    @Test
    void theJarPassesTheSharedExampleCases(@TempDir Path dir) throws Exception {
        String report = runAndCheck(sharedCases, dir);
        assertThat(report).as(report).containsPattern("pass=\\d+ fail=0 unsupported=0");
    }

    @Test
    void theJarPassesTheEnginesOwnCases(@TempDir Path dir) throws Exception {
        Path own = Path.of("..", "alerts", "src", "test", "resources", "conformance", "own-cases.json").toAbsolutePath().normalize();
        assertThat(own).exists();
        String report = runAndCheck(own, dir);
        assertThat(report).as(report).containsPattern("pass=\\d+ fail=0 unsupported=0");
    }

    /** Converts, runs the jar, checks; returns check.py's report. */
    private static String runAndCheck(Path cases, Path dir) throws Exception {
        Path lines = dir.resolve("cases.jsonl");
        Path results = dir.resolve("results.jsonl");
        Path log = dir.resolve("stderr.log");

        // 1. the contract's feed: one compact JSON object per line
        String convert = "import json,sys;[print(json.dumps(c)) for c in json.load(open(sys.argv[1]))]";
        Process p = new ProcessBuilder(python.toString(), "-c", convert, cases.toString())
                .redirectOutput(lines.toFile()).redirectError(log.toFile()).start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(Files.readString(log)).isZero();
        long caseCount = Files.readAllLines(lines, StandardCharsets.UTF_8).stream().filter(l -> !l.isBlank()).count();
        assertThat(caseCount).isPositive();

        // 2. java -jar mailtrail-cli-*-all.jar alerts conformance < cases.jsonl > results.jsonl
        String java = Paths.get(System.getProperty("java.home"), "bin", "java").toString();
        Process run = new ProcessBuilder(java, "-jar", jar.toAbsolutePath().toString(), "alerts", "conformance")
                .redirectInput(lines.toFile()).redirectOutput(results.toFile()).redirectError(log.toFile()).start();
        assertThat(run.waitFor(5, TimeUnit.MINUTES)).as("the jar did not end at EOF").isTrue();
        assertThat(run.exitValue()).as(Files.readString(log)).isZero();
        List<String> answers = Files.readAllLines(results, StandardCharsets.UTF_8);
        assertThat(answers).as("one result line per case").hasSize((int) caseCount);

        // 3. python3 check.py CASES.json results.jsonl
        Process check = new ProcessBuilder(python.toString(), checker.toString(), cases.toString(), results.toString())
                .redirectErrorStream(true).start();
        String report = new String(check.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(check.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(check.exitValue()).as(report).isZero();
        System.out.println("check.py " + cases.getFileName() + ": " + report.strip());
        return report;
    }

    /** {@code ../shared/reference/watcher-cases/<name>} beside the checkout (searched upwards from cli/), or null. */
    private static Path shared(String name) {
        for (Path base = Path.of("").toAbsolutePath(); base != null; base = base.getParent()) {
            Path p = base.resolve("../shared/reference/watcher-cases").resolve(name).normalize();
            if (Files.exists(p)) {
                return p;
            }
        }
        return null;
    }

    private static Path python3() {
        for (String d : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path p = Path.of(d, "python3");
            if (Files.isExecutable(p)) {
                return p;
            }
        }
        return null;
    }
}
