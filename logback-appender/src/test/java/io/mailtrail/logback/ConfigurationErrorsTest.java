package io.mailtrail.logback;

import ch.qos.logback.core.status.OnConsoleStatusListener;
import ch.qos.logback.core.status.Status;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/** Every configuration mistake: one status error naming the option and the value, the appender stopped, the caller unharmed. */
class ConfigurationErrorsTest {

    private static final String OK = "http://127.0.0.1:9";

    static Stream<Arguments> mistakes() throws Exception {
        Path notPem = Files.writeString(Files.createTempFile("not-a-ca", ".pem"), "hello");
        return Stream.of(
                arguments("no url", (Consumer<ElasticsearchAppender>) a -> { }, List.of("'url'", "required")),
                arguments("bad url", c(a -> a.setUrl("http://exa mple:9200")), List.of("'url'", "http://exa mple:9200")),
                arguments("no scheme", c(a -> a.setUrl("localhost:9200")), List.of("'url'", "localhost:9200")),
                arguments("ftp", c(a -> a.setUrl("ftp://localhost")), List.of("'url'", "ftp://localhost")),
                arguments("credentials in url", c(a -> a.setUrl("https://elastic:s3cret@localhost:9200")),
                        List.of("'url'", "***@localhost")),
                arguments("unknown policy", c(a -> { a.setUrl(OK); a.setOverflowPolicy("dropEverything"); }),
                        List.of("'overflowPolicy'", "dropEverything")),
                arguments("negative queue", c(a -> { a.setUrl(OK); a.setQueueSize(-1); }), List.of("'queueSize'", "-1")),
                arguments("negative bytes", c(a -> { a.setUrl(OK); a.setMaxBatchBytes(-5); }), List.of("'maxBatchBytes'", "-5")),
                arguments("zero interval", c(a -> { a.setUrl(OK); a.setFlushIntervalMillis(0); }), List.of("'flushIntervalMillis'", "0")),
                arguments("negative shutdown", c(a -> { a.setUrl(OK); a.setShutdownTimeoutMillis(-1); }), List.of("'shutdownTimeoutMillis'", "-1")),
                arguments("negative spool", c(a -> { a.setUrl(OK); a.setSpoolMaxBytes(-1); }), List.of("'spoolMaxBytes'", "-1")),
                arguments("zero dead-letter size", c(a -> { a.setUrl(OK); a.setDeadLetterMaxBytes(0); }), List.of("'deadLetterMaxBytes'", "0")),
                arguments("bad namespace", c(a -> { a.setUrl(OK); a.setNamespace("Prod-EU"); }), List.of("'namespace'", "Prod-EU")),
                arguments("bad dataset", c(a -> { a.setUrl(OK); a.setDataset("my app"); }), List.of("'dataset'", "my app")),
                arguments("bad index", c(a -> { a.setUrl(OK); a.setIndex("Logs-%d{yyyy}"); }), List.of("'index'", "Logs-%d{yyyy}")),
                arguments("missing CA file", c(a -> { a.setUrl(OK); a.setCaCertificate("/nonexistent/ca.pem"); }),
                        List.of("'caCertificate'", "/nonexistent/ca.pem")),
                arguments("CA file not PEM", c(a -> { a.setUrl(OK); a.setCaCertificate(notPem.toString()); }),
                        List.of("'caCertificate'", notPem.toString())),
                arguments("two auth methods", c(a -> { a.setUrl(OK); a.setApiKey("k3y"); a.setBearerToken("t0ken"); }),
                        List.of("'apiKey'", "'bearerToken'")),
                arguments("user without password", c(a -> { a.setUrl(OK); a.setUsername("writer"); }),
                        List.of("'password'", "writer")),
                arguments("undefined variable", c(a -> { a.setUrl(OK); a.setUsername("u"); a.setPassword("ES_PASSWORD_IS_UNDEFINED"); }),
                        List.of("'password'", "ES_PASSWORD"))
        );
    }

    private static Consumer<ElasticsearchAppender> c(Consumer<ElasticsearchAppender> c) {
        return c;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("mistakes")
    void oneClearErrorAndTheAppenderStaysStopped(String name, Consumer<ElasticsearchAppender> configure, List<String> mentions) {
        try (AppenderHarness h = new AppenderHarness(configure)) {
            assertThat(h.appender.isStarted()).isFalse();
            List<Status> errors = h.statuses(Status.ERROR);
            assertThat(errors).hasSize(1);
            String message = errors.get(0).getMessage();
            for (String m : mentions) {
                assertThat(message).contains(m);
            }
            assertThat(message).doesNotContain("s3cret").doesNotContain("k3y").doesNotContain("t0ken");
            assertThat(errors.get(0).getThrowable()).isNull();
            // the application keeps logging without an exception
            h.logger("app").info("still fine");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("mistakes")
    void aMistakeIsSaidOnceOnStderrWithoutAStatusListener(String name, Consumer<ElasticsearchAppender> configure,
                                                          List<String> mentions) {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try (AppenderHarness h = new AppenderHarness(a -> {
            a.setConsoleStream(new PrintStream(err, true, StandardCharsets.UTF_8));
            configure.accept(a);
        })) {
            h.appender.start(); // a second attempt is not said again
            String text = err.toString(StandardCharsets.UTF_8);
            assertThat(text.lines()).singleElement().asString()
                    .startsWith("mailtrail ElasticsearchAppender[es]: ")
                    .contains(mentions.get(0))
                    .contains("not started and its events are lost")
                    .contains("OnConsoleStatusListener")
                    .doesNotContain("s3cret").doesNotContain("k3y").doesNotContain("t0ken");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("mistakes")
    void nothingOnStderrWhenAConsoleStatusListenerPrintsAnyway(String name, Consumer<ElasticsearchAppender> configure,
                                                               List<String> mentions) {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try (AppenderHarness h = new AppenderHarness(a -> {
            // prints to the console itself (test output); the appender must then stay quiet
            OnConsoleStatusListener listener = new OnConsoleStatusListener();
            listener.setContext(a.getContext());
            a.getContext().getStatusManager().add(listener);
            a.setConsoleStream(new PrintStream(err, true, StandardCharsets.UTF_8));
            configure.accept(a);
        })) {
            assertThat(h.appender.isStarted()).isFalse();
            assertThat(err.toString(StandardCharsets.UTF_8)).isEmpty();
        }
    }

    @Test
    void anUnusableSpoolFolderFallsBackToMemoryLoudlyAndStillDelivers(@TempDir Path tmp) throws Exception {
        Path file = Files.writeString(tmp.resolve("a-file-not-a-folder"), "x");
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try (LocalBulkServer server = new LocalBulkServer();
             AppenderHarness h = new AppenderHarness(a -> {
                 a.setConsoleStream(new PrintStream(err, true, StandardCharsets.UTF_8));
                 a.setUrl(server.url());
                 a.setSpoolDirectory(file.resolve("spool").toString());
             })) {
            assertThat(h.appender.isStarted()).as(h.allStatusText()).isTrue();
            assertThat(h.statuses(Status.ERROR)).singleElement().extracting(Status::getMessage).asString()
                    .contains("'spoolDirectory'").contains(file.toString()).contains("WITHOUT a spool");
            assertThat(err.toString(StandardCharsets.UTF_8).lines()).singleElement().asString()
                    .contains("'spoolDirectory'").contains("WITHOUT a spool");
            for (int i = 0; i < 10; i++) {
                h.logger("app").info("kept {}", i);
            }
            h.stop();
            assertThat(h.appender.getMetrics().sent()).isEqualTo(10);
            assertThat(h.appender.getMetrics().dropped()).isZero();
        }
    }
}
