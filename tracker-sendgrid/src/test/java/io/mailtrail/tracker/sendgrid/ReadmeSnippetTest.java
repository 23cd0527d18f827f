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

import static io.mailtrail.testsupport.readme.ReadmeSnippets.snippet;
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
}
