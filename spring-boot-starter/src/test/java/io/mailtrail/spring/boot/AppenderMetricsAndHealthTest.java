package io.mailtrail.spring.boot;

import ch.qos.logback.classic.LoggerContext;
import io.mailtrail.logback.ElasticsearchAppender;
import io.mailtrail.spring.boot.autoconfigure.MailtrailAutoConfiguration;
import io.mailtrail.spring.boot.autoconfigure.MailtrailBoot4HealthAutoConfiguration;
import io.mailtrail.spring.boot.autoconfigure.MailtrailHealthAutoConfiguration;
import io.mailtrail.spring.boot.autoconfigure.MailtrailMetricsAutoConfiguration;
import io.mailtrail.spring.boot.health.AppenderHealth;
import io.mailtrail.spring.boot.metrics.MailtrailAppenderMeterBinder;
import io.mailtrail.spring.boot.metrics.MailtrailAppenders;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import java.lang.ref.WeakReference;
import java.lang.reflect.Method;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The appender's counters as meters and as health, read from a real appender in Boot's Logback context whose
 * Elasticsearch cannot be reached (nothing listens on port 9): events wait in its queue, the health says so.
 */
class AppenderMetricsAndHealthTest {

    private final LoggerContext logback = (LoggerContext) LoggerFactory.getILoggerFactory();
    private ElasticsearchAppender appender;

    private ElasticsearchAppender attachUnreachableAppender() {
        appender = new ElasticsearchAppender();
        appender.setContext(logback);
        appender.setName("TEST_UNREACHABLE");
        appender.setUrl("http://127.0.0.1:9");
        appender.setConnectTimeoutMillis(200);
        appender.setShutdownTimeoutMillis(500); // nothing can be delivered: do not wait the default 10 s on stop
        appender.setJmx(false);
        appender.start();
        logback.getLogger("mailtrail.test.health").addAppender(appender);
        return appender;
    }

    @AfterEach
    void detach() {
        if (appender != null) {
            logback.getLogger("mailtrail.test.health").detachAppender(appender);
            appender.stop();
        }
    }

    @Test
    void theCountersBecomeMetersThatFollowTheAppender() {
        ElasticsearchAppender a = attachUnreachableAppender();
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        new MailtrailAppenderMeterBinder(new MailtrailAppenders()).bindTo(registry);
        collectGarbage(); // nothing but the registry holds the binder now: its meters must still read the appender
        for (int i = 0; i < 3; i++) {
            logback.getLogger("mailtrail.test.health").info("event {}", i);
        }
        assertThat(registry.get("mailtrail.appender.events").tag("appender", "TEST_UNREACHABLE").tag("outcome", "appended")
                .functionCounter().count()).isEqualTo(3.0).isEqualTo((double) a.getMetrics().appended());
        assertThat(registry.get("mailtrail.appender.events").tag("appender", "TEST_UNREACHABLE").tag("outcome", "sent")
                .functionCounter().count()).isZero();
        assertThat(registry.get("mailtrail.appender.queue.depth").tag("appender", "TEST_UNREACHABLE").gauge().value())
                .isEqualTo((double) a.getMetrics().queueDepth());
    }

    @Test
    void healthIsUpWhileTheAppenderRunsAndDownOnceItStopped() {
        ElasticsearchAppender a = attachUnreachableAppender();
        AppenderHealth health = new AppenderHealth(new MailtrailAppenders());
        AppenderHealth.Report up = health.report();
        assertThat(up.status()).isEqualTo("UP");
        @SuppressWarnings("unchecked")
        Map<String, Object> details = (Map<String, Object>) up.details().get("TEST_UNREACHABLE");
        assertThat(details).containsEntry("started", true).containsKeys("queueDepth", "dropped", "failed", "spooled", "sent");
        a.stop();
        assertThat(health.report().status()).isEqualTo("DOWN");
    }

    /**
     * A shipping attempt that failed (nothing listens on port 9) becomes the appender's {@code lastError}, while the
     * health stays {@code UP}; the credentials the appender was given are not in it.
     */
    @Test
    void aFailedShippingAttemptIsTheLastErrorOfAnAppenderThatStaysUp() throws InterruptedException {
        appender = new ElasticsearchAppender();
        appender.setContext(logback);
        appender.setName("TEST_UNREACHABLE");
        appender.setUrl("http://127.0.0.1:9");
        appender.setUsername("mailtrail_writer");
        appender.setPassword("es-secret-8642");
        appender.setConnectTimeoutMillis(200);
        appender.setFlushIntervalMillis(50);
        appender.setShutdownTimeoutMillis(500);
        appender.setJmx(false);
        appender.start();
        logback.getLogger("mailtrail.test.health").addAppender(appender);
        AppenderHealth health = new AppenderHealth(new MailtrailAppenders());
        assertThat(details(health.report())).as("nothing failed yet").doesNotContainKey("lastError");

        logback.getLogger("mailtrail.test.health").info("an event for an unreachable cluster");
        long deadline = System.nanoTime() + 20_000_000_000L;
        AppenderHealth.Report report = health.report();
        while (!details(report).containsKey("lastError") && System.nanoTime() < deadline) {
            Thread.sleep(50);
            report = health.report();
        }
        assertThat(report.status()).isEqualTo("UP");
        assertThat(details(report)).containsEntry("started", true).containsKey("lastError");
        assertThat(String.valueOf(details(report).get("lastError")))
                .startsWith("cannot reach Elasticsearch: ConnectException")
                .doesNotContain("es-secret-8642", "mailtrail_writer");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> details(AppenderHealth.Report report) {
        return (Map<String, Object>) report.details().get("TEST_UNREACHABLE");
    }

    @Test
    void withoutAMailtrailAppenderHealthIsUnknown() {
        assertThat(new AppenderHealth(new MailtrailAppenders()).report().status()).isEqualTo("UNKNOWN");
    }

    /** Whichever Boot line runs the test, its own health API gets the contributor: found by name, asked as actuator asks. */
    @Test
    void theContributorIsRegisteredOnTheRunningBootLinesHealthApi() {
        attachUnreachableAppender();
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(MailtrailAutoConfiguration.class, MailtrailMetricsAutoConfiguration.class,
                        MailtrailHealthAutoConfiguration.class, MailtrailBoot4HealthAutoConfiguration.class))
                .run(ctx -> {
                    assertThat(ctx).hasBean("mailtrailHealthIndicator");
                    Object indicator = ctx.getBean("mailtrailHealthIndicator");
                    boolean boot4 = isPresent("org.springframework.boot.health.contributor.HealthIndicator");
                    assertThat(indicator.getClass().getName()).isEqualTo(boot4
                            ? "io.mailtrail.spring.boot.health.boot4.MailtrailAppenderHealthIndicator"
                            : "io.mailtrail.spring.boot.health.MailtrailAppenderHealthIndicator");
                    Method healthMethod = indicator.getClass().getMethod("health");
                    Object health = healthMethod.invoke(indicator);
                    assertThat(String.valueOf(health.getClass().getMethod("getStatus").invoke(health))).isEqualTo("UP");
                    assertThat(((Map<?, ?>) health.getClass().getMethod("getDetails").invoke(health)).keySet()).extracting(String::valueOf).contains("TEST_UNREACHABLE");
                });
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(MailtrailAutoConfiguration.class, MailtrailHealthAutoConfiguration.class,
                        MailtrailBoot4HealthAutoConfiguration.class))
                .withPropertyValues("management.health.mailtrail.enabled=false")
                .run(ctx -> assertThat(ctx).doesNotHaveBean("mailtrailHealthIndicator"));
    }

    /** Runs the collector until an unreachable object is gone, so weakly held meter state would be too. */
    private static void collectGarbage() {
        WeakReference<Object> canary = new WeakReference<>(new Object());
        for (int i = 0; i < 50 && canary.get() != null; i++) {
            System.gc();
        }
        assertThat(canary.get()).as("the collector ran").isNull();
    }

    private static boolean isPresent(String className) {
        try {
            Class.forName(className, false, AppenderMetricsAndHealthTest.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }
}
