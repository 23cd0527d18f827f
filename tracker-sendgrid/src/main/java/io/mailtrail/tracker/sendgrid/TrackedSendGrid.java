package io.mailtrail.tracker.sendgrid;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sendgrid.Request;
import com.sendgrid.Response;
import com.sendgrid.SendGridAPI;
import io.mailtrail.tracker.CallClassifier;
import io.mailtrail.tracker.Email;
import io.mailtrail.tracker.MailTracker;
import io.mailtrail.tracker.http.HttpProviders;
import io.mailtrail.tracker.http.HttpResponseView;
import io.mailtrail.tracker.http.ProviderResponseClassifier;
import io.mailtrail.tracker.httpcall.HttpCalls;

import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * A {@link SendGridAPI} that tracks every {@code mail/send} call of the SendGrid Java SDK it wraps: one event per
 * call, classified by mailtrail's SendGrid HTTP classifier (status, {@code X-Message-Id}, error messages,
 * {@code X-RateLimit-*} headers), with recipients, sender and template read from the request body (the
 * tracker's privacy policy decides what is written). Other endpoints pass through untracked. What the SDK
 * returns or throws reaches the caller unchanged.
 *
 * <pre>{@code
 * SendGridAPI sendGrid = TrackedSendGrid.wrap(new SendGrid(System.getenv("SENDGRID_API_KEY")), tracker);
 * Response response = sendGrid.api(request);   // as before
 * }</pre>
 *
 * <p>Use the {@link SendGridAPI} interface type in your code (the SDK's {@code SendGrid} class is not final
 * but its state is private: subclassing would not see the wrapped client's settings). Thread-safe as the
 * wrapped client is. The SDK's {@code attempt(...)} (asynchronous, with its own rate-limit retries) is a method
 * of {@code BaseInterface}, not of this interface, and is not tracked.
 */
public final class TrackedSendGrid implements SendGridAPI {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final SendGridAPI delegate;
    private final MailTracker tracker;
    private final Function<Request, Email> emails;
    private final ProviderResponseClassifier classifier = HttpProviders.sendgrid();

    private TrackedSendGrid(SendGridAPI delegate, MailTracker tracker, Function<Request, Email> emails) {
        this.delegate = Objects.requireNonNull(delegate, "sendGrid");
        this.tracker = Objects.requireNonNull(tracker, "tracker");
        this.emails = Objects.requireNonNull(emails, "emails");
    }

    /** Wraps {@code sendGrid}; each event's email is read from the mail/send request body. */
    public static TrackedSendGrid wrap(SendGridAPI sendGrid, MailTracker tracker) {
        return new TrackedSendGrid(sendGrid, tracker, TrackedSendGrid::emailOf);
    }

    /** As {@link #wrap(SendGridAPI, MailTracker)}, with the event's {@link Email} built by {@code emails} (provider {@code sendgrid}). */
    public static TrackedSendGrid wrap(SendGridAPI sendGrid, MailTracker tracker, Function<Request, Email> emails) {
        return new TrackedSendGrid(sendGrid, tracker, emails);
    }

    @Override
    public Response api(Request request) throws IOException {
        if (!isMailSend(request)) {
            return delegate.api(request);
        }
        Email email;
        try {
            email = emails.apply(request);
        } catch (RuntimeException problem) {
            email = Email.builder("sendgrid").build();
        }
        return tracker.track(email, () -> delegate.api(request), classifier(request));
    }

    @Override
    public Response makeCall(Request request) throws IOException {
        return delegate.makeCall(request);
    }

    private CallClassifier<Response> classifier(Request request) {
        String method = request.getMethod() == null ? "POST" : request.getMethod().name();
        URI uri = null;
        try {
            String host = delegate.getHost() == null ? "api.sendgrid.com" : delegate.getHost();
            String version = delegate.getVersion() == null ? "v3" : delegate.getVersion();
            uri = URI.create("https://" + host + "/" + version + "/" + stripSlashes(request.getEndpoint()));
        } catch (IllegalArgumentException ignored) {
            // an unusual host: the event goes without url fields
        }
        Function<Response, HttpResponseView> view = TrackedSendGrid::view;
        return uri == null ? HttpCalls.of(classifier, view) : HttpCalls.of(classifier, view, method, uri);
    }

    private static HttpResponseView view(Response r) {
        Map<String, List<String>> headers = new java.util.LinkedHashMap<>();
        if (r.getHeaders() != null) {
            r.getHeaders().forEach((k, v) -> {
                if (k != null && v != null) {
                    headers.put(k, List.of(v));
                }
            });
        }
        return new HttpResponseView(r.getStatusCode(), headers, r.getBody());
    }

    static boolean isMailSend(Request request) {
        String endpoint = request == null ? null : stripSlashes(request.getEndpoint());
        if (endpoint == null) {
            return false;
        }
        if (endpoint.startsWith("v3/")) {
            endpoint = endpoint.substring(3);
        }
        return endpoint.equals("mail/send");
    }

    private static String stripSlashes(String endpoint) {
        if (endpoint == null) {
            return null;
        }
        String e = endpoint.trim();
        while (e.startsWith("/")) {
            e = e.substring(1);
        }
        while (e.endsWith("/")) {
            e = e.substring(0, e.length() - 1);
        }
        return e;
    }

    /** Recipients, sender and template of a v3 mail/send body; provider {@code sendgrid} only when unreadable. */
    static Email emailOf(Request request) {
        Email.Builder b = Email.builder("sendgrid");
        JsonNode root;
        try {
            root = request.getBody() == null ? null : JSON.readTree(request.getBody());
        } catch (IOException | RuntimeException e) {
            return b.build();
        }
        if (root == null) {
            return b.build();
        }
        List<String> to = new ArrayList<>();
        List<String> cc = new ArrayList<>();
        List<String> bcc = new ArrayList<>();
        for (JsonNode p : root.path("personalizations")) {
            addresses(p.path("to"), to);
            addresses(p.path("cc"), cc);
            addresses(p.path("bcc"), bcc);
        }
        b.to(to).cc(cc).bcc(bcc);
        String from = root.path("from").path("email").asText(null);
        if (from != null && !from.isBlank()) {
            b.from(from);
        }
        String template = root.path("template_id").asText(null);
        if (template != null && !template.isBlank()) {
            b.template(template);
        }
        return b.build();
    }

    private static void addresses(JsonNode list, List<String> out) {
        for (JsonNode a : list) {
            String email = a.path("email").asText(null);
            if (email != null && !email.isBlank()) {
                out.add(email);
            }
        }
    }

    // ---- plain delegation

    @Override
    public void initialize(String auth, String host) {
        delegate.initialize(auth, host);
    }

    @Override
    public String getLibraryVersion() {
        return delegate.getLibraryVersion();
    }

    @Override
    public String getVersion() {
        return delegate.getVersion();
    }

    @Override
    public void setVersion(String version) {
        delegate.setVersion(version);
    }

    @Override
    public Map<String, String> getRequestHeaders() {
        return delegate.getRequestHeaders();
    }

    @Override
    public Map<String, String> addRequestHeader(String key, String value) {
        return delegate.addRequestHeader(key, value);
    }

    @Override
    public Map<String, String> removeRequestHeader(String key) {
        return delegate.removeRequestHeader(key);
    }

    @Override
    public String getHost() {
        return delegate.getHost();
    }

    @Override
    public void setHost(String host) {
        delegate.setHost(host);
    }

    /** Never the API key (it sits in the wrapped client's headers). */
    @Override
    public String toString() {
        return "TrackedSendGrid[host=" + delegate.getHost() + "]";
    }
}
