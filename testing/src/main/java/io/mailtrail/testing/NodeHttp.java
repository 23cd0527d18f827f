package io.mailtrail.testing;

import javax.net.ssl.SSLContext;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The few HTTP calls the harness itself makes: health and version. No client library needed for them. */
final class NodeHttp {

    private static final Pattern VERSION = Pattern.compile("\"version\"\\s*:\\s*\"([^\"]+)\"");

    private final HttpClient http;
    private final URI base;
    private final String authorization;

    NodeHttp(URI base, SSLContext ssl, String authorization) {
        this.http = HttpClient.newBuilder().sslContext(ssl).connectTimeout(Duration.ofSeconds(2)).build();
        this.base = base;
        this.authorization = authorization;
    }

    /** Status code and body of a GET; throws IOException when nothing answers. */
    HttpResponse<String> get(String path) throws IOException, InterruptedException {
        HttpRequest.Builder req = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(10)).GET();
        if (authorization != null) {
            req.header("Authorization", authorization);
        }
        return http.send(req.build(), HttpResponse.BodyHandlers.ofString());
    }

    boolean isHealthy() {
        try {
            return get("/_cluster/health?wait_for_status=yellow&timeout=1s").statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** The node's version from {@code _nodes/_local}: the test node answers 405 to {@code GET /}. */
    String version() throws IOException, InterruptedException {
        HttpResponse<String> resp = get("/_nodes/_local?filter_path=nodes.*.version");
        Matcher m = VERSION.matcher(resp.body());
        if (resp.statusCode() != 200 || !m.find()) {
            throw new IOException("cannot read node version: HTTP " + resp.statusCode() + " " + resp.body());
        }
        return m.group(1);
    }
}
