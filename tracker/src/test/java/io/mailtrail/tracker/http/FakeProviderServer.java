package io.mailtrail.tracker.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Queue;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A local HTTP server on 127.0.0.1 that answers like one email provider's send API, for tests.
 *
 * <p>Each request takes the next {@linkplain #script(Answer...) scripted answer}; when the script is used up it
 * answers {@link #accepted()} with a fresh message id. Every request is {@linkplain #requests() recorded}. The
 * canned answers ({@link #accepted(String)}, {@link #rateLimited(Duration)}, {@link #unavailable()},
 * {@link #authenticationFailure()}) are shaped like the provider's own, so the provider's classifier reads them
 * as it reads the real thing.
 *
 * <pre>{@code
 * try (FakeProviderServer sendgrid = FakeProviderServer.start("sendgrid")) {
 *     sendgrid.script(sendgrid.rateLimited(Duration.ofSeconds(1)), sendgrid.accepted("msg-1"));
 *     // POST to sendgrid.sendUri() twice: a 429 with Retry-After: 1, then a 202 with X-Message-Id: msg-1
 * }
 * }</pre>
 */
public final class FakeProviderServer implements AutoCloseable {

    /** The domain the Mailgun endpoint and Mailgun message ids use. */
    public static final String MAILGUN_DOMAIN = "mg.example.test";

    /** One scripted answer: status, headers (a name may repeat), body (null or empty for none), delay before answering. */
    public record Answer(int status, Map<String, List<String>> headers, String body, Duration delay) {

        public Answer {
            Map<String, List<String>> copy = new LinkedHashMap<>();
            headers.forEach((k, v) -> copy.put(k, List.copyOf(v)));
            headers = Collections.unmodifiableMap(copy);
            delay = delay == null ? Duration.ZERO : delay;
        }

        public static Answer of(int status, String body) {
            return new Answer(status, Map.of(), body, Duration.ZERO);
        }

        /** This answer with one more header; several values make a multi-valued header. */
        public Answer withHeader(String name, String... values) {
            Map<String, List<String>> more = new LinkedHashMap<>(headers);
            List<String> all = new ArrayList<>(more.getOrDefault(name, List.of()));
            all.addAll(Arrays.asList(values));
            more.put(name, all);
            return new Answer(status, more, body, delay);
        }

        /** This answer sent only after {@code wait} (to make a client's read timeout fire). */
        public Answer withDelay(Duration wait) {
            return new Answer(status, headers, body, wait);
        }
    }

    /** A request as the server received it; header names compare case-insensitively. */
    public record RecordedRequest(String method, String path, String query, Map<String, List<String>> headers, String body) {

        public String header(String name) {
            List<String> values = headers.get(name);
            return values == null || values.isEmpty() ? null : values.get(0);
        }
    }

    private final String provider;
    private final HttpServer server;
    private final ExecutorService executor;
    private final Queue<Answer> script = new ConcurrentLinkedQueue<>();
    private final List<RecordedRequest> requests = new CopyOnWriteArrayList<>();
    private final AtomicInteger generatedIds = new AtomicInteger();

    private FakeProviderServer(String provider) throws IOException {
        this.provider = HttpProviders.forName(provider).provider();
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        this.executor = Executors.newFixedThreadPool(4, r -> {
            Thread t = new Thread(r, "fake-" + this.provider);
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    /** Starts a server answering like {@code provider} ({@code ses, sendgrid, mailgun, postmark, resend}). */
    public static FakeProviderServer start(String provider) throws IOException {
        return new FakeProviderServer(provider);
    }

    public String provider() {
        return provider;
    }

    /** {@code http://127.0.0.1:<port>} */
    public URI baseUri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** The URI of the provider's send endpoint on this server (any path is answered the same way). */
    public URI sendUri() {
        String path = switch (provider) {
            case "ses" -> "/v2/email/outbound-emails";
            case "sendgrid" -> "/v3/mail/send";
            case "mailgun" -> "/v3/" + MAILGUN_DOMAIN + "/messages";
            case "postmark" -> "/email";
            default -> "/emails";
        };
        return baseUri().resolve(path);
    }

    /** Appends answers to the script; requests take them in order. */
    public FakeProviderServer script(Answer... answers) {
        script.addAll(Arrays.asList(answers));
        return this;
    }

    /** Scripted answers not yet used. */
    public int pendingAnswers() {
        return script.size();
    }

    /** The requests received so far, in order. */
    public List<RecordedRequest> requests() {
        return List.copyOf(requests);
    }

    /** The provider's success answer carrying {@code messageId} in the provider's own form. */
    public Answer accepted(String messageId) {
        return switch (provider) {
            case "ses" -> json(200, "{\"MessageId\":\"" + messageId + "\"}");
            case "sendgrid" -> Answer.of(202, "").withHeader("X-Message-Id", messageId)
                    .withHeader("X-RateLimit-Limit", "600").withHeader("X-RateLimit-Remaining", "599");
            case "mailgun" -> json(200, "{\"id\":\"<" + messageId + ">\",\"message\":\"Queued. Thank you.\"}");
            case "postmark" -> json(200, "{\"To\":\"recipient@example.com\",\"SubmittedAt\":\"2026-11-27T12:00:00.0000000Z\","
                    + "\"MessageID\":\"" + messageId + "\",\"ErrorCode\":0,\"Message\":\"OK\"}");
            default -> json(200, "{\"id\":\"" + messageId + "\"}").withHeader("ratelimit-remaining", "1");
        };
    }

    /** A success answer with a fresh id ({@link #expectedMessageId(Answer)} tells which). */
    public Answer accepted() {
        int n = generatedIds.incrementAndGet();
        String id = switch (provider) {
            case "mailgun" -> String.format(Locale.ROOT, "20261127120000.%d.FAKE@%s", n, MAILGUN_DOMAIN);
            case "postmark", "resend" -> String.format(Locale.ROOT, "00000000-0000-4000-8000-%012d", n);
            default -> "fake-" + provider + "-" + n;
        };
        return accepted(id);
    }

    /** The message id the provider's classifier reads from one of this server's success answers. */
    public String expectedMessageId(Answer answer) {
        return HttpProviders.forName(provider).classify(new HttpResponseView(answer.status(), answer.headers(), answer.body())).messageId();
    }

    /** The provider's 429, with {@code Retry-After: <seconds>} when {@code retryAfter} is not null. */
    public Answer rateLimited(Duration retryAfter) {
        Answer answer = switch (provider) {
            case "ses" -> json(429, "{\"message\":\"Maximum sending rate exceeded.\"}")
                    .withHeader("x-amzn-ErrorType", "TooManyRequestsException:http://internal.amazon.com/coral/com.amazonaws.sesv2/");
            case "sendgrid" -> json(429, "{\"errors\":[{\"field\":null,\"message\":\"too many requests\"}]}")
                    .withHeader("X-RateLimit-Limit", "600").withHeader("X-RateLimit-Remaining", "0");
            case "mailgun" -> json(429, "{\"message\":\"Too many requests\"}");
            case "postmark" -> json(429, "{\"ErrorCode\":429,\"Message\":\"Rate limit exceeded.\"}");
            default -> json(429, "{\"statusCode\":429,\"message\":\"Too many requests.\",\"name\":\"rate_limit_exceeded\"}")
                    .withHeader("ratelimit-remaining", "0");
        };
        return retryAfter == null ? answer : answer.withHeader("Retry-After", Long.toString(retryAfter.toSeconds()));
    }

    /** The provider's 503 (Postmark, Mailgun, SendGrid and Resend sit behind proxies that answer with HTML). */
    public Answer unavailable() {
        if ("ses".equals(provider)) {
            return json(503, "{\"message\":\"Service Unavailable\"}").withHeader("x-amzn-ErrorType", "ServiceUnavailable");
        }
        return Answer.of(503, "<html><body><h1>503 Service Temporarily Unavailable</h1></body></html>")
                .withHeader("Content-Type", "text/html");
    }

    /** The provider's answer to a bad credential. */
    public Answer authenticationFailure() {
        return switch (provider) {
            case "ses" -> json(403, "{\"message\":\"The security token included in the request is invalid.\"}")
                    .withHeader("x-amzn-ErrorType", "UnrecognizedClientException:http://internal.amazon.com/coral/com.amazon.coral.service/");
            case "sendgrid" -> json(401, "{\"errors\":[{\"field\":null,\"message\":\"The provided authorization grant is invalid, expired, or revoked\"}]}");
            case "mailgun" -> Answer.of(401, "Forbidden").withHeader("Content-Type", "text/plain");
            case "postmark" -> json(401, "{\"ErrorCode\":10,\"Message\":\"The Server Token you provided in the X-Postmark-Server-Token "
                    + "request header was invalid. Please verify that you are using a valid token.\"}");
            default -> json(403, "{\"statusCode\":403,\"message\":\"API key is invalid\",\"name\":\"invalid_api_key\"}");
        };
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Answer json(int status, String body) {
        return Answer.of(status, body).withHeader("Content-Type", "application/json");
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String body;
            try (InputStream in = exchange.getRequestBody()) {
                body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            exchange.getRequestHeaders().forEach((k, v) -> headers.put(k, List.copyOf(v)));
            requests.add(new RecordedRequest(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                    exchange.getRequestURI().getRawQuery(), Collections.unmodifiableMap(headers), body));
            Answer answer = script.poll();
            if (answer == null) {
                answer = accepted();
            }
            if (!answer.delay().isZero()) {
                try {
                    Thread.sleep(answer.delay().toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
            answer.headers().forEach((name, values) -> values.forEach(v -> exchange.getResponseHeaders().add(name, v)));
            byte[] bytes = answer.body() == null ? new byte[0] : answer.body().getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(answer.status(), bytes.length == 0 ? -1 : bytes.length);
            if (bytes.length > 0) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(bytes);
                }
            }
        }
    }
}
