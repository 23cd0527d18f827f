package io.mailtrail.cli.demo;

import io.mailtrail.tracker.Email;
import io.mailtrail.tracker.MailTracker;
import io.mailtrail.tracker.http.HttpProviders;
import io.mailtrail.tracker.httpcall.HttpCalls;
import io.mailtrail.tracker.privacy.PrivacyPolicy;
import io.mailtrail.tracker.retry.RetryPolicy;
import io.mailtrail.tracker.smtp.TrackedTransport;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.slf4j.ILoggerFactory;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The application the demo watches: three services sending their templates through the real {@link MailTracker}
 * (one per service), over HTTP to the simulated SendGrid, SES and Mailgun and over SMTP to GreenMail, at a steady
 * rate, retrying per the {@link RetryPolicy}. Its calls go wrong only where the {@link FaultPlan} says.
 */
final class SimulatedApplication implements Resources.Part {

    /** A service, its templates and the providers it sends through. */
    record Service(String name, List<String> templates, List<String> providers) {
    }

    static final List<Service> SERVICES = List.of(
            new Service("shop", List.of("order-confirmation", "shipping-update"), List.of("sendgrid", "ses")),
            new Service("billing", List.of("invoice", "payment-failed"), List.of("ses", "mailgun", "sendgrid")),
            new Service("accounts", List.of("password-reset", "welcome"), List.of("mailgun", "smtp")));

    /** Retries as a careful application would: 3 attempts, jittered backoff from 200 ms, and Retry-After honoured. */
    static final RetryPolicy RETRIES = RetryPolicy.builder().maxAttempts(3).baseDelay(Duration.ofMillis(200))
            .maxDelay(Duration.ofSeconds(2)).build();

    private static final String[] DOMAINS = {"example.com", "example.org", "example.net"};
    private static final int WORKERS = 32;

    private final Map<String, MailTracker> trackers = new HashMap<>();
    private final Map<String, TrackedTransport> smtp = new HashMap<>();
    private final Map<String, TrackedTransport> smtpUnknown = new HashMap<>();
    private final Map<String, URI> endpoints;
    private final Session session;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final ExecutorService workers = Executors.newFixedThreadPool(WORKERS, r -> {
        Thread t = new Thread(r, "demo-app-sender");
        t.setDaemon(true);
        return t;
    });
    private final ScheduledExecutorService pace = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "demo-app-pace");
        t.setDaemon(true);
        return t;
    });
    private final Semaphore inFlight = new Semaphore(WORKERS * 2);
    private final AtomicLong sends = new AtomicLong();
    private final AtomicLong skipped = new AtomicLong();
    private final AtomicLong number = new AtomicLong();
    private final Map<String, AtomicLong> perProvider = new java.util.concurrent.ConcurrentHashMap<>();

    /**
     * @param endpoints      the send URI of each HTTP provider simulator
     * @param smtpPort       GreenMail's port
     * @param rejectingPort  the port of the SMTP server that rejects every recipient (the one unknown addresses reach)
     */
    SimulatedApplication(ILoggerFactory logging, PrivacyPolicy privacy, Map<String, URI> endpoints, int smtpPort, int rejectingPort) {
        this.endpoints = Map.copyOf(endpoints);
        this.session = session(smtpPort);
        Session rejecting = session(rejectingPort);
        for (Service s : SERVICES) {
            MailTracker tracker = MailTracker.builder().serviceName(s.name()).privacy(privacy).loggerFactory(logging)
                    .retryPolicy(RETRIES).build();
            trackers.put(s.name(), tracker);
            smtp.put(s.name(), TrackedTransport.builder(tracker, session).build());
            smtpUnknown.put(s.name(), TrackedTransport.builder(tracker, rejecting).build());
        }
    }

    private static Session session(int port) {
        Properties props = new Properties();
        props.put("mail.smtp.host", "127.0.0.1");
        props.put("mail.smtp.port", String.valueOf(port));
        return Session.getInstance(props);
    }

    /** Starts sending {@code perSecond} emails a second until {@link #stop()}. */
    void start(int perSecond) {
        long periodMicros = 1_000_000L / perSecond;
        pace.scheduleAtFixedRate(() -> {
            if (!inFlight.tryAcquire()) {
                // every sender is busy (a latency spike): the application would queue; the demo skips
                skipped.incrementAndGet();
                return;
            }
            workers.execute(() -> {
                try {
                    sendOne();
                } finally {
                    inFlight.release();
                }
            });
        }, 0, periodMicros, TimeUnit.MICROSECONDS);
    }

    /** Logical sends made so far. */
    long sends() {
        return sends.get();
    }

    long skipped() {
        return skipped.get();
    }

    private void sendOne() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        Service service = SERVICES.get(random.nextInt(SERVICES.size()));
        String template = service.templates().get(random.nextInt(service.templates().size()));
        String provider = service.providers().get(random.nextInt(service.providers().size()));
        long n = number.incrementAndGet();
        // one message in 25 of each provider goes to an address that does not exist (4 %): the 3rd, 28th, 53rd, ... so
        // that even a short run has its bounce before the scripted sendgrid outage (from 0:03) can swallow it
        boolean unknown = perProvider.computeIfAbsent(provider, p -> new AtomicLong()).incrementAndGet() % 25 == 3;
        String recipient = (unknown ? Webhooks.UNKNOWN_RECIPIENT : "customer.") + n + "@" + DOMAINS[(int) (n % DOMAINS.length)];
        String localId = String.format(Locale.ROOT, "%s-%06d", service.name(), n);
        sends.incrementAndGet();
        try {
            if ("smtp".equals(provider)) {
                sendSmtp(service, template, recipient, localId);
            } else {
                sendHttp(service, template, provider, recipient, localId);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            // tracked: the event says what went wrong; the application would give up on this message
        }
    }

    private void sendHttp(Service service, String template, String provider, String recipient, String localId)
            throws Exception {
        Email email = Email.builder(provider).template(template).to(recipient).from(service.name() + "@shop.demo.test")
                .localId(localId).label("demo", "true").build();
        String body = "{\"to\":\"" + recipient + "\",\"template\":\"" + template + "\",\"subject\":\"Your " + template + "\"}";
        HttpRequest request = HttpRequest.newBuilder(endpoints.get(provider)).timeout(Duration.ofSeconds(5))
                .header("Content-Type", "application/json")
                // a credential as real calls carry one; the tracker never records it
                .header("Authorization", "Bearer demo-" + provider + "-api-key-not-a-secret")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        trackers.get(service.name()).track(email, () -> http.send(request, HttpResponse.BodyHandlers.ofString()),
                HttpCalls.jdk(HttpProviders.forName(provider)));
    }

    private void sendSmtp(Service service, String template, String recipient, String localId) throws MessagingException {
        MimeMessage m = new MimeMessage(session);
        m.setFrom(new InternetAddress(service.name() + "@shop.demo.test"));
        m.addRecipient(Message.RecipientType.TO, new InternetAddress(recipient));
        m.setSubject("Your " + template);
        m.setText("Hello from the mailtrail demo.");
        boolean unknown = recipient.startsWith(Webhooks.UNKNOWN_RECIPIENT);
        (unknown ? smtpUnknown : smtp).get(service.name()).send(TrackedTransport.describe("smtp", m).template(template).localId(localId).label("demo", "true").build(), m);
    }

    /** Stops sending and waits for the sends under way (their retries included) to end. */
    @Override
    public void stop() throws InterruptedException {
        pace.shutdownNow();
        workers.shutdown();
        if (!workers.awaitTermination(20, TimeUnit.SECONDS)) {
            workers.shutdownNow();
        }
    }
}
