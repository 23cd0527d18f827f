package io.mailtrail.logback;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An HTTP front on 127.0.0.1 that forwards {@code _bulk} requests to the real node, except that it answers
 * the first requests with 429 (Retry-After: 1) and 503, and in one later request withholds the first items
 * from the node and reports them as rejected with a per-item 429 inside a 200 answer.
 */
final class FaultInjectingFront implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final HttpClient http = HttpClient.newHttpClient();
    private final URI target;
    private final int throttled;
    private final int unavailable;
    private final int itemsRejected;
    final AtomicInteger requests = new AtomicInteger();
    final AtomicInteger itemsRejectedSoFar = new AtomicInteger();

    FaultInjectingFront(URI target, int throttled, int unavailable, int itemsRejected) throws IOException {
        this.target = target;
        this.throttled = throttled;
        this.unavailable = unavailable;
        this.itemsRejected = itemsRejected;
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            byte[] body;
            try (InputStream in = ex.getRequestBody()) {
                body = in.readAllBytes();
            }
            int n = requests.incrementAndGet();
            if (n <= throttled) {
                ex.getResponseHeaders().add("Retry-After", "1");
                respond(ex, 429, "{\"error\":{\"type\":\"es_rejected_execution_exception\",\"reason\":\"injected\"},\"status\":429}");
            } else if (n <= throttled + unavailable) {
                respond(ex, 503, "{\"error\":{\"type\":\"unavailable\",\"reason\":\"injected\"},\"status\":503}");
            } else if (n == throttled + unavailable + 1 && itemsRejected > 0) {
                rejectFirstItems(ex, body);
            } else {
                HttpResponse<byte[]> r = forward(ex.getRequestURI().getPath(), body);
                respond(ex, r.statusCode(), new String(r.body(), StandardCharsets.UTF_8));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void rejectFirstItems(HttpExchange ex, byte[] body) throws IOException, InterruptedException {
        List<String> lines = Arrays.asList(new String(body, StandardCharsets.UTF_8).split("\n"));
        int withheld = Math.min(itemsRejected, lines.size() / 2);
        String rest = String.join("\n", lines.subList(withheld * 2, lines.size())) + "\n";
        ArrayNode items = JSON.createArrayNode();
        for (int i = 0; i < withheld; i++) {
            ObjectNode create = items.addObject().putObject("create");
            create.put("status", 429);
            create.putObject("error").put("type", "es_rejected_execution_exception").put("reason", "injected item rejection");
        }
        ObjectNode answer = JSON.createObjectNode().put("took", 1).put("errors", true);
        if (withheld * 2 < lines.size()) {
            HttpResponse<byte[]> r = forward(ex.getRequestURI().getPath(), rest.getBytes(StandardCharsets.UTF_8));
            JSON.readTree(r.body()).get("items").forEach(items::add);
        }
        answer.set("items", items);
        itemsRejectedSoFar.addAndGet(withheld);
        respond(ex, 200, JSON.writeValueAsString(answer));
    }

    private HttpResponse<byte[]> forward(String path, byte[] body) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(target.resolve(path))
                .header("Content-Type", "application/x-ndjson")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofByteArray());
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
    }
}
