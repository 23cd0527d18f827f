package io.mailtrail.tracker.aws;

import io.mailtrail.testsupport.CapturedCalls;
import io.mailtrail.testsupport.FakeProviderServer;
import io.mailtrail.testsupport.Provider;
import io.mailtrail.tracker.MailTracker;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ses.SesClient;
import software.amazon.awssdk.services.sesv2.SesV2Client;

import java.nio.file.Files;
import java.nio.file.Path;

import static io.mailtrail.testsupport.readme.ReadmeSnippets.snippet;
import static org.assertj.core.api.Assertions.assertThat;

/** The README's snippet, compiled and run against the fake SES endpoint; the README must contain it verbatim. */
class ReadmeSnippetTest {

    @Test
    void theRecipeWorksAndIsInTheReadme() throws Exception {
        CapturedCalls captured = new CapturedCalls();
        try (FakeProviderServer fake = FakeProviderServer.start(Provider.SES)) {
            java.net.URI endpoint = fake.baseUri();
            StaticCredentialsProvider credentials = StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDEXAMPLE", "secret"));
            MailTracker tracker = MailTracker.builder().serviceName("billing").loggerFactory(captured.loggerFactory()).build();
            // README:sesv2
            SesV2Client ses = SesV2Client.builder()
                    .region(Region.EU_WEST_1)
                    .endpointOverride(endpoint)            // leave out in production
                    .credentialsProvider(credentials)
                    .overrideConfiguration(o -> o.addExecutionInterceptor(MailtrailSesInterceptor.create(tracker)))
                    .build();
            String messageId = ses.sendEmail(r -> r
                    .fromEmailAddress("billing@example.com")
                    .destination(d -> d.toAddresses("alice@example.org"))
                    .content(c -> c.simple(m -> m.subject(s -> s.data("Receipt")).body(b -> b.text(t -> t.data("Thanks"))))))
                    .messageId();
            // README:end
            ses.close();
            assertThat(messageId).isEqualTo(fake.requests().get(0).answer().messageId());
            assertThat(captured.events()).singleElement().satisfies(e -> assertThat(e).containsEntry("email.message_id", messageId));
        }
        String readme = Files.readString(Path.of("README.md"));
        assertThat(readme).contains(snippet(Path.of("src/test/java/io/mailtrail/tracker/aws/ReadmeSnippetTest.java"), "sesv2"));
    }

    @Test
    void theClassicSesRecipeWorksAndIsInTheReadme() throws Exception {
        CapturedCalls captured = new CapturedCalls();
        try (FakeProviderServer fake = FakeProviderServer.start(Provider.SES_CLASSIC)) {
            java.net.URI endpoint = fake.baseUri();
            StaticCredentialsProvider credentials = StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDEXAMPLE", "secret"));
            MailTracker tracker = MailTracker.builder().serviceName("billing").loggerFactory(captured.loggerFactory()).build();
            // README:ses
            SesClient ses = SesClient.builder()
                    .region(Region.EU_WEST_1)
                    .endpointOverride(endpoint)            // leave out in production
                    .credentialsProvider(credentials)
                    .overrideConfiguration(o -> o.addExecutionInterceptor(MailtrailSesInterceptor.create(tracker)))
                    .build();
            String messageId = ses.sendEmail(r -> r
                    .source("billing@example.com")
                    .destination(d -> d.toAddresses("alice@example.org"))
                    .message(m -> m.subject(s -> s.data("Receipt")).body(b -> b.text(t -> t.data("Thanks")))))
                    .messageId();
            // README:end
            ses.close();
            assertThat(fake.requests()).singleElement().satisfies(r -> assertThat(r.formParameters()).containsEntry("Action", "SendEmail"));
            assertThat(messageId).isNotBlank().isEqualTo(fake.requests().get(0).answer().messageId());
            assertThat(captured.events()).singleElement().satisfies(e -> assertThat(e)
                    .containsEntry("event.outcome", "success")
                    .containsEntry("email.message_id", messageId)
                    .containsEntry("mailtrail.provider", "ses")
                    .containsEntry("mailtrail.recipient.count", 1L));
        }
        String readme = Files.readString(Path.of("README.md"));
        assertThat(readme).contains(snippet(Path.of("src/test/java/io/mailtrail/tracker/aws/ReadmeSnippetTest.java"), "ses"));
    }
}
