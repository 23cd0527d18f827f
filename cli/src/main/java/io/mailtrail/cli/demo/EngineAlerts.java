package io.mailtrail.cli.demo;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mailtrail.alerts.cluster.RestClusterClient;
import io.mailtrail.alerts.engine.AlertEngine;
import io.mailtrail.alerts.mail.SmtpMailSender;
import io.mailtrail.alerts.mail.SmtpSecurity;
import io.mailtrail.alerts.mail.SmtpSettings;
import io.mailtrail.alerts.watch.Watch;
import io.mailtrail.alerts.watch.WatchLoader;
import io.mailtrail.schema.Dataset;
import org.elasticsearch.client.RestClient;

import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The alert engine of {@code mailtrail-alerts} on the shipped watches of {@code watcher-rules/}, shortened for a
 * demo of minutes: every watch runs every {@link #INTERVAL} over the last {@link #WINDOW}, with its minimum counts
 * lowered to {@link #MIN_COUNT}, on the demo's data streams only, mailing {@link Ending#ON_CALL} on the demo's
 * GreenMail. The thresholds and throttle periods stay as shipped.
 */
final class EngineAlerts implements DemoAlerts {

    /** The watches the demo's faults can trip. */
    static final List<String> WATCHES = List.of("mailtrail-success-rate", "mailtrail-rate-limited", "mailtrail-latency-p95",
            "mailtrail-bounce-rate", "mailtrail-non-retryable-failures");
    static final String INTERVAL = "5s";
    static final String WINDOW = "1m";
    static final int MIN_COUNT = 5;

    private static final ObjectMapper JSON = new ObjectMapper();

    private final AlertEngine engine;
    private final Thread thread;
    private volatile boolean running = true;

    EngineAlerts(RestClient rest, int smtpPort, String namespace, Clock clock) throws IOException {
        List<Watch> watches = new ArrayList<>();
        for (String id : WATCHES) {
            watches.add(WatchLoader.parse(id, shortened(id, namespace)));
        }
        SmtpSettings smtp = SmtpSettings.builder().host("127.0.0.1").port(smtpPort).security(SmtpSecurity.NONE)
                .from("mailtrail-alerts@demo.test").timeout(Duration.ofSeconds(5)).build();
        this.engine = new AlertEngine(watches, new RestClusterClient(rest), new SmtpMailSender(smtp), namespace, "mailtrail-demo", clock,
                line -> { });
        this.thread = new Thread(this::loop, "demo-alerts");
        thread.setDaemon(true);
        thread.start();
    }

    /** The shipped watch with the demo's schedule, window, minimum counts, recipient and data streams. */
    static String shortened(String id, String namespace) throws IOException {
        ObjectNode watch;
        try (InputStream in = EngineAlerts.class.getResourceAsStream("/mailtrail/watcher-rules/" + id + ".json")) {
            if (in == null) {
                throw new IOException("the watch " + id + " is not in the cli jar (mailtrail/watcher-rules/)");
            }
            watch = (ObjectNode) JSON.readTree(in);
        }
        ((ObjectNode) watch.path("trigger")).putObject("schedule").put("interval", INTERVAL);
        ObjectNode metadata = (ObjectNode) watch.path("metadata");
        metadata.put("window", WINDOW);
        for (String min : List.of("min_calls", "min_deliveries", "min_sends")) {
            if (metadata.has(min)) {
                metadata.put(min, MIN_COUNT);
            }
        }
        metadata.putArray("recipients").add(Ending.ON_CALL);
        ArrayNode indices = (ArrayNode) watch.path("input").path("search").path("request").path("indices");
        for (int i = 0; i < indices.size(); i++) {
            String index = indices.get(i).asText();
            indices.set(i, index.contains(Dataset.DELIVERY.datasetName()) ? Dataset.DELIVERY.dataStream(namespace)
                    : Dataset.CALLS.dataStream(namespace));
        }
        return watch.toString();
    }

    private void loop() {
        while (running) {
            try {
                // the emails it sends are what the demo shows (read from GreenMail)
                engine.tick();
            } catch (RuntimeException e) {
                // the engine logs and retries cluster and SMTP failures itself; anything else must not end the demo
            }
            try {
                Thread.sleep(1000);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    @Override
    public String description() {
        return "alerts: the alert engine runs the shipped watches " + String.join(", ", WATCHES) + " every " + INTERVAL
                + " over the last " + WINDOW + " (shortened for the demo; shipped: every 1-5m over 5m-1h), mailing " + Ending.ON_CALL;
    }

    @Override
    public Duration lastRound() {
        return Duration.ofSeconds(2 * Long.parseLong(INTERVAL.replace("s", "")));
    }

    @Override
    public void stop() throws InterruptedException {
        running = false;
        thread.interrupt();
        thread.join(10_000);
    }
}
