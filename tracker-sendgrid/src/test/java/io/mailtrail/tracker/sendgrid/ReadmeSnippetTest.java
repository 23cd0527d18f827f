package io.mailtrail.tracker.sendgrid;

import com.sendgrid.Client;
import com.sendgrid.Method;
import com.sendgrid.Request;
import com.sendgrid.Response;
import com.sendgrid.SendGrid;
import com.sendgrid.SendGridAPI;
import com.sendgrid.helpers.mail.Mail;
import com.sendgrid.helpers.mail.objects.Content;
import com.sendgrid.helpers.mail.objects.Email;
import io.mailtrail.testsupport.CapturedCalls;
import io.mailtrail.testsupport.FakeProviderServer;
import io.mailtrail.testsupport.Provider;
import io.mailtrail.tracker.MailTracker;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The README's snippet, compiled and run against the fake SendGrid server; the README must contain it verbatim. */
class ReadmeSnippetTest {

    @Test
    void theRecipeWorksAndIsInTheReadme() throws Exception {
        CapturedCalls captured = new CapturedCalls();
        try (FakeProviderServer fake = FakeProviderServer.start(Provider.SENDGRID)) {
            String apiKey = "SG.example";
            MailTracker tracker = MailTracker.builder().serviceName("billing").loggerFactory(captured.loggerFactory()).build();
            SendGrid sdk = new SendGrid(apiKey, new Client(true));   // plain http to the fake server
            sdk.setHost("127.0.0.1:" + fake.port());
            // README:sendgrid
            SendGridAPI sendGrid = TrackedSendGrid.wrap(sdk, tracker);   // sdk = new SendGrid(apiKey)

            Mail mail = new Mail(new Email("billing@example.com"), "Receipt", new Email("alice@example.org"),
                    new Content("text/plain", "Thanks"));
            Request request = new Request();
            request.setMethod(Method.POST);
            request.setEndpoint("mail/send");
            request.setBody(mail.build());
            Response response = sendGrid.api(request);
            // README:end
            assertThat(response.getStatusCode()).isEqualTo(202);
            assertThat(captured.events()).singleElement().satisfies(e -> assertThat(e)
                    .containsEntry("email.message_id", fake.requests().get(0).answer().messageId()));
        }
        String readme = Files.readString(Path.of("README.md"));
        assertThat(readme).contains(snippet(Path.of("src/test/java/io/mailtrail/tracker/sendgrid/ReadmeSnippetTest.java"), "sendgrid"));
    }

    /** The lines between {@code // README:<name>} and {@code // README:end} in {@code source}, indentation removed. */
    static String snippet(java.nio.file.Path source, String name) throws java.io.IOException {
        java.util.List<String> lines = java.nio.file.Files.readAllLines(source);
        int start = -1;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).trim().equals("// README:" + name)) {
                start = i + 1;
                break;
            }
        }
        if (start < 0) {
            throw new AssertionError("no snippet " + name + " in " + source);
        }
        java.util.List<String> body = new java.util.ArrayList<>();
        for (int i = start; !lines.get(i).trim().equals("// README:end"); i++) {
            body.add(lines.get(i));
        }
        int indent = body.stream().filter(l -> !l.isBlank()).mapToInt(l -> l.length() - l.stripLeading().length()).min().orElse(0);
        return String.join("\n", body.stream().map(l -> l.isBlank() ? "" : l.substring(indent)).toList());
    }
}
