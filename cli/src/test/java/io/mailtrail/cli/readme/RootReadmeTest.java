package io.mailtrail.cli.readme;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.mailtrail.cli.Cli;
import io.mailtrail.tracker.MailTracker;
import io.mailtrail.tracker.smtp.SmtpReceipt;
import io.mailtrail.testsupport.FakeProviderServer;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** The root README is what a newcomer follows: its commands exist, its snippets compile and run, its roles parse. */
class RootReadmeTest {

    private static final Path ROOT = Path.of("..");
    private static final Pattern BLOCK = Pattern.compile("```(\\w+)\\n(.*?)```", Pattern.DOTALL);
    private static final ObjectMapper JSON = new ObjectMapper();

    private static List<String> blocks(String language) throws IOException {
        String readme = Files.readString(ROOT.resolve("README.md"), StandardCharsets.UTF_8);
        List<String> out = new ArrayList<>();
        Matcher m = BLOCK.matcher(readme);
        while (m.find()) {
            if (m.group(1).equals(language)) {
                out.add(m.group(2).stripIndent());
            }
        }
        return out;
    }

    private static String normalized(String code) {
        return code.lines().map(String::strip).filter(l -> !l.isEmpty()).reduce("", (a, b) -> a + b + "\n");
    }

    @Test
    void theFirstScreenRunsTheDemoAndTheTestCommandThatCiRuns() throws IOException {
        List<String> sh = blocks("sh");
        assertThat(sh.get(0).strip()).isEqualTo("./mailtrail demo");
        assertThat(ROOT.resolve("mailtrail")).isExecutable();
        assertThat(sh.get(1).strip()).isEqualTo("mvn -B verify");
        assertThat(Files.readString(ROOT.resolve(".ci/run"))).contains("\nmvn -B verify\n");
    }

    @Test
    void everyJavaSnippetIsCompiledCodeInRootReadmeSnippets() throws IOException {
        String compiled = normalized(Files.readString(Path.of("src/test/java/io/mailtrail/cli/readme/RootReadmeSnippets.java")));
        List<String> java = blocks("java");
        assertThat(java).hasSizeGreaterThanOrEqualTo(2);
        for (String snippet : java) {
            assertThat(compiled).as("README snippet compiled in RootReadmeSnippets").contains(normalized(snippet));
        }
    }

    @Test
    void theSendgridSnippetSendsThroughTheTrackerAndReturnsTheProvidersAnswer() throws Exception {
        try (FakeProviderServer sendgrid = FakeProviderServer.start("sendgrid")) {
            HttpRequest request = HttpRequest.newBuilder(sendgrid.sendUri()).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{}")).build();
            HttpResponse<String> r = RootReadmeSnippets.sendgrid(HttpClient.newHttpClient(), request, "ann@example.org");
            assertThat(r.statusCode()).isEqualTo(202);
            assertThat(sendgrid.requests()).hasSize(1);
        }
    }

    @Test
    void theSmtpSnippetDeliversToARealSmtpServer() throws Exception {
        GreenMail smtpServer = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
        smtpServer.start();
        try {
            smtpServer.setUser("shop@example.test", "shop", "secret");
            Properties props = new Properties();
            props.put("mail.smtp.host", "127.0.0.1");
            props.put("mail.smtp.port", String.valueOf(smtpServer.getSmtp().getPort()));
            props.put("mail.smtp.auth", "true");
            Session session = Session.getInstance(props);
            MimeMessage message = new MimeMessage(session);
            message.setFrom(new InternetAddress("shop@example.test"));
            message.setRecipient(Message.RecipientType.TO, new InternetAddress("bob@example.org"));
            message.setSubject("Welcome");
            message.setText("Hello");
            SmtpReceipt receipt = RootReadmeSnippets.smtp(MailTracker.builder().serviceName("shop").build(), session, message, "shop", "secret");
            assertThat(receipt).isNotNull();
            assertThat(smtpServer.getReceivedMessages()).hasSize(1);
        } finally {
            smtpServer.stop();
        }
    }

    @Test
    void theBomSnippetIsWellFormedAndNamesTheBomModule() throws Exception {
        String xml = blocks("xml").get(0);
        DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(("<project>" + xml + "</project>").getBytes(StandardCharsets.UTF_8)));
        assertThat(xml).contains("<artifactId>mailtrail-bom</artifactId>");
        assertThat(Files.readString(ROOT.resolve("bom/pom.xml"))).contains("<artifactId>mailtrail-bom</artifactId>");
    }

    @Test
    void theRolesParseAndTheWriterMayOnlyCreateDocumentsInMailtrailsDataStreams() throws IOException {
        List<JsonNode> roles = new ArrayList<>();
        for (String block : blocks("json")) {
            roles.add(JSON.readTree(block));
        }
        assertThat(roles).hasSize(3);
        JsonNode writer = roles.get(0);
        assertThat(writer.path("indices")).hasSize(1);
        assertThat(writer.path("indices").get(0).path("names").toString()).isEqualTo("[\"logs-mailtrail.*\"]");
        assertThat(writer.path("indices").get(0).path("privileges").toString()).isEqualTo("[\"create_doc\",\"auto_configure\"]");
        assertThat(roles.get(1).path("cluster").toString()).contains("manage_index_templates");
        assertThat(roles.get(2).path("indices").toString()).contains("logs-mailtrail.alerts-*").doesNotContain("\"all\"");
    }

    @Test
    void everyCommandOfTheCliIsInTheCommandsTable() throws IOException {
        String readme = Files.readString(ROOT.resolve("README.md"), StandardCharsets.UTF_8);
        String table = readme.substring(readme.indexOf("## Commands"), readme.indexOf("## Security"));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Cli.standard().run(new String[] {"help"}, new io.mailtrail.cli.Console(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8), Map.of()));
        Matcher m = Pattern.compile("(?m)^\\s{2}(\\w+)\\s").matcher(out.toString(StandardCharsets.UTF_8));
        List<String> names = new ArrayList<>();
        while (m.find()) {
            names.add(m.group(1));
        }
        assertThat(names).as("commands listed by help").contains("setup", "demo", "alerts", "report");
        for (String name : names) {
            assertThat(table).as("command %s in the README's commands table", name).containsPattern("`(mailtrail )?" + name + "[` ,]");
        }
    }
}
