package io.mailtrail.logback;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.classic.util.LogbackMDCAdapter;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** The shipped example files ({@code logback-appender/examples/}), loaded as whole files the way Logback loads them. */
final class ExampleFiles {

    static final Path DIR = locate();

    private ExampleFiles() {
    }

    private static Path locate() {
        Path p = Path.of("examples");
        return Files.isDirectory(p) ? p : Path.of("logback-appender", "examples");
    }

    static Path file(String name) {
        return DIR.resolve(name);
    }

    /**
     * Configures a new context from the file; the properties stand for environment variables (Logback looks them
     * up the same way), and {@code java.io.tmpdir} is set to tmpdir while the file is read.
     */
    static LoggerContext load(String name, Map<String, String> properties, Path tmpdir) throws Exception {
        LoggerContext ctx = new LoggerContext();
        ctx.setMDCAdapter(new LogbackMDCAdapter());
        properties.forEach(ctx::putProperty);
        JoranConfigurator joran = new JoranConfigurator();
        joran.setContext(ctx);
        String saved = System.getProperty("java.io.tmpdir");
        System.setProperty("java.io.tmpdir", tmpdir.toString());
        try {
            joran.doConfigure(file(name).toFile());
        } finally {
            System.setProperty("java.io.tmpdir", saved);
        }
        return ctx;
    }
}
