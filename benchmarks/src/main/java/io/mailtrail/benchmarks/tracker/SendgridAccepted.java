package io.mailtrail.benchmarks.tracker;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.net.ssl.SSLSession;

/**
 * The answer SendGrid gives to an accepted {@code POST /v3/mail/send} (202, empty body, {@code X-Message-Id}
 * and the usual nginx/CORS headers), built once: the benchmarked "send" returns it, so the call itself does
 * no work and only the tracker's cost is left to measure.
 */
final class SendgridAccepted implements HttpResponse<String> {

    private static final HttpRequest REQUEST = HttpRequest.newBuilder(URI.create("https://api.sendgrid.com/v3/mail/send"))
            .POST(HttpRequest.BodyPublishers.noBody())
            .build();

    private static final HttpHeaders HEADERS = HttpHeaders.of(Map.of(
            "server", List.of("nginx"),
            "date", List.of("Sat, 28 Nov 2026 00:20:00 GMT"),
            "content-length", List.of("0"),
            "connection", List.of("keep-alive"),
            "x-message-id", List.of("B4nc0Sq3TxWZl3c9u7bWbA"),
            "access-control-allow-origin", List.of("https://sendgrid.api-docs.io"),
            "access-control-allow-methods", List.of("POST"),
            "access-control-allow-headers", List.of("Authorization, Content-Type, On-behalf-of, x-sg-elas-acl"),
            "access-control-max-age", List.of("600"),
            "strict-transport-security", List.of("max-age=600; includeSubDomains")),
            (name, value) -> true);

    static final SendgridAccepted INSTANCE = new SendgridAccepted();

    private SendgridAccepted() {
    }

    @Override
    public int statusCode() {
        return 202;
    }

    @Override
    public HttpRequest request() {
        return REQUEST;
    }

    @Override
    public Optional<HttpResponse<String>> previousResponse() {
        return Optional.empty();
    }

    @Override
    public HttpHeaders headers() {
        return HEADERS;
    }

    @Override
    public String body() {
        return "";
    }

    @Override
    public Optional<SSLSession> sslSession() {
        return Optional.empty();
    }

    @Override
    public URI uri() {
        return REQUEST.uri();
    }

    @Override
    public HttpClient.Version version() {
        return HttpClient.Version.HTTP_1_1;
    }
}
