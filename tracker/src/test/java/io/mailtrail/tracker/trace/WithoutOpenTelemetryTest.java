package io.mailtrail.tracker.trace;

import org.junit.jupiter.api.Test;

import java.io.File;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.Callable;

import static org.assertj.core.api.Assertions.assertThat;

/** The tracker must run when the application has no {@code opentelemetry-api} on its class path. */
class WithoutOpenTelemetryTest {

    @Test
    void tracksWithDefaultTracingWhenOpenTelemetryIsAbsent() throws Exception {
        URL[] withoutOtel = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(entry -> !entry.contains("opentelemetry"))
                .map(entry -> {
                    try {
                        return Path.of(entry).toUri().toURL();
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                })
                .toArray(URL[]::new);
        try (URLClassLoader isolated = new URLClassLoader(withoutOtel, ClassLoader.getPlatformClassLoader())) {
            @SuppressWarnings("unchecked")
            Callable<String> probe = (Callable<String>) isolated.loadClass(NoOpenTelemetryProbe.class.getName())
                    .getDeclaredConstructor().newInstance();

            String traceId = probe.call();

            assertThat(traceId).matches("[0-9a-f]{32}");
        }
    }
}
