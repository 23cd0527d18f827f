package io.mailtrail.logback;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.core.status.Status;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The example files work when copied as written: no variable set, an unprivileged user, and the README quotes them. */
class ExampleFilesTest {

    @Test
    void theReadmeQuotesTheExampleFilesWhole() throws Exception {
        String readme = Files.readString(ExampleFiles.DIR.resolveSibling("README.md"), StandardCharsets.UTF_8);
        for (String name : List.of("logback.xml", "logback-spring.xml")) {
            String file = Files.readString(ExampleFiles.file(name), StandardCharsets.UTF_8);
            assertThat(readme).as("README.md quotes examples/%s whole", name).contains("```xml\n" + file + "```");
        }
    }

    @Test
    void logbackXmlStartsWithNoVariableSetAndSpoolsUnderTheTempFolder(@TempDir Path tmp) throws Exception {
        // nothing set: no credentials (empty means none), no CA, the spool under java.io.tmpdir
        LoggerContext ctx = ExampleFiles.load("logback.xml", Map.of("ES_URL", LocalBulkServer.deadUrl()), tmp);
        try {
            List<String> problems = ctx.getStatusManager().getCopyOfStatusList().stream()
                    .filter(s -> s.getLevel() >= Status.WARN).map(Status::getMessage).toList();
            assertThat(problems).isEmpty();
            ElasticsearchAppender es = (ElasticsearchAppender) ctx.getLogger("ROOT").getAppender("ELASTIC");
            assertThat(es.isStarted()).isTrue();
            assertThat(ctx.getLogger("ROOT").getAppender("CONSOLE")).isNotNull();
            assertThat(tmp.resolve("mailtrail-spool-myapp").resolve("spool.lock")).exists();
            assertThat(ctx.getObject(ch.qos.logback.core.CoreConstants.SHUTDOWN_HOOK_THREAD)).as("<shutdownHook/>").isNotNull();
        } finally {
            ctx.stop();
        }
    }

    @Test
    void aSpoolFolderTheUserCannotWriteStillDelivers(@TempDir Path tmp) throws Exception {
        Path readOnly = Files.createDirectories(tmp.resolve("read-only"));
        assertThat(readOnly.toFile().setWritable(false, false)).isTrue();
        boolean root = Files.isWritable(readOnly); // root writes anywhere: then a file stands in for the folder
        Path spool = root ? Files.writeString(tmp.resolve("file"), "x").resolve("spool") : readOnly.resolve("spool");
        try (LocalBulkServer server = new LocalBulkServer()) {
            LoggerContext ctx = ExampleFiles.load("logback.xml",
                    Map.of("ES_URL", server.url(), "MAILTRAIL_SPOOL_DIR", spool.toString()), tmp);
            ElasticsearchAppender es = (ElasticsearchAppender) ctx.getLogger("ROOT").getAppender("ELASTIC");
            assertThat(es.isStarted()).isTrue();
            assertThat(ctx.getStatusManager().getCopyOfStatusList().stream().filter(s -> s.getLevel() == Status.ERROR)
                    .map(Status::getMessage)).singleElement().asString().contains("'spoolDirectory'").contains("WITHOUT a spool");
            for (int i = 0; i < 20; i++) {
                ctx.getLogger("app").info("event {}", i);
            }
            ctx.stop();
            assertThat(es.getMetrics().sent()).isEqualTo(20);
        } finally {
            readOnly.toFile().setWritable(true, false);
        }
    }

    /** The first xml block of the README after the heading that starts with the given text. */
    private static String readmeBlockAfter(String heading) throws Exception {
        String readme = Files.readString(ExampleFiles.DIR.resolveSibling("README.md"), StandardCharsets.UTF_8);
        int h = readme.indexOf("\n## " + heading);
        if (h < 0) {
            h = readme.indexOf("\n### " + heading);
        }
        assertThat(h).as("README heading %s", heading).isPositive();
        int start = readme.indexOf("```xml\n", h) + "```xml\n".length();
        return readme.substring(start, readme.indexOf("```", start));
    }

    @Test
    void theReadmeSnippetsOfPrivacyAndStatusListenerConfigureWithoutWarnings(@TempDir Path tmp) throws Exception {
        String xml = "<configuration>\n" + readmeBlockAfter("Is it working?") + readmeBlockAfter("Privacy")
                + "<root level=\"INFO\"><appender-ref ref=\"ELASTIC\"/></root>\n</configuration>\n";
        Path file = Files.writeString(tmp.resolve("logback.xml"), xml);
        LocalBulkServer server = new LocalBulkServer();
        ch.qos.logback.classic.LoggerContext ctx = new ch.qos.logback.classic.LoggerContext();
        ctx.setMDCAdapter(new ch.qos.logback.classic.util.LogbackMDCAdapter());
        ctx.putProperty("ES_URL", server.url());
        ch.qos.logback.classic.joran.JoranConfigurator joran = new ch.qos.logback.classic.joran.JoranConfigurator();
        joran.setContext(ctx);
        joran.doConfigure(file.toFile());
        try {
            assertThat(ctx.getStatusManager().getCopyOfStatusList().stream().filter(s -> s.getLevel() >= Status.WARN)
                    .map(Status::getMessage).toList()).isEmpty();
            assertThat(ctx.getStatusManager().getCopyOfStatusListenerList())
                    .anyMatch(l -> l instanceof ch.qos.logback.core.status.OnConsoleStatusListener);
            ElasticsearchAppender es = (ElasticsearchAppender) ctx.getLogger("ROOT").getAppender("ELASTIC");
            ctx.getMDCAdapter().put("user.email", "alice@shop.example");
            ctx.getMDCAdapter().put("tenant.id", "acme");
            ctx.getLogger("app").info("application event");
            ctx.getLogger("mailtrail.calls").atInfo().setMessage("call").addKeyValue("data_stream.dataset", "mailtrail.calls").log();
            es.stop();
            assertThat(es.getMetrics().sent()).isEqualTo(2);
            String bodies = String.join("", server.bodies);
            assertThat(bodies).doesNotContain("alice").contains("\"tenant.id\":\"acme\"");
        } finally {
            ctx.stop();
            server.close();
        }
    }
}
