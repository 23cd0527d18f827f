package io.mailtrail.testsupport;

import jakarta.mail.Message;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;

import static io.mailtrail.testsupport.readme.ReadmeSnippets.snippet;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The README's snippets, compiled and run; the README must contain them verbatim. */
class ReadmeSnippetTest {

    private static final Path SOURCE = Path.of("src/test/java/io/mailtrail/testsupport/ReadmeSnippetTest.java");

    @Test
    void theProviderSnippetWorks() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        // README:provider
        try (FakeProviderServer sendgrid = FakeProviderServer.start(Provider.SENDGRID)) {
            sendgrid.script(sendgrid.rateLimited(Duration.ofSeconds(1)), sendgrid.accepted("msg-1"));

            HttpRequest send = HttpRequest.newBuilder(sendgrid.sendUri())        // your code: base URL from config
                    .header("Authorization", "Bearer test").POST(HttpRequest.BodyPublishers.ofString("{}")).build();
            HttpResponse<String> first = http.send(send, HttpResponse.BodyHandlers.ofString());
            HttpResponse<String> second = http.send(send, HttpResponse.BodyHandlers.ofString());

            assertThat(first.statusCode()).isEqualTo(429);
            assertThat(second.headers().firstValue("X-Message-Id")).contains("msg-1");
            assertThat(sendgrid.requests()).hasSize(2);
        }
        // README:end
    }

    @Test
    void theSmtpSnippetWorks() throws Exception {
        // README:smtp
        try (ScriptedSmtpServer smtp = ScriptedSmtpServer.start()
                .replyOnce(SmtpStage.RCPT, "550 5.1.1 <bob@example.org>: Recipient address rejected")) {
            Properties props = new Properties();
            props.put("mail.smtp.host", smtp.host());
            props.put("mail.smtp.port", String.valueOf(smtp.port()));
            MimeMessage message = new MimeMessage(Session.getInstance(props));
            message.setFrom("billing@example.com");
            message.setRecipient(Message.RecipientType.TO, new InternetAddress("bob@example.org"));
            message.setText("Thanks");

            assertThatThrownBy(() -> Transport.send(message)).isInstanceOf(SendFailedException.class);
            Transport.send(message);                                    // the next RCPT is accepted
            assertThat(smtp.messages()).hasSize(1);
        }
        // README:end
    }

    @Test
    void theReadmeHoldsTheSnippets() throws Exception {
        String readme = Files.readString(Path.of("README.md"));
        assertThat(readme).contains(snippet(SOURCE, "provider")).contains(snippet(SOURCE, "smtp"));
    }
}
