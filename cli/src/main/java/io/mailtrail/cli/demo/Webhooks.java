package io.mailtrail.cli.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.mailtrail.tracker.delivery.DeliveryEvent;
import io.mailtrail.tracker.delivery.DeliveryMappers;
import io.mailtrail.tracker.event.DeliveryEventLogger;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Delivery webhooks, both ends: the simulated SendGrid posts its Event Webhook batches (processed, delivered, or a
 * hard bounce for a recipient that does not exist) a moment after it accepted a message, and the application's
 * endpoint maps them with the tracker's {@code DeliveryMappers} and logs them as delivery events.
 */
final class Webhooks implements Resources.Part {

    /** Recipients whose local part starts with this do not exist: their messages bounce. */
    static final String UNKNOWN_RECIPIENT = "nobody.";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final DeliveryEventLogger logger;
    private final ScheduledExecutorService later = Executors.newScheduledThreadPool(2, r -> {
        Thread t = new Thread(r, "demo-sendgrid-webhook");
        t.setDaemon(true);
        return t;
    });
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final double share;
    private final AtomicLong eventIds = new AtomicLong();
    private final AtomicLong received = new AtomicLong();

    /** @param share the share of accepted messages whose events are posted (bounces always are) */
    Webhooks(DeliveryEventLogger logger, double share) throws IOException {
        this.logger = logger;
        this.share = share;
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "demo-webhook-endpoint");
            t.setDaemon(true);
            return t;
        }));
        server.createContext("/webhooks/sendgrid", this::receive);
        server.start();
    }

    /** Called by the SendGrid simulator for each message it accepted. */
    void accepted(String messageId, JsonNode request) {
        String to = request.path("to").asText();
        boolean bounce = to.startsWith(UNKNOWN_RECIPIENT);
        if (!bounce && ThreadLocalRandom.current().nextDouble() >= share) {
            return;
        }
        ArrayNode batch = JSON.createArrayNode();
        batch.add(event(messageId, request, "processed"));
        ObjectNode last = event(messageId, request, bounce ? "bounce" : "delivered");
        if (bounce) {
            last.put("type", "bounce").put("status", "5.1.1")
                    .put("reason", "550 5.1.1 The email account that you tried to reach does not exist.");
        } else {
            last.put("response", "250 2.0.0 OK");
        }
        batch.add(last);
        long delay = 300 + ThreadLocalRandom.current().nextLong(1500);
        later.schedule(() -> post(batch.toString()), delay, TimeUnit.MILLISECONDS);
    }

    private ObjectNode event(String messageId, JsonNode request, String name) {
        ObjectNode e = JSON.createObjectNode();
        e.put("email", request.path("to").asText());
        e.put("timestamp", Instant.now().getEpochSecond());
        e.put("event", name);
        e.put("sg_event_id", "demo-event-" + eventIds.incrementAndGet());
        e.put("sg_message_id", messageId + ".filterdrecv-demo-1");
        e.putArray("category").add(request.path("template").asText());
        return e;
    }

    private void post(String body) {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/webhooks/sendgrid"))
                .timeout(Duration.ofSeconds(5)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        try {
            http.send(request, HttpResponse.BodyHandlers.discarding());
        } catch (IOException e) {
            // the endpoint is stopping: the demo is over
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void receive(HttpExchange exchange) throws IOException {
        try (exchange) {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            int status = 200;
            try {
                List<DeliveryEvent> events = DeliveryMappers.sendgrid().map(body);
                logger.logAll(events);
                received.addAndGet(events.size());
            } catch (Exception e) {
                status = 400;
            }
            exchange.sendResponseHeaders(status, -1);
        }
    }

    long received() {
        return received.get();
    }

    /** Posts what is scheduled within a moment, then stops both ends. */
    @Override
    public void stop() throws InterruptedException {
        later.shutdown();
        later.awaitTermination(3, TimeUnit.SECONDS);
        later.shutdownNow();
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }
}
