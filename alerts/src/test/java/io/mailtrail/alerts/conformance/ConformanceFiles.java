package io.mailtrail.alerts.conformance;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where the shared conformance cases are: {@code ../shared/reference/watcher-cases/} beside the repository (null when absent). */
final class ConformanceFiles {

    private ConformanceFiles() {
    }

    static Path exampleCases() {
        for (Path base = Path.of("").toAbsolutePath(); base != null; base = base.getParent()) {
            Path p = base.resolve("../shared/reference/watcher-cases/example-cases.json").normalize();
            if (Files.exists(p)) {
                return p;
            }
        }
        return null;
    }
}
