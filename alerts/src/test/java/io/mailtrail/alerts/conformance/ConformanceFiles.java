package io.mailtrail.alerts.conformance;

import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the conformance cases are: the shared ones in {@code ../shared/reference/watcher-cases/} beside the
 * repository (null when absent), and this module's own ones on the test class path.
 */
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

    /** {@code conformance/own-cases.json}: cases derived from Watcher's own tests and sources (see alerts/README.md). */
    static Path ownCases() {
        URL url = ConformanceFiles.class.getResource("/conformance/own-cases.json");
        if (url == null) {
            throw new IllegalStateException("conformance/own-cases.json is not on the test class path");
        }
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
