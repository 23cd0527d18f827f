package io.mailtrail.cli.readme;

import io.mailtrail.tracker.Email;
import io.mailtrail.tracker.MailTracker;
import io.mailtrail.tracker.http.HttpProviders;
import io.mailtrail.tracker.httpcall.HttpCalls;
import io.mailtrail.tracker.smtp.SmtpReceipt;
import io.mailtrail.tracker.smtp.TrackedTransport;
import io.mailtrail.testing.ElasticsearchExtension;
import io.mailtrail.testing.ElasticsearchNode;
import io.mailtrail.testing.Secured;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;

import org.elasticsearch.client.RestClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import static java.net.http.HttpResponse.BodyHandlers.ofString;

/**
 * The Java snippets of the root README, as written there (RootReadmeTest checks they are contained here), so that
 * they compile against the real API; RootReadmeTest also runs them against a fake SendGrid and GreenMail.
 */
final class RootReadmeSnippets {

    private RootReadmeSnippets() {
    }

    static HttpResponse<String> sendgrid(HttpClient http, HttpRequest request, String customer) throws Exception {
        MailTracker tracker = MailTracker.builder().serviceName("billing").build();   // once, shared
        Email email = Email.builder("sendgrid").template("receipt").to(customer).build();
        HttpResponse<String> r = tracker.track(email, () -> http.send(request, ofString()),
                HttpCalls.jdk(HttpProviders.sendgrid()));
        return r;
    }

    static SmtpReceipt smtp(MailTracker tracker, Session session, MimeMessage message, String user, String password) throws MessagingException {
        TrackedTransport smtp = TrackedTransport.builder(tracker, session).credentials(user, password).build();
        SmtpReceipt receipt = smtp.send(TrackedTransport.describe("smtp", message).template("welcome").build(), message);
        return receipt;
    }

    // The README's integration test example (section "Tests and the Elasticsearch node"), compiled only: a nested
    // class, which neither surefire nor failsafe runs.
    @ExtendWith(ElasticsearchExtension.class)
    class MyIT {
        @Test void plain(ElasticsearchNode es) throws IOException { try (RestClient c = es.restClient()) { /* ... */ } }
        @Test void secured(@Secured ElasticsearchNode es) { /* TLS + users + bearer token */ }
    }
}
