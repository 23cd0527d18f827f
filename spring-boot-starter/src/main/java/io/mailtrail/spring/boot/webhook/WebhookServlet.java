package io.mailtrail.spring.boot.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mailtrail.tracker.delivery.DeliveryPayloadException;
import io.mailtrail.tracker.webhook.Verification;
import io.mailtrail.tracker.webhook.WebhookReceiver;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The delivery-webhook endpoints: one servlet, mapped to the exact path of each enabled provider. Per request:
 * {@code POST} only (405 otherwise), a body of at most {@code maxBodyBytes} (413 otherwise, not read), then the
 * provider's {@link WebhookReceiver}: 200 when verified and logged, 401 (Postmark's credentials) or 403 (a
 * signature) when rejected, with nothing logged, 400 for an authentic body that is no payload of the provider's.
 * Answers are short plain-text lines that never hold a secret or a payload value.
 */
public final class WebhookServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(WebhookServlet.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * One provider's endpoint.
     *
     * @param rejectedStatus    the answer to a rejected request: 401 or 403
     * @param basicAuthRealm    when not null, a 401 carries {@code WWW-Authenticate: Basic realm="..."}
     */
    public record Endpoint(String provider, String path, WebhookReceiver receiver, int rejectedStatus, String basicAuthRealm) {
        public Endpoint {
            Objects.requireNonNull(provider, "provider");
            Objects.requireNonNull(path, "path");
            Objects.requireNonNull(receiver, "receiver");
        }

        @Override
        public String toString() {
            return "Endpoint[" + provider + " at " + path + "]";
        }
    }

    private final transient Map<String, Endpoint> byPath;
    private final long maxBodyBytes;

    public WebhookServlet(List<Endpoint> endpoints, long maxBodyBytes) {
        if (maxBodyBytes < 1) {
            throw new IllegalArgumentException("maxBodyBytes: " + maxBodyBytes + " is below 1");
        }
        Map<String, Endpoint> m = new LinkedHashMap<>();
        for (Endpoint e : endpoints) {
            m.put(e.path(), e);
        }
        this.byPath = Collections.unmodifiableMap(m);
        this.maxBodyBytes = maxBodyBytes;
    }

    /** The paths to map the servlet to, one per endpoint. */
    public List<String> paths() {
        return List.copyOf(byPath.keySet());
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Endpoint endpoint = byPath.get(request.getServletPath());
        if (endpoint == null) {
            answer(response, HttpServletResponse.SC_NOT_FOUND, "no mailtrail webhook here");
            return;
        }
        if (!"POST".equals(request.getMethod())) {
            response.setHeader("Allow", "POST");
            answer(response, HttpServletResponse.SC_METHOD_NOT_ALLOWED, "use POST");
            return;
        }
        if (request.getContentLengthLong() > maxBodyBytes) {
            tooLarge(response, endpoint);
            return;
        }
        byte[] body = read(request.getInputStream());
        if (body == null) {
            tooLarge(response, endpoint);
            return;
        }
        Verification v;
        try {
            v = endpoint.receiver().receive(headers(request), body);
        } catch (DeliveryPayloadException e) {
            // thrown only once the request was verified: authentic, but no payload of the provider's
            if ("ses".equals(endpoint.provider()) && snsConfirmation(body)) {
                answer(response, HttpServletResponse.SC_OK, "subscription confirmation received (not confirmed by mailtrail)");
                return;
            }
            LOG.debug("mailtrail {} webhook: authentic request with a malformed payload: {}", endpoint.provider(), e.getMessage());
            answer(response, HttpServletResponse.SC_BAD_REQUEST, "malformed payload: " + e.getMessage());
            return;
        }
        if (v.accepted()) {
            answer(response, HttpServletResponse.SC_OK, "accepted");
            return;
        }
        String reason = v instanceof Verification.Rejected r ? r.reason() : "rejected";
        LOG.debug("mailtrail {} webhook: request rejected: {}", endpoint.provider(), reason);
        if (endpoint.rejectedStatus() == HttpServletResponse.SC_UNAUTHORIZED && endpoint.basicAuthRealm() != null) {
            response.setHeader("WWW-Authenticate", "Basic realm=\"" + endpoint.basicAuthRealm() + "\"");
        }
        answer(response, endpoint.rejectedStatus(), "rejected: " + reason);
    }

    private void tooLarge(HttpServletResponse response, Endpoint endpoint) throws IOException {
        LOG.debug("mailtrail {} webhook: body larger than {} bytes refused", endpoint.provider(), maxBodyBytes);
        // the rest of the body is not read: the connection is not kept for another request
        response.setHeader("Connection", "close");
        answer(response, HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE, "body larger than " + maxBodyBytes + " bytes");
    }

    /** The body, or null when it is longer than the limit (whatever Content-Length said, chunked included). */
    private byte[] read(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        long total = 0;
        for (int n; (n = in.read(buffer)) != -1; ) {
            total += n;
            if (total > maxBodyBytes) {
                return null;
            }
            out.write(buffer, 0, n);
        }
        return out.toByteArray();
    }

    private static Map<String, List<String>> headers(HttpServletRequest request) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (String name : Collections.list(request.getHeaderNames())) {
            headers.put(name, new ArrayList<>(Collections.list(request.getHeaders(name))));
        }
        return headers;
    }

    /** An SNS SubscriptionConfirmation (the SES mapper refuses it as no email event): logged for the operator. */
    private static boolean snsConfirmation(byte[] body) {
        try {
            JsonNode m = JSON.readTree(body);
            if (!"SubscriptionConfirmation".equals(m.path("Type").asText())) {
                return false;
            }
            LOG.info("mailtrail ses webhook: SNS subscription confirmation of topic {}; confirm it by opening its SubscribeURL: {}",
                    m.path("TopicArn").asText(), m.path("SubscribeURL").asText());
            return true;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    private static void answer(HttpServletResponse response, int status, String line) throws IOException {
        response.setStatus(status);
        response.setContentType("text/plain;charset=UTF-8");
        byte[] bytes = (line + "\n").getBytes(StandardCharsets.UTF_8);
        response.setContentLength(bytes.length);
        response.getOutputStream().write(bytes);
    }
}
