package io.mailtrail.logback.resilience;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * An HTTP front on 127.0.0.1 that forwards every request to the real node, unless impaired: {@link Mode#THROTTLE}
 * answers every request {@code 429} (an overloaded cluster), {@link Mode#SLOW} forwards each request only after
 * a delay (a node that indexes slowly, e.g. with a cold JIT).
 */
final class ImpairedFront implements AutoCloseable {

    enum Mode { FORWARD, THROTTLE, SLOW }

    private final HttpServer server;
    private final ExecutorService workers = Executors.newFixedThreadPool(8);
    private final HttpClient http = HttpClient.newHttpClient();
    private final URI target;
    private final AtomicReference<Mode> mode = new AtomicReference<>(Mode.FORWARD);
    private final AtomicLong slowMillis = new AtomicLong();
    final AtomicInteger throttled = new AtomicInteger();
    final AtomicInteger slowed = new AtomicInteger();

    ImpairedFront(URI target) throws IOException {
        this.target = target;
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
        server.createContext("/", this::handle);
        server.setExecutor(workers);
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    void throttle() {
        mode.set(Mode.THROTTLE);
    }

    void slow(long delayMillis) {
        slowMillis.set(delayMillis);
        mode.set(Mode.SLOW);
    }

    void heal() {
        mode.set(Mode.FORWARD);
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            byte[] body;
            try (InputStream in = ex.getRequestBody()) {
                body = in.readAllBytes();
            }
            Mode m = mode.get();
            if (m == Mode.THROTTLE) {
                throttled.incrementAndGet();
                respond(ex, 429, "{\"error\":{\"type\":\"es_rejected_execution_exception\",\"reason\":\"injected\"},\"status\":429}");
                return;
            }
            if (m == Mode.SLOW) {
                slowed.incrementAndGet();
                Thread.sleep(slowMillis.get());
            }
            HttpResponse<byte[]> r = http.send(HttpRequest.newBuilder(target.resolve(ex.getRequestURI().toString()))
                    .header("Content-Type", "application/x-ndjson")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofByteArray());
            respond(ex, r.statusCode(), new String(r.body(), StandardCharsets.UTF_8));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void respond(HttpExchange ex, int status, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().add("Content-Type", "application/json");
        ex.sendResponseHeaders(status, bytes.length);
        ex.getResponseBody().write(bytes);
    }

    @Override
    public void close() {
        server.stop(0);
        workers.shutdownNow();
    }
}
