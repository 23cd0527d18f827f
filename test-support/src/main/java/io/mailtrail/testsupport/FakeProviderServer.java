package io.mailtrail.testsupport;

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
import java.util.Arrays;
import java.util.Collections;
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
 * A local HTTP server on the loopback address and a free port that answers like one email provider's send API,
 * so an application's integration (its own HTTP code, or a provider SDK pointed at {@link #baseUri()}) can be
 * checked before going live.
 *
 * <p>Each request takes the next {@linkplain #script(Answer...) scripted answer}; when the script is used up it
 * answers {@link #accepted()} with a fresh message id. Every request is {@linkplain #requests() recorded}
 * together with what it got. The canned answers are shaped like the provider's own (status, headers, body,
 * error codes), so the provider's SDK and mailtrail's classifiers read them as they read the real thing.
 *
 * <pre>{@code
 * try (FakeProviderServer sendgrid = FakeProviderServer.start(Provider.SENDGRID)) {
 *     sendgrid.script(sendgrid.rateLimited(Duration.ofSeconds(1)), sendgrid.accepted("msg-1"));
 *     // POST to sendgrid.sendUri() twice: a 429 with Retry-After: 1, then a 202 with X-Message-Id: msg-1
 * }
 * }</pre>
 *
 * <p>Thread-safe: requests may arrive concurrently; the script is taken in arrival order.
 */
public final class FakeProviderServer implements AutoCloseable {

    /** The domain the Mailgun endpoint and Mailgun message ids use. */
    public static final String MAILGUN_DOMAIN = "mg.example.test";

    private static final String SES_V2_ERROR_TYPE = "x-amzn-ErrorType";
    private static final String AMZN_REQUEST_ID = "x-amzn-RequestId";
    private static final String SES_XMLNS = "http://ses.amazonaws.com/doc/2010-12-01/";
    /** In classic SES answers, replaced by the request's {@code Action} ({@code SendEmail} when it has none). */
    static final String ACTION_PLACEHOLDER = "{Action}";

    private final Provider provider;
    private final HttpServer server;
    private final ExecutorService executor;
    private final Queue<Answer> script = new ConcurrentLinkedQueue<>();
    private final List<RecordedRequest> requests = new CopyOnWriteArrayList<>();
    private final AtomicInteger generatedIds = new AtomicInteger();

    private FakeProviderServer(Provider provider) throws IOException {
        this.provider = provider;
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        this.executor = Executors.newFixedThreadPool(4, r -> {
            Thread t = new Thread(r, "fake-" + provider.id());
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    /** Starts a server answering like {@code provider}; close it when done. */
    public static FakeProviderServer start(Provider provider) throws IOException {
        return new FakeProviderServer(provider);
    }

    /** Starts a server answering like the provider named {@code name} (see {@link Provider#named(String)}). */
    public static FakeProviderServer start(String name) throws IOException {
        return new FakeProviderServer(Provider.named(name));
    }

    /** The provider this server imitates. */
    public Provider provider() {
        return provider;
    }

    /** The port the server listens on (chosen free at start). */
    public int port() {
        return server.getAddress().getPort();
    }

    /** {@code http://127.0.0.1:<port>}: what an SDK's endpoint override / base URL takes. */
    public URI baseUri() {
        return URI.create("http://" + server.getAddress().getAddress().getHostAddress() + ":" + port());
    }

    /** The URI of the provider's send endpoint on this server (any path is answered the same way). */
    public URI sendUri() {
        return baseUri().resolve(provider.sendPath());
    }

    /** Appends answers to the script; requests take them in order. */
    public FakeProviderServer script(Answer... answers) {
        script.addAll(Arrays.asList(answers));
        return this;
    }

    /** Appends {@code answer} {@code times} times: the next {@code times} requests (after those scripted before) get it. */
    public FakeProviderServer failNext(int times, Answer answer) {
        if (times < 0) {
            throw new IllegalArgumentException("times: " + times + " is negative");
        }
        for (int i = 0; i < times; i++) {
            script.add(answer);
        }
        return this;
    }

    /** Scripted answers not yet used. */
    public int pendingAnswers() {
        return script.size();
    }

    /** The requests received so far, in order, each with the answer it got. */
    public List<RecordedRequest> requests() {
        return List.copyOf(requests);
    }

    /** Forgets the requests received so far (the script stays). */
    public void clearRequests() {
        requests.clear();
    }

    /** The provider's success answer carrying {@code messageId} in the provider's own form. */
    public Answer accepted(String messageId) {
        Answer answer = switch (provider) {
            case SES -> Answer.json(200, "{\"MessageId\":\"" + messageId + "\"}").withHeader(AMZN_REQUEST_ID, requestId());
            case SES_CLASSIC -> xml(200, "<" + ACTION_PLACEHOLDER + "Response xmlns=\"" + SES_XMLNS + "\">\n"
                    + "  <" + ACTION_PLACEHOLDER + "Result>\n    <MessageId>" + messageId + "</MessageId>\n  </"
                    + ACTION_PLACEHOLDER + "Result>\n  <ResponseMetadata>\n    <RequestId>" + requestId()
                    + "</RequestId>\n  </ResponseMetadata>\n</" + ACTION_PLACEHOLDER + "Response>\n");
            case SENDGRID -> Answer.of(202, "").withHeader("X-Message-Id", messageId)
                    .withHeader("X-RateLimit-Limit", "600").withHeader("X-RateLimit-Remaining", "599");
            case MAILGUN -> Answer.json(200, "{\"id\":\"<" + messageId + ">\",\"message\":\"Queued. Thank you.\"}");
            case POSTMARK -> Answer.json(200, "{\"To\":\"recipient@example.com\",\"SubmittedAt\":\"2026-11-27T12:00:00.0000000Z\","
                    + "\"MessageID\":\"" + messageId + "\",\"ErrorCode\":0,\"Message\":\"OK\"}");
            case RESEND -> Answer.json(200, "{\"id\":\"" + messageId + "\"}").withHeader("ratelimit-remaining", "1");
        };
        return answer.withMessageId(messageId);
    }

    /** A success answer with a fresh id, in the provider's id format; {@link Answer#messageId()} tells which. */
    public Answer accepted() {
        int n = generatedIds.incrementAndGet();
        String id = switch (provider) {
            case MAILGUN -> String.format(Locale.ROOT, "20261127120000.%d.FAKE@%s", n, MAILGUN_DOMAIN);
            case POSTMARK, RESEND -> String.format(Locale.ROOT, "00000000-0000-4000-8000-%012d", n);
            case SES, SES_CLASSIC -> String.format(Locale.ROOT, "0100018c1b2c4d5e-%08x-0000-4000-8000-000000000000-000000", n);
            case SENDGRID -> "fake-sendgrid-" + n;
        };
        return accepted(id);
    }

    /**
     * The provider's error answer: {@code status} with error {@code code} and {@code message} where the provider
     * puts them — SES v2: header {@code x-amzn-ErrorType: <code>} and {@code {"message":...}}; classic SES: an
     * XML {@code ErrorResponse} with {@code Code}; SendGrid: {@code {"errors":[{"message":...}]}} (no code);
     * Mailgun: {@code {"message":...}} (no code); Postmark: {@code {"ErrorCode":<code>,"Message":...}} (code
     * must be a number); Resend: {@code {"statusCode":..,"message":..,"name":<code>}}.
     *
     * <p>SES error codes the SDKs know: v2 {@code MessageRejected}, {@code TooManyRequestsException} (429),
     * {@code LimitExceededException}, {@code AccountSuspendedException}, {@code SendingPausedException},
     * {@code MailFromDomainNotVerifiedException}, {@code NotFoundException} (404), {@code BadRequestException};
     * classic {@code MessageRejected}, {@code Throttling}, {@code AccountSendingPausedException},
     * {@code MailFromDomainNotVerified}, {@code ConfigurationSetDoesNotExist}.
     */
    public Answer error(int status, String code, String message) {
        String text = jsonEscape(message);
        return switch (provider) {
            case SES -> Answer.json(status, "{\"message\":\"" + text + "\"}")
                    .withHeader(SES_V2_ERROR_TYPE, code).withHeader(AMZN_REQUEST_ID, requestId());
            case SES_CLASSIC -> xml(status, "<ErrorResponse xmlns=\"" + SES_XMLNS + "\">\n  <Error>\n    <Type>"
                    + (status >= 500 ? "Receiver" : "Sender") + "</Type>\n    <Code>" + xmlEscape(code) + "</Code>\n    <Message>"
                    + xmlEscape(message) + "</Message>\n  </Error>\n  <RequestId>" + requestId() + "</RequestId>\n</ErrorResponse>\n");
            case SENDGRID -> Answer.json(status, "{\"errors\":[{\"field\":null,\"message\":\"" + text + "\"}]}");
            case MAILGUN -> Answer.json(status, "{\"message\":\"" + text + "\"}");
            case POSTMARK -> Answer.json(status, "{\"ErrorCode\":" + Integer.parseInt(code) + ",\"Message\":\"" + text + "\"}");
            case RESEND -> Answer.json(status, "{\"statusCode\":" + status + ",\"message\":\"" + text + "\",\"name\":\""
                    + jsonEscape(code) + "\"}");
        };
    }

    /** The provider's rate-limit answer, with {@code Retry-After: <seconds>} when {@code retryAfter} is not null. */
    public Answer rateLimited(Duration retryAfter) {
        Answer answer = switch (provider) {
            case SES -> error(429, "TooManyRequestsException", "Maximum sending rate exceeded.");
            case SES_CLASSIC -> error(400, "Throttling", "Maximum sending rate exceeded.");
            case SENDGRID -> error(429, null, "too many requests")
                    .withHeader("X-RateLimit-Limit", "600").withHeader("X-RateLimit-Remaining", "0");
            case MAILGUN -> error(429, null, "Too many requests");
            case POSTMARK -> error(429, "429", "Rate limit exceeded.");
            case RESEND -> error(429, "rate_limit_exceeded", "Too many requests.").withHeader("ratelimit-remaining", "0");
        };
        return retryAfter == null ? answer : answer.withRetryAfter(retryAfter);
    }

    /** The provider's 503 (Postmark, Mailgun, SendGrid and Resend sit behind proxies that answer with HTML). */
    public Answer unavailable() {
        return switch (provider) {
            case SES -> error(503, "ServiceUnavailable", "Service Unavailable");
            case SES_CLASSIC -> error(503, "ServiceUnavailable", "Service is unable to handle request.");
            default -> Answer.of(503, "<html><body><h1>503 Service Temporarily Unavailable</h1></body></html>")
                    .withHeader("Content-Type", "text/html");
        };
    }

    /** The provider's 500. */
    public Answer serverError() {
        return switch (provider) {
            case SES -> error(500, "InternalFailure", "The request processing has failed because of an unknown error.");
            case SES_CLASSIC -> error(500, "InternalFailure", "The request processing has failed because of an unknown error.");
            case POSTMARK -> error(500, "0", "Internal server error.");
            case RESEND -> error(500, "internal_server_error", "An unexpected error occurred.");
            default -> error(500, null, "Internal server error");
        };
    }

    /** The provider's answer to a bad credential. */
    public Answer authenticationFailure() {
        return switch (provider) {
            case SES -> error(403, "UnrecognizedClientException", "The security token included in the request is invalid.");
            case SES_CLASSIC -> error(403, "InvalidClientTokenId", "The security token included in the request is invalid.");
            case SENDGRID -> error(401, null, "The provided authorization grant is invalid, expired, or revoked");
            case MAILGUN -> Answer.of(401, "Forbidden").withHeader("Content-Type", "text/plain");
            case POSTMARK -> error(401, "10", "The Server Token you provided in the X-Postmark-Server-Token "
                    + "request header was invalid. Please verify that you are using a valid token.");
            case RESEND -> error(403, "invalid_api_key", "API key is invalid");
        };
    }

    /** Stops the server and its threads. */
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

    @Override
    public String toString() {
        return "FakeProviderServer[" + provider.id() + " at " + baseUri() + "]";
    }

    private static Answer xml(int status, String body) {
        return Answer.of(status, body).withHeader("Content-Type", "text/xml");
    }

    private static String requestId() {
        return java.util.UUID.randomUUID().toString();
    }

    private static String jsonEscape(String s) {
        StringBuilder b = new StringBuilder();
        for (char c : String.valueOf(s).toCharArray()) {
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20) {
                        b.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.toString();
    }

    private static String xmlEscape(String s) {
        return String.valueOf(s).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String body;
            try (InputStream in = exchange.getRequestBody()) {
                body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            exchange.getRequestHeaders().forEach((k, v) -> headers.put(k, List.copyOf(v)));
            Answer answer = script.poll();
            if (answer == null) {
                answer = accepted();
            }
            RecordedRequest request = new RecordedRequest(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                    exchange.getRequestURI().getRawQuery(), Collections.unmodifiableMap(headers), body, answer);
            requests.add(request);
            if (!answer.delay().isZero()) {
                try {
                    Thread.sleep(answer.delay().toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
            if (answer.drop()) {
                // Closing an exchange before its response headers went out closes the connection itself.
                return;
            }
            answer.headers().forEach((name, values) -> values.forEach(v -> exchange.getResponseHeaders().add(name, v)));
            String text = answer.body() == null ? "" : answer.body();
            if (provider == Provider.SES_CLASSIC) {
                String action = request.formParameters().getOrDefault("Action", "SendEmail");
                text = text.replace(ACTION_PLACEHOLDER, action.replaceAll("[^A-Za-z0-9]", ""));
            }
            byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(answer.status(), bytes.length == 0 ? -1 : bytes.length);
            if (bytes.length > 0) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(bytes);
                }
            }
        }
    }
}
