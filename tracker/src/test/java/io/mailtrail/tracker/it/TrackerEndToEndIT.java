package io.mailtrail.tracker.it;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import ch.qos.logback.core.status.Status;
import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.mailtrail.logback.ElasticsearchAppender;
import io.mailtrail.logback.metrics.MetricsSnapshot;
import io.mailtrail.schema.Dataset;
import io.mailtrail.schema.ErrorCategory;
import io.mailtrail.schema.Field;
import io.mailtrail.schema.FieldType;
import io.mailtrail.schema.Fields;
import io.mailtrail.testsupport.Answer;
import io.mailtrail.testsupport.FakeProviderServer;
import io.mailtrail.tracker.Email;
import io.mailtrail.tracker.MailTracker;
import io.mailtrail.tracker.RecordingDelays;
import io.mailtrail.tracker.delivery.DeliveryEvent;
import io.mailtrail.tracker.delivery.DeliveryMappers;
import io.mailtrail.tracker.event.DeliveryEventLogger;
import io.mailtrail.tracker.http.HttpProviders;
import io.mailtrail.tracker.httpcall.HttpCalls;
import io.mailtrail.tracker.it.GroundTruth.Attempt;
import io.mailtrail.tracker.privacy.PrivacyPolicy;
import io.mailtrail.tracker.retry.RetryPolicy;
import io.mailtrail.tracker.smtp.SmtpReceipt;
import io.mailtrail.tracker.smtp.TrackedTransport;
import io.mailtrail.testing.ElasticsearchExtension;
import io.mailtrail.testing.ElasticsearchNode;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.elasticsearch.client.RestClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * The whole pipeline on real parts: templates installed by {@code mailtrail setup} (in-process), tracked calls to
 * local servers answering like each HTTP provider and to GreenMail over SMTP, webhook payloads mapped to delivery
 * events, the real {@link ElasticsearchAppender} shipping both loggers into a real node. The test keeps its own
 * ground truth of what it scripted and compares the node's aggregations with it.
 */
@ExtendWith(ElasticsearchExtension.class)
class TrackerEndToEndIT {

    private static final String NAMESPACE = "e2e";
    private static final String CALLS = Dataset.CALLS.dataStream(NAMESPACE);
    private static final String DELIVERY = Dataset.DELIVERY.dataStream(NAMESPACE);

    /**
     * Fields the appender's default encoder writes that are not in the catalog. {@code tags} appears only when a
     * message is cut ({@code message_truncated}); this test's messages are short, so it is allowed, not expected.
     */
    private static final Set<String> APPENDER_FIELDS = Set.of("process.thread.name", "tags");

    // Secrets and personal data the test hands to the calls; none may reach a document.
    private static final String HMAC_KEY = "e2e-hmac-key-0123456789abcdef";
    private static final String SMTP_USER = "shop-sender";
    private static final String SMTP_PASSWORD = "e2e-Smtp-Passw0rd-right";
    private static final String SMTP_WRONG_PASSWORD = "e2e-Smtp-Passw0rd-wrong";
    private static final String QUERY_SECRET = "e2eQuerySecretInUrl";
    private static final Map<String, Map<String, String>> AUTH_HEADERS = Map.of(
            "sendgrid", Map.of("Authorization", "Bearer SG.e2eSendgridKeyId.e2eSendgridKeySecret"),
            "ses", Map.of("Authorization", "AWS4-HMAC-SHA256 Credential=AKIAE2EACCESSKEY0001/20261127/eu-west-1/ses/aws4_request, "
                            + "SignedHeaders=host;x-amz-date, Signature=e2e5ec7e75f9a0b1c2d3e4f5a6b7c8d9e0f1a2b3c4d5e6f7a8b9c0d1e2f3a4b5",
                    "X-Amz-Security-Token", "e2eAwsSessionTokenValue"),
            "mailgun", Map.of("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                    "api:key-e2emailgunsecret0123456789".getBytes(StandardCharsets.UTF_8))),
            "postmark", Map.of("X-Postmark-Server-Token", "e2e0ae2e-postmark-server-token"),
            "resend", Map.of("Authorization", "Bearer re_e2eResendSecretKey"));

    @RegisterExtension
    static final GreenMailExtension GREEN_MAIL = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort())
            .withConfiguration(GreenMailConfiguration.aConfig().withUser("orders@shop.test", SMTP_USER, SMTP_PASSWORD));

    /** The scripted provider answers, and what the test expects each to count as. */
    private enum Reply {
        OK(null), LIMITED(ErrorCategory.RATE_LIMITED), DOWN(ErrorCategory.PROVIDER_UNAVAILABLE), AUTH(ErrorCategory.AUTHENTICATION);

        final ErrorCategory category;

        Reply(ErrorCategory category) {
            this.category = category;
        }

        Answer answer(FakeProviderServer server) {
            return switch (this) {
                case OK -> server.accepted();
                case LIMITED -> server.rateLimited(Duration.ofSeconds(1));
                case DOWN -> server.unavailable();
                case AUTH -> server.authenticationFailure();
            };
        }
    }

    private static final int MAX_ATTEMPTS = 3;

    private final GroundTruth truth = new GroundTruth();
    private final List<String> recipients = new ArrayList<>();
    private final Map<String, String> expectedMessageIds = new TreeMap<>();
    private final RecordingDelays delays = new RecordingDelays();
    private final LoggerContext logging = new LoggerContext();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ListAppender<ILoggingEvent> trackerProblems = new ListAppender<>();
    private int sendNumber;

    TrackerEndToEndIT() {
        // A LoggerContext made by hand has no MDC adapter (the SLF4J provider sets it on the default one); without it
        // every LoggingEvent.prepareForDeferredProcessing() throws, and the appender drops the event.
        logging.setMDCAdapter(MDC.getMDCAdapter());
        logging.start();
    }

    @AfterEach
    void stopLogging() {
        logging.stop();
        ((LoggerContext) LoggerFactory.getILoggerFactory()).getLogger(MailTracker.class).detachAppender(trackerProblems);
    }

    @Test
    void trackedCallsAndDeliveryEventsLandInTheNodeAsGenerated(ElasticsearchNode es) throws Exception {
        installTemplates(es);
        try (RestClient client = es.restClient()) {
            Node node = new Node(client);
            node.deleteDataStreamIfPresent(CALLS);
            node.deleteDataStreamIfPresent(DELIVERY);
            assertThat(node.isDataStream(CALLS) || node.isDataStream(DELIVERY)).as("data streams left from an earlier run").isFalse();

            ElasticsearchAppender appender = startAppender(es);
            watchTrackerProblems();
            PrivacyPolicy privacy = PrivacyPolicy.builder().hmacKey(HMAC_KEY).build();
            MailTracker tracker = MailTracker.builder().serviceName("e2e-shop").privacy(privacy).loggerFactory(logging)
                    .retryPolicy(RetryPolicy.builder().maxAttempts(MAX_ATTEMPTS).baseDelay(Duration.ofMillis(2))
                            .maxDelay(Duration.ofMillis(10)).build())
                    .delays(delays).build();

            sendOverHttp(tracker);
            sendOverSmtp(tracker);
            Map<String, Long> deliveryStatuses = logDeliveryEvents(privacy);

            appender.stop();
            MetricsSnapshot shipped = appender.getMetrics();
            long expectedDocs = truth.attempts() + deliveryStatuses.values().stream().mapToLong(Long::longValue).sum();
            assertThat(shipped.appended()).as("events the appender took, %s; status: %s", shipped, statusText())
                    .isEqualTo(expectedDocs);
            assertThat(shipped.sent()).as("events Elasticsearch confirmed, %s; status: %s", shipped, statusText())
                    .isEqualTo(expectedDocs);
            assertThat(shipped.failed() + shipped.dropped()).isZero();
            assertThat(trackerProblems.list).as("recording failures reported by the tracker").isEmpty();

            node.raw("POST", "/" + CALLS + "," + DELIVERY + "/_refresh", null);
            assertThat(node.isDataStream(CALLS)).as(CALLS).isTrue();
            assertThat(node.isDataStream(DELIVERY)).as(DELIVERY).isTrue();

            String callsRaw = node.raw("POST", "/" + CALLS + "/_search", "{\"size\":1000,\"track_total_hits\":true}");
            String deliveryRaw = node.raw("POST", "/" + DELIVERY + "/_search", "{\"size\":1000,\"track_total_hits\":true}");
            List<JsonNode> calls = sources(node, callsRaw, Dataset.CALLS);
            List<JsonNode> deliveries = sources(node, deliveryRaw, Dataset.DELIVERY);
            assertThat(calls).as("call documents, %s", truth).hasSize((int) truth.attempts());
            assertThat(deliveries).hasSize((int) (expectedDocs - truth.attempts()));

            Set<String> seenCalls = assertOnlyCatalogFields(calls, Dataset.CALLS);
            Set<String> seenDelivery = assertOnlyCatalogFields(deliveries, Dataset.DELIVERY);
            assertMappedWithCatalogTypes(node, CALLS, seenCalls);
            assertMappedWithCatalogTypes(node, DELIVERY, seenDelivery);

            assertAttemptSuccessRate(node);
            assertSendSuccessRate(node);
            assertErrorCategories(node);
            assertPerProvider(node);
            assertDurationPercentiles(node);
            assertAttemptsOfASendShareTheirIds(calls);
            assertRetryableAsScripted(calls);
            assertRetriesWaitedWhatTheProviderAsked(calls);
            assertDeliveryStatuses(node, deliveryStatuses);
            assertNoSecretOrAddress(callsRaw + deliveryRaw);
        }
    }

    // ---- the pipeline

    /**
     * Installs the repository's {@code index-templates/} (shared component templates, then the index templates),
     * as {@code mailtrail setup} does on a cluster without ILM. Not through the cli itself: the cli depends on the
     * tracker (its demo), and Maven refuses a cycle even at test scope. The cli packages these same files
     * (its PackagedAssetsTest) and SetupIT checks what setup installs from them.
     */
    private static void installTemplates(ElasticsearchNode es) throws IOException {
        java.nio.file.Path root = java.nio.file.Path.of(System.getProperty("user.dir")).resolveSibling("index-templates");
        try (RestClient client = es.restClient()) {
            Node node = new Node(client);
            for (String component : List.of("mailtrail-settings", "mailtrail-ecs-mappings", "mailtrail-mappings")) {
                node.raw("PUT", "/_component_template/" + component,
                        java.nio.file.Files.readString(root.resolve("component/" + component + ".json")));
            }
            for (Dataset dataset : Dataset.values()) {
                String name = "logs-" + dataset.datasetName();
                node.raw("PUT", "/_index_template/" + name, java.nio.file.Files.readString(root.resolve("index/" + name + ".json")));
            }
        }
    }

    private ElasticsearchAppender startAppender(ElasticsearchNode es) {
        ElasticsearchAppender appender = new ElasticsearchAppender();
        appender.setContext(logging);
        appender.setName("e2e");
        appender.setUrl(es.url().toString());
        appender.setNamespace(NAMESPACE);
        appender.setFlushIntervalMillis(100);
        appender.setShutdownTimeoutMillis(20_000);
        appender.setJmx(false);
        appender.start();
        assertThat(appender.isStarted()).as("appender started; status: %s", statusText()).isTrue();
        for (Dataset dataset : List.of(Dataset.CALLS, Dataset.DELIVERY)) {
            Logger logger = logging.getLogger(dataset.loggerName());
            logger.setAdditive(false);
            logger.setLevel(Level.INFO);
            logger.addAppender(appender);
        }
        return appender;
    }

    /** The tracker reports its own recording failures on its class logger (of the SLF4J binding, not ours). */
    private void watchTrackerProblems() {
        LoggerContext global = (LoggerContext) LoggerFactory.getILoggerFactory();
        trackerProblems.setContext(global);
        trackerProblems.start();
        global.getLogger(MailTracker.class).addAppender(trackerProblems);
    }

    private String statusText() {
        return logging.getStatusManager().getCopyOfStatusList().stream().map(Status::toString).collect(Collectors.joining(" | "));
    }

    // ---- what the test generates

    private void sendOverHttp(MailTracker tracker) throws Exception {
        Map<String, List<List<Reply>>> plan = new LinkedHashMap<>();
        plan.put("sendgrid", List.of(List.of(Reply.OK), List.of(Reply.LIMITED, Reply.OK), List.of(Reply.DOWN, Reply.DOWN, Reply.DOWN),
                List.of(Reply.AUTH)));
        plan.put("ses", List.of(List.of(Reply.OK), List.of(Reply.DOWN, Reply.OK), List.of(Reply.LIMITED, Reply.LIMITED, Reply.LIMITED)));
        plan.put("mailgun", List.of(List.of(Reply.OK), List.of(Reply.OK), List.of(Reply.DOWN, Reply.LIMITED, Reply.OK), List.of(Reply.AUTH)));
        plan.put("postmark", List.of(List.of(Reply.OK), List.of(Reply.LIMITED, Reply.DOWN, Reply.OK), List.of(Reply.AUTH)));
        plan.put("resend", List.of(List.of(Reply.OK), List.of(Reply.DOWN, Reply.OK), List.of(Reply.AUTH),
                List.of(Reply.LIMITED, Reply.LIMITED, Reply.DOWN)));

        for (Map.Entry<String, List<List<Reply>>> provider : plan.entrySet()) {
            try (FakeProviderServer server = FakeProviderServer.start(provider.getKey())) {
                int requests = 0;
                for (List<Reply> replies : provider.getValue()) {
                    checkPlan(replies);
                    send(tracker, server, replies);
                    requests += replies.size();
                    assertThat(server.pendingAnswers()).as("every scripted answer was asked for").isZero();
                    assertThat(server.requests()).as("requests %s received", provider.getKey()).hasSize(requests);
                }
            }
        }
    }

    /** The ground truth follows from the script only if the retry policy consumes exactly these answers. */
    private static void checkPlan(List<Reply> replies) {
        for (int i = 0; i < replies.size() - 1; i++) {
            assertThat(replies.get(i).category).as("only a retryable answer is followed by another").isIn(
                    ErrorCategory.RATE_LIMITED, ErrorCategory.PROVIDER_UNAVAILABLE);
        }
        Reply last = replies.get(replies.size() - 1);
        assertThat(last == Reply.OK || last == Reply.AUTH || replies.size() == MAX_ATTEMPTS).as("plan %s ends the send", replies).isTrue();
    }

    private void send(MailTracker tracker, FakeProviderServer server, List<Reply> replies) throws Exception {
        String provider = server.provider().id();
        String localId = String.format(Locale.ROOT, "e2e-%02d-%s", ++sendNumber, provider);
        String recipient = String.format(Locale.ROOT, "buyer%02d.e2e@customers-%s.test", sendNumber, provider);
        recipients.add(recipient);
        List<Attempt> attempts = new ArrayList<>();
        for (Reply reply : replies) {
            Answer answer = reply.answer(server);
            server.script(answer);
            attempts.add(new Attempt(provider, localId, reply == Reply.OK, reply.category == null ? null : reply.category.value()));
            if (reply == Reply.OK) {
                expectedMessageIds.put(localId, answer.messageId());
            }
        }
        truth.send(provider, localId, attempts);

        Email email = Email.builder(provider).template("order-confirmation").to(recipient).from("orders@shop.test")
                .tenant("acme").label("campaign", "e2e").localId(localId).build();
        URI uri = URI.create(server.sendUri() + "?token=" + QUERY_SECRET);
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"to\":\"" + recipient + "\",\"subject\":\"Your order\"}"));
        AUTH_HEADERS.get(provider).forEach(request::header);
        HttpRequest built = request.build();

        HttpResponse<String> response;
        if (sendNumber % 2 == 0) {
            response = tracker.trackAsync(email, () -> http.sendAsync(built, HttpResponse.BodyHandlers.ofString()),
                    HttpCalls.jdk(HttpProviders.forName(provider))).get(30, TimeUnit.SECONDS);
        } else {
            response = tracker.track(email, () -> http.send(built, HttpResponse.BodyHandlers.ofString()),
                    HttpCalls.jdk(HttpProviders.forName(provider)));
        }
        Reply last = replies.get(replies.size() - 1);
        assertThat(response.statusCode() < 300).as("the caller got the last answer of %s", localId).isEqualTo(last == Reply.OK);
    }

    private void sendOverSmtp(MailTracker tracker) throws Exception {
        Properties props = new Properties();
        props.put("mail.smtp.host", "127.0.0.1");
        props.put("mail.smtp.port", String.valueOf(GREEN_MAIL.getSmtp().getPort()));
        props.put("mail.smtp.auth", "true");
        Session session = Session.getInstance(props);
        TrackedTransport right = TrackedTransport.builder(tracker, session).credentials(SMTP_USER, SMTP_PASSWORD).build();
        TrackedTransport wrong = TrackedTransport.builder(tracker, session).credentials(SMTP_USER, SMTP_WRONG_PASSWORD).build();

        for (int i = 0; i < 2; i++) {
            String localId = smtpSend(true);
            MimeMessage m = message(session);
            SmtpReceipt receipt = right.send(TrackedTransport.describe("smtp", m).template("welcome").localId(localId).build(), m);
            assertThat(receipt.replyCode()).isEqualTo(250);
            expectedMessageIds.put(localId, receipt.messageId());
        }
        String localId = smtpSend(false);
        MimeMessage m = message(session);
        Throwable thrown = catchThrowable(() -> wrong.send(TrackedTransport.describe("smtp", m).template("welcome").localId(localId).build(), m));
        assertThat(thrown).isInstanceOf(AuthenticationFailedException.class);
        assertThat(GREEN_MAIL.getReceivedMessages()).hasSize(2);
    }

    private String smtpSend(boolean success) {
        String localId = String.format(Locale.ROOT, "e2e-%02d-smtp", ++sendNumber);
        recipients.add(String.format(Locale.ROOT, "buyer%02d.e2e@customers-smtp.test", sendNumber));
        truth.send("smtp", localId, List.of(new Attempt("smtp", localId, success, success ? null : ErrorCategory.AUTHENTICATION.value())));
        return localId;
    }

    private MimeMessage message(Session session) throws Exception {
        MimeMessage m = new MimeMessage(session);
        m.setFrom(new InternetAddress("orders@shop.test"));
        m.addRecipient(Message.RecipientType.TO, new InternetAddress(recipients.get(recipients.size() - 1)));
        m.setSubject("Welcome aboard");
        m.setText("The body never reaches the logs.");
        return m;
    }

    /** Maps sample webhooks and logs their events; returns delivery status → events logged. */
    private Map<String, Long> logDeliveryEvents(PrivacyPolicy privacy) throws Exception {
        DeliveryEventLogger deliveries = DeliveryEventLogger.builder().privacy(privacy).serviceName("e2e-shop").loggerFactory(logging).build();
        Map<String, String> samples = new LinkedHashMap<>();
        samples.put("sendgrid", "events.json");
        samples.put("ses", "sns-bounce-permanent.json");
        samples.put("mailgun", "delivered.json");
        samples.put("postmark", "bounce-hard.json");
        Map<String, Long> statuses = new TreeMap<>();
        for (Map.Entry<String, String> sample : samples.entrySet()) {
            List<DeliveryEvent> events = DeliveryMappers.forName(sample.getKey()).map(webhook(sample.getKey(), sample.getValue()));
            assertThat(events).as("events in %s", sample).isNotEmpty();
            events.forEach(e -> statuses.merge(e.status().value(), 1L, Long::sum));
            deliveries.logAll(events);
        }
        // the samples' recipients
        recipients.addAll(List.of("jane.doe@example.com", "bob@example.org", "carol@example.net", "dave@example.net"));
        return statuses;
    }

    private static String webhook(String provider, String file) throws IOException {
        String path = "/webhooks/" + provider + "/" + file;
        try (InputStream in = TrackerEndToEndIT.class.getResourceAsStream(path)) {
            assertThat(in).as(path).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    // ---- what the node holds

    /** The documents of a search answer, checked for what the appender promises: {@code _id} = {@code event.id}, routing fields. */
    private static List<JsonNode> sources(Node node, String searchAnswer, Dataset dataset) throws IOException {
        List<JsonNode> out = new ArrayList<>();
        for (JsonNode hit : node.jsonOf(searchAnswer).path("hits").path("hits")) {
            JsonNode source = hit.path("_source");
            assertThat(hit.path("_id").asText()).as("_id of %s", source).isEqualTo(source.path(Fields.EVENT_ID.name()).asText());
            assertThat(source.path(Fields.DATA_STREAM_DATASET.name()).asText()).isEqualTo(dataset.datasetName());
            assertThat(source.path(Fields.EVENT_DATASET.name()).asText()).isEqualTo(dataset.datasetName());
            assertThat(source.path(Fields.DATA_STREAM_NAMESPACE.name()).asText()).isEqualTo(NAMESPACE);
            assertThat(source.path(Fields.LOG_LOGGER.name()).asText()).isEqualTo(dataset.loggerName());
            out.add(source);
        }
        return out;
    }

    /** Every leaf of every document is a catalog field of the dataset, or one the appender adds; returns the catalog fields seen. */
    private static Set<String> assertOnlyCatalogFields(List<JsonNode> docs, Dataset dataset) {
        Set<String> objectFields = Fields.all().stream().filter(f -> f.type() == FieldType.KEYWORD_OBJECT).map(Field::name)
                .collect(Collectors.toSet());
        Set<String> leaves = new TreeSet<>();
        docs.forEach(d -> Node.leafNames(d, "", objectFields, leaves));
        Set<String> notInCatalog = leaves.stream().filter(n -> Fields.byName(n).isEmpty()).collect(Collectors.toCollection(TreeSet::new));
        assertThat(notInCatalog).as("fields of %s outside the catalog", dataset).isSubsetOf(APPENDER_FIELDS);
        Set<String> catalog = new TreeSet<>(leaves);
        catalog.removeAll(notInCatalog);
        Set<String> ofOtherDataset = catalog.stream().filter(n -> !Fields.byName(n).orElseThrow().datasets().contains(dataset))
                .collect(Collectors.toCollection(TreeSet::new));
        assertThat(ofOtherDataset).as("catalog fields of %s that the catalog does not list for it", dataset).isEmpty();
        System.out.printf("TrackerEndToEndIT: %s documents carry %d catalog fields %s and appender fields %s%n",
                dataset.datasetName(), catalog.size(), catalog, notInCatalog);
        return catalog;
    }

    private static void assertMappedWithCatalogTypes(Node node, String dataStream, Set<String> fields) throws IOException {
        JsonNode mapping = node.json("GET", "/" + dataStream + "/_mapping", null);
        Map<String, String> wrong = new TreeMap<>();
        for (String name : fields) {
            String expected = Fields.byName(name).orElseThrow().type().mappingType();
            String actual = Node.mappedType(mapping, name);
            if (!expected.equals(actual)) {
                wrong.put(name, "catalog " + expected + ", mapped " + actual);
            }
        }
        assertThat(wrong).as("fields of %s mapped otherwise than the catalog says", dataStream).isEmpty();
    }

    private static final String OUTCOME_FILTERS = "{\"outcome\":{\"filters\":{\"filters\":{"
            + "\"success\":{\"term\":{\"" + Fields.EVENT_OUTCOME.name() + "\":\"success\"}},"
            + "\"failure\":{\"term\":{\"" + Fields.EVENT_OUTCOME.name() + "\":\"failure\"}}},"
            + "\"other_bucket_key\":\"other\"}}}";

    private void assertAttemptSuccessRate(Node node) throws IOException {
        JsonNode buckets = node.aggregations(CALLS, "{\"match_all\":{}}", OUTCOME_FILTERS).path("outcome").path("buckets");
        assertRate("attempts", buckets, truth.successfulAttempts(), truth.attempts());
    }

    private void assertSendSuccessRate(Node node) throws IOException {
        JsonNode buckets = node.aggregations(CALLS, "{\"term\":{\"" + Fields.ATTEMPT_FINAL.name() + "\":true}}", OUTCOME_FILTERS)
                .path("outcome").path("buckets");
        assertRate("logical sends", buckets, truth.successfulSends(), truth.sends());
    }

    private static void assertRate(String what, JsonNode buckets, long expectedSuccesses, long expectedTotal) {
        long success = buckets.path("success").path("doc_count").asLong();
        long failure = buckets.path("failure").path("doc_count").asLong();
        long other = buckets.path("other").path("doc_count").asLong();
        assertThat(other).as("%s with neither outcome", what).isZero();
        assertThat(success).as("successful %s", what).isEqualTo(expectedSuccesses);
        assertThat(success + failure).as("%s", what).isEqualTo(expectedTotal);
        double rate = (double) success / (success + failure);
        assertThat(rate).as("success rate of %s", what).isEqualTo((double) expectedSuccesses / expectedTotal);
        System.out.printf("TrackerEndToEndIT: success rate of %s %d/%d = %.3f (ground truth %d/%d)%n",
                what, success, success + failure, rate, expectedSuccesses, expectedTotal);
    }

    private void assertErrorCategories(Node node) throws IOException {
        String terms = "{\"category\":{\"terms\":{\"field\":\"" + Fields.ERROR_CATEGORY.name() + "\",\"size\":50}}}";
        assertThat(termCounts(node.aggregations(CALLS, "{\"match_all\":{}}", terms).path("category")))
                .as("failed attempts per error category").isEqualTo(truth.attemptsPerCategory());
        assertThat(termCounts(node.aggregations(CALLS, "{\"term\":{\"" + Fields.ATTEMPT_FINAL.name() + "\":true}}", terms).path("category")))
                .as("finally failed sends per error category").isEqualTo(truth.failedSendsPerCategory());
    }

    private void assertPerProvider(Node node) throws IOException {
        String aggs = "{\"provider\":{\"terms\":{\"field\":\"" + Fields.PROVIDER.name() + "\",\"size\":50},\"aggs\":{"
                + "\"success\":{\"filter\":{\"term\":{\"" + Fields.EVENT_OUTCOME.name() + "\":\"success\"}}},"
                + "\"final\":{\"filter\":{\"term\":{\"" + Fields.ATTEMPT_FINAL.name() + "\":true}},\"aggs\":{"
                + "\"success\":{\"filter\":{\"term\":{\"" + Fields.EVENT_OUTCOME.name() + "\":\"success\"}}}}}}}}";
        Map<String, List<Long>> actual = new TreeMap<>();
        for (JsonNode b : node.aggregations(CALLS, "{\"match_all\":{}}", aggs).path("provider").path("buckets")) {
            actual.put(b.path("key").asText(), List.of(b.path("doc_count").asLong(), b.path("success").path("doc_count").asLong(),
                    b.path("final").path("doc_count").asLong(), b.path("final").path("success").path("doc_count").asLong()));
        }
        assertThat(actual).as("per provider: attempts, successful attempts, sends, successful sends").isEqualTo(truth.perProvider());
    }

    private static void assertDurationPercentiles(Node node) throws IOException {
        JsonNode values = node.aggregations(CALLS, "{\"match_all\":{}}",
                "{\"duration\":{\"percentiles\":{\"field\":\"" + Fields.EVENT_DURATION.name() + "\",\"percents\":[50,95,99]}}}")
                .path("duration").path("values");
        for (String p : List.of("50.0", "95.0", "99.0")) {
            assertThat(values.path(p).isNumber()).as("p%s of event.duration: %s", p, values).isTrue();
            assertThat(values.path(p).asDouble()).as("p%s of event.duration (ns)", p).isPositive();
        }
        System.out.printf("TrackerEndToEndIT: event.duration percentiles (ns) %s%n", values);
    }

    private void assertAttemptsOfASendShareTheirIds(List<JsonNode> calls) {
        Map<String, List<JsonNode>> bySend = calls.stream().collect(Collectors.groupingBy(
                d -> d.path(Fields.EMAIL_LOCAL_ID.name()).asText(), TreeMap::new, Collectors.toList()));
        Map<String, Integer> attempts = new TreeMap<>();
        bySend.forEach((id, docs) -> attempts.put(id, docs.size()));
        assertThat(attempts).as("attempts per logical send").isEqualTo(truth.attemptsPerSend());

        Set<String> traceIds = new TreeSet<>();
        Set<String> sendIds = new TreeSet<>();
        bySend.forEach((localId, docs) -> {
            Set<String> trace = docs.stream().map(d -> d.path(Fields.TRACE_ID.name()).asText()).collect(Collectors.toSet());
            Set<String> send = docs.stream().map(d -> d.path(Fields.SEND_ID.name()).asText()).collect(Collectors.toSet());
            Set<String> spans = docs.stream().map(d -> d.path(Fields.SPAN_ID.name()).asText()).collect(Collectors.toSet());
            assertThat(trace).as("trace.id of %s", localId).hasSize(1).allMatch(t -> t.matches("[0-9a-f]{32}"));
            assertThat(send).as("mailtrail.send.id of %s", localId).hasSize(1).noneMatch(String::isEmpty);
            assertThat(spans).as("one span per attempt of %s", localId).hasSize(docs.size());
            traceIds.addAll(trace);
            sendIds.addAll(send);

            List<JsonNode> ordered = docs.stream().sorted((a, b) -> Long.compare(a.path(Fields.ATTEMPT_NUMBER.name()).asLong(),
                    b.path(Fields.ATTEMPT_NUMBER.name()).asLong())).toList();
            for (int i = 0; i < ordered.size(); i++) {
                JsonNode d = ordered.get(i);
                assertThat(d.path(Fields.ATTEMPT_NUMBER.name()).asLong()).as("attempt numbers of %s", localId).isEqualTo(i + 1);
                assertThat(d.path(Fields.ATTEMPT_FINAL.name()).asBoolean()).as("final flag of attempt %d of %s", i + 1, localId)
                        .isEqualTo(i == ordered.size() - 1);
            }
            String messageId = expectedMessageIds.get(localId);
            if (messageId != null) {
                assertThat(ordered.get(ordered.size() - 1).path(Fields.EMAIL_MESSAGE_ID.name()).asText())
                        .as("message id of %s", localId).isEqualTo(messageId);
            }
        });
        assertThat(traceIds).as("a trace per logical send").hasSize(bySend.size());
        assertThat(sendIds).as("a send id per logical send").hasSize(bySend.size());
    }

    /** Rate limits and 5xx were scripted as transient, bad credentials as final; successes carry no error. */
    private static void assertRetryableAsScripted(List<JsonNode> calls) {
        Set<String> transientCategories = Set.of(ErrorCategory.RATE_LIMITED.value(), ErrorCategory.PROVIDER_UNAVAILABLE.value());
        for (JsonNode d : calls) {
            String category = d.path(Fields.ERROR_CATEGORY.name()).asText(null);
            if ("success".equals(d.path(Fields.EVENT_OUTCOME.name()).asText())) {
                assertThat(category).as("error category of a success").isNull();
            } else {
                assertThat(d.path(Fields.ERROR_RETRYABLE.name()).asBoolean()).as("retryable of %s", category)
                        .isEqualTo(transientCategories.contains(category));
            }
        }
    }

    /** A 429 with Retry-After: 1 makes the next attempt wait 1 s: asked of the delays, and recorded in the event. */
    private void assertRetriesWaitedWhatTheProviderAsked(List<JsonNode> calls) {
        Map<Long, Long> waitsAfterRateLimit = new HashMap<>();
        Map<String, JsonNode> byAttempt = new HashMap<>();
        calls.forEach(d -> byAttempt.put(d.path(Fields.SEND_ID.name()).asText() + "#" + d.path(Fields.ATTEMPT_NUMBER.name()).asLong(), d));
        long expectedRetries = truth.attempts() - truth.sends();
        long retries = 0;
        for (JsonNode d : calls) {
            long n = d.path(Fields.ATTEMPT_NUMBER.name()).asLong();
            long delay = d.path(Fields.RETRY_DELAY.name()).asLong(-1);
            if (n == 1) {
                assertThat(delay).as("delay before a first attempt").isZero();
                continue;
            }
            retries++;
            JsonNode previous = byAttempt.get(d.path(Fields.SEND_ID.name()).asText() + "#" + (n - 1));
            if (ErrorCategory.RATE_LIMITED.value().equals(previous.path(Fields.ERROR_CATEGORY.name()).asText())) {
                waitsAfterRateLimit.merge(delay, 1L, Long::sum);
                assertThat(previous.path(Fields.RETRY_AFTER.name()).asLong()).as("Retry-After recorded").isEqualTo(1000);
            } else {
                assertThat(delay).as("jittered backoff below maxDelay").isBetween(0L, 10L);
            }
        }
        assertThat(retries).isEqualTo(expectedRetries);
        assertThat(delays.asked).as("waits asked of the delays").hasSize((int) expectedRetries);
        assertThat(waitsAfterRateLimit.keySet()).as("waits after a 429 with Retry-After: 1").containsOnly(1000L);
    }

    private static void assertDeliveryStatuses(Node node, Map<String, Long> expected) throws IOException {
        String terms = "{\"status\":{\"terms\":{\"field\":\"" + Fields.DELIVERY_STATUS.name() + "\",\"size\":50}}}";
        assertThat(termCounts(node.aggregations(DELIVERY, "{\"match_all\":{}}", terms).path("status")))
                .as("delivery events per status").isEqualTo(expected);
    }

    private static Map<String, Long> termCounts(JsonNode termsAgg) {
        Map<String, Long> out = new TreeMap<>();
        termsAgg.path("buckets").forEach(b -> out.put(b.path("key").asText(), b.path("doc_count").asLong()));
        assertThat(termsAgg.path("sum_other_doc_count").asLong()).isZero();
        return out;
    }

    private void assertNoSecretOrAddress(String rawDocuments) {
        List<String> forbidden = new ArrayList<>(recipients);
        forbidden.addAll(List.of(HMAC_KEY, SMTP_PASSWORD, SMTP_WRONG_PASSWORD, QUERY_SECRET, "The body never reaches the logs"));
        AUTH_HEADERS.values().forEach(h -> h.values().forEach(v -> {
            forbidden.add(v);
            // the secret part alone, wherever it might be quoted
            forbidden.add(v.substring(v.lastIndexOf(' ') + 1));
        }));
        forbidden.addAll(List.of("e2eSendgridKeySecret", "AKIAE2EACCESSKEY0001", "key-e2emailgunsecret0123456789", "re_e2eResendSecretKey"));
        String lower = rawDocuments.toLowerCase(Locale.ROOT);
        List<String> found = forbidden.stream().filter(s -> lower.contains(s.toLowerCase(Locale.ROOT))).toList();
        assertThat(found).as("secrets or addresses in _source").isEmpty();
        // the redacted forms are there instead: the check above looked at the right documents
        assertThat(rawDocuments).contains("customers-sendgrid.test", "customers-smtp.test");
    }
}
