package io.mailtrail.cli.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;

/**
 * A local HTTP server on 127.0.0.1 answering like one provider's send API (SendGrid, SES v2 or Mailgun): the
 * status codes, headers and bodies the tracker's classifiers read from the real services. It follows the
 * {@link FaultPlan}: an outage answers 503, rate limiting 429 with {@code Retry-After}, a latency spike answers
 * late. Accepted messages are reported to a listener (the webhook simulation) with their message id.
 */
final class ProviderSimulator implements Resources.Part {

    static final String MAILGUN_DOMAIN = "mg.demo.test";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String provider;
    private final FaultPlan plan;
    private final HttpServer server;
    private final ExecutorService executor;
    private final BiConsumer<String, JsonNode> accepted;
    private final AtomicLong ids = new AtomicLong();

    /**
     * @param accepted called with the message id and the request body of each accepted message
     */
    ProviderSimulator(String provider, FaultPlan plan, BiConsumer<String, JsonNode> accepted) throws IOException {
        this.provider = provider;
        this.plan = plan;
        this.accepted = accepted;
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        this.executor = Executors.newFixedThreadPool(16, r -> {
            Thread t = new Thread(r, "demo-" + provider + "-api");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    String provider() {
        return provider;
    }

    /** The send endpoint, under the path the real API uses. */
    URI sendUri() {
        String path = switch (provider) {
            case "ses" -> "/v2/email/outbound-emails";
            case "sendgrid" -> "/v3/mail/send";
            case "mailgun" -> "/v3/" + MAILGUN_DOMAIN + "/messages";
            default -> throw new IllegalArgumentException("no simulator for " + provider);
        };
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            JsonNode body = JSON.readTree(exchange.getRequestBody());
            if (plan.active(provider, Fault.Kind.LATENCY).filter(f -> chance(f.share())).isPresent()) {
                sleep(Fault.Kind.SPIKE.toMillis());
            } else {
                // an ordinary call: tens of milliseconds, with a tail
                sleep(15 + (long) (ThreadLocalRandom.current().nextDouble() * ThreadLocalRandom.current().nextDouble() * 200));
            }
            if (plan.active(provider, Fault.Kind.OUTAGE).filter(f -> chance(f.share())).isPresent()) {
                answer(exchange, unavailable());
            } else if (plan.active(provider, Fault.Kind.RATE_LIMIT).filter(f -> chance(f.share())).isPresent()) {
                answer(exchange, rateLimited());
            } else {
                String id = messageId();
                answer(exchange, accepted(id));
                accepted.accept(id, body);
            }
        }
    }

    private static boolean chance(double share) {
        return share >= 1 || ThreadLocalRandom.current().nextDouble() < share;
    }

    private String messageId() {
        long n = ids.incrementAndGet();
        return switch (provider) {
            case "mailgun" -> String.format(Locale.ROOT, "20261201120000.%d.DEMO@%s", n, MAILGUN_DOMAIN);
            case "ses" -> String.format(Locale.ROOT, "0102019a-demo-%08d-000000", n);
            default -> String.format(Locale.ROOT, "demo%06dSG", n);
        };
    }

    private record Reply(int status, Map<String, String> headers, String body) {
    }

    private Reply accepted(String id) {
        return switch (provider) {
            case "ses" -> json(200, "{\"MessageId\":\"" + id + "\"}");
            case "sendgrid" -> new Reply(202, Map.of("X-Message-Id", id, "X-RateLimit-Limit", "600", "X-RateLimit-Remaining", "540"), "");
            default -> json(200, "{\"id\":\"<" + id + ">\",\"message\":\"Queued. Thank you.\"}");
        };
    }

    private Reply rateLimited() {
        Reply r = switch (provider) {
            case "ses" -> new Reply(429, Map.of("Content-Type", "application/json",
                    "x-amzn-ErrorType", "TooManyRequestsException:http://internal.amazon.com/coral/com.amazonaws.sesv2/"),
                    "{\"message\":\"Maximum sending rate exceeded.\"}");
            case "sendgrid" -> new Reply(429, Map.of("Content-Type", "application/json", "X-RateLimit-Remaining", "0"),
                    "{\"errors\":[{\"field\":null,\"message\":\"too many requests\"}]}");
            default -> json(429, "{\"message\":\"Too many requests\"}");
        };
        Map<String, String> headers = new java.util.HashMap<>(r.headers());
        headers.put("Retry-After", "1");
        return new Reply(r.status(), headers, r.body());
    }

    private Reply unavailable() {
        if ("ses".equals(provider)) {
            return new Reply(503, Map.of("Content-Type", "application/json", "x-amzn-ErrorType", "ServiceUnavailable"),
                    "{\"message\":\"Service Unavailable\"}");
        }
        return new Reply(503, Map.of("Content-Type", "text/html"), "<html><body><h1>503 Service Temporarily Unavailable</h1></body></html>");
    }

    private static Reply json(int status, String body) {
        return new Reply(status, Map.of("Content-Type", "application/json"), body);
    }

    private static void answer(HttpExchange exchange, Reply reply) throws IOException {
        reply.headers().forEach((k, v) -> exchange.getResponseHeaders().put(k, List.of(v)));
        byte[] bytes = reply.body().getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(reply.status(), bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void stop() {
        server.stop(0);
        executor.shutdownNow();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
