package io.mailtrail.logback;

import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A local HTTP server on 127.0.0.1 that answers {@code _bulk} like Elasticsearch with every item created,
 * and records each request's body and {@code Authorization} header. For tests that need no real node
 * (e.g. the {@code ApiKey} header, which the test node cannot verify).
 */
public final class LocalBulkServer implements AutoCloseable {

    public final List<String> bodies = new CopyOnWriteArrayList<>();
    public final List<String> authorizations = new CopyOnWriteArrayList<>();
    private final HttpServer server;

    public LocalBulkServer() throws IOException {
        this(0);
    }

    /** @param answerDelayMillis how long each request waits before it is answered: a slow cluster */
    public LocalBulkServer(long answerDelayMillis) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(java.util.concurrent.Executors.newFixedThreadPool(4));
        server.createContext("/", exchange -> {
            if (answerDelayMillis > 0) {
                java.util.concurrent.locks.LockSupport.parkNanos(answerDelayMillis * 1_000_000L);
            }
            String auth = exchange.getRequestHeaders().getFirst("Authorization");
            authorizations.add(auth == null ? "" : auth);
            String body;
            try (InputStream in = exchange.getRequestBody()) {
                body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            bodies.add(body);
            long items = body.lines().count() / 2;
            StringBuilder answer = new StringBuilder("{\"took\":1,\"errors\":false,\"items\":[");
            for (int i = 0; i < items; i++) {
                answer.append(i == 0 ? "" : ",").append("{\"create\":{\"status\":201}}");
            }
            byte[] bytes = answer.append("]}").toString().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        server.start();
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** A loopback URL where nothing listens: connections are refused at once. */
    public static String deadUrl() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return "http://127.0.0.1:" + s.getLocalPort();
        }
    }

    @Override
    public void close() {
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }
}
