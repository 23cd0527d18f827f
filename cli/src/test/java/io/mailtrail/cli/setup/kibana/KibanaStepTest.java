package io.mailtrail.cli.setup.kibana;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.mailtrail.cli.Arguments;
import io.mailtrail.cli.CliException;
import io.mailtrail.cli.Console;
import io.mailtrail.cli.ExitCode;
import io.mailtrail.cli.setup.Change;
import io.mailtrail.cli.setup.SetupCommand;
import io.mailtrail.cli.setup.SetupContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The Kibana step against a loopback server that checks requests and answers as Kibana's import API does. */
class KibanaStepTest {

    private static final int OBJECTS = SavedObjectsFile.packaged().objects().size();

    private FakeKibana kibana;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final Map<String, String> env = new HashMap<>();

    @BeforeEach
    void start() throws IOException {
        kibana = new FakeKibana("");
    }

    @AfterEach
    void stop() {
        kibana.close();
    }

    private List<Change> run(String... args) {
        out.reset();
        Console console = new Console(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(out, true, StandardCharsets.UTF_8), env);
        List<String> all = new ArrayList<>(List.of(args));
        boolean dryRun = all.remove("--dry-run");
        Arguments arguments = Arguments.parse("setup", all, new SetupCommand().options());
        KibanaStep step = new KibanaStep();
        assertThat(step.enabled(arguments)).isTrue();
        return step.apply(new SetupContext(null, "default", dryRun, console, arguments));
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void importsEveryObjectAndASecondRunOverwritesInsteadOfDuplicating() {
        List<Change> first = run("--kibana-url", kibana.url().toString());
        assertThat(first).hasSize(OBJECTS).allMatch(c -> c.status() == Change.Status.CREATED);
        assertThat(out()).contains("dashboard            Email calls — overview           created")
                .contains("index-pattern        mailtrail calls                  created")
                .contains("search               mailtrail — live calls           created");
        assertThat(kibana.objects("default")).hasSize(OBJECTS).containsKeys("dashboard/mailtrail-overview",
                "dashboard/mailtrail-failures", "dashboard/mailtrail-delivery-reputation", "index-pattern/mailtrail-calls");

        List<Change> second = run("--kibana-url", kibana.url().toString());
        assertThat(second).hasSize(OBJECTS).allMatch(c -> c.status() == Change.Status.UPDATED);
        assertThat(out()).contains("Email calls — overview           overwritten").doesNotContain("created");
        assertThat(kibana.objects("default")).as("same ids: replaced, not copied").hasSize(OBJECTS);
        assertThat(kibana.requests).containsOnly("POST /api/saved_objects/_import?overwrite=true");
    }

    @Test
    void aBasePathAndASpaceArePartOfTheRequestPath() throws IOException {
        kibana.close();
        kibana = new FakeKibana("/kibana").space("ops");
        run("--kibana-url", kibana.url() + "/", "--kibana-space", "ops");
        assertThat(kibana.requests).containsExactly("POST /kibana/s/ops/api/saved_objects/_import?overwrite=true");
        assertThat(kibana.objects("ops")).hasSize(OBJECTS);
        assertThat(kibana.objects("default")).isEmpty();
        assertThat(out()).contains("into space 'ops' of Kibana at " + kibana.url());
    }

    @Test
    void anUnknownSpaceIsNamed() {
        assertThatThrownBy(() -> run("--kibana-url", kibana.url().toString(), "--kibana-space", "marketing"))
                .isInstanceOfSatisfying(CliException.class, e -> assertThat(e.exitCode()).isEqualTo(ExitCode.FAILED))
                .hasMessageContaining("has no space 'marketing' (HTTP 404)").hasMessageContaining("--kibana-space")
                .hasMessageContaining("Saved object [space/marketing] not found");
    }

    @Test
    void aKibanaOlderThanTheDashboardsRefusesTheFileAndIsToldWhichReleaseIsNeeded() {
        kibana.newestMigration("dashboard", "8.7.0");
        assertThatThrownBy(() -> run("--kibana-url", kibana.url().toString()))
                .isInstanceOfSatisfying(CliException.class, e -> assertThat(e.exitCode()).isEqualTo(ExitCode.FAILED))
                .hasMessageContaining("refused the import (HTTP 400)")
                .hasMessageContaining("belongs to a more recent version of Kibana")
                .hasMessageContaining("older than the dashboards need (8.14 or later)")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
        assertThat(kibana.objects("default")).as("nothing imported").isEmpty();
    }

    @Test
    void aMissingBasePathIsExplained() throws IOException {
        kibana.close();
        kibana = new FakeKibana("/kibana");
        String withoutBase = kibana.url().toString().replace("/kibana", "");
        assertThatThrownBy(() -> run("--kibana-url", withoutBase))
                .hasMessageContaining("has no saved objects API at /api/saved_objects/_import (HTTP 404)")
                .hasMessageContaining("base path");
    }

    @Test
    void aSpaceIdMustBeAnId() {
        assertThatThrownBy(() -> run("--kibana-url", kibana.url().toString(), "--kibana-space", "My Space"))
                .isInstanceOfSatisfying(CliException.class, e -> assertThat(e.exitCode()).isEqualTo(ExitCode.USAGE))
                .hasMessageStartingWith("--kibana-space My Space:");
    }

    @Test
    void basicAuthenticationFromTheEnvironmentAndRefusedCredentialsNameTheUser() {
        String good = "Basic " + Base64.getEncoder().encodeToString("kib:s3cret-pw".getBytes(StandardCharsets.UTF_8));
        kibana.requireAuthorization(good, "kib");
        env.put(KibanaOptions.PASSWORD_ENV, "s3cret-pw");
        assertThat(run("--kibana-url", kibana.url().toString(), "--kibana-user", "kib")).hasSize(OBJECTS);
        assertThat(out()).contains("as user 'kib'").doesNotContain("s3cret-pw");

        env.put(KibanaOptions.PASSWORD_ENV, "wrong-pw");
        assertThatThrownBy(() -> run("--kibana-url", kibana.url().toString(), "--kibana-user", "kib"))
                .isInstanceOfSatisfying(CliException.class, e -> assertThat(e.exitCode()).isEqualTo(ExitCode.NOT_AUTHORIZED))
                .hasMessageContaining("refused the credentials of user 'kib' (HTTP 401)")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("wrong-pw"));
    }

    @Test
    void theElasticsearchUserServesWhenNoKibanaUserIsGiven() {
        kibana.requireAuthorization("Basic " + Base64.getEncoder().encodeToString("admin:es-pw".getBytes(StandardCharsets.UTF_8)), "admin");
        env.put("MAILTRAIL_ES_PASSWORD", "es-pw");
        assertThat(run("--kibana-url", kibana.url().toString(), "--es-user", "admin")).hasSize(OBJECTS);
    }

    @Test
    void withoutCredentialsKibanaAsksForThem() {
        kibana.requireAuthorization("Bearer t0ken", "svc");
        assertThatThrownBy(() -> run("--kibana-url", kibana.url().toString()))
                .hasMessageContaining("requires authentication (HTTP 401)").hasMessageContaining("--kibana-user")
                .hasMessageContaining(KibanaOptions.API_KEY_ENV);
    }

    @Test
    void apiKeyAndBearerTokenAreSentAsKibanaExpects() {
        kibana.requireAuthorization("ApiKey a2V5aWQ6a2V5", "api key").requireAuthorization("Bearer t0ken", "svc");
        env.put(KibanaOptions.API_KEY_ENV, "a2V5aWQ6a2V5");
        assertThat(run("--kibana-url", kibana.url().toString())).hasSize(OBJECTS);
        assertThat(out()).contains("as the API key").doesNotContain("a2V5aWQ6a2V5");
        env.clear();
        env.put(KibanaOptions.TOKEN_ENV, "t0ken");
        assertThat(run("--kibana-url", kibana.url().toString())).hasSize(OBJECTS);
        assertThat(out()).contains("as the bearer token").doesNotContain("t0ken");
        env.put(KibanaOptions.API_KEY_ENV, "a2V5aWQ6a2V5");
        assertThatThrownBy(() -> run("--kibana-url", kibana.url().toString())).hasMessageStartingWith("Kibana authentication: give only one of");
    }

    @Test
    void aUserWithoutTheSavedObjectsPrivilegeIsToldWhichOne() {
        String header = "Basic " + Base64.getEncoder().encodeToString("viewer:pw".getBytes(StandardCharsets.UTF_8));
        kibana.requireAuthorization(header, "viewer").readOnly(header);
        env.put(KibanaOptions.PASSWORD_ENV, "pw");
        assertThatThrownBy(() -> run("--kibana-url", kibana.url().toString(), "--kibana-user", "viewer"))
                .isInstanceOfSatisfying(CliException.class, e -> assertThat(e.exitCode()).isEqualTo(ExitCode.NOT_AUTHORIZED))
                .hasMessageContaining("user 'viewer' may not import saved objects into the default space")
                .hasMessageContaining("'Saved Objects Management: All'").hasMessageContaining("(HTTP 403)");
    }

    @Test
    void objectsKibanaRefusesAreEachNamedWithTheReason() {
        kibana.withoutType("index-pattern");
        assertThatThrownBy(() -> run("--kibana-url", kibana.url().toString()))
                .isInstanceOfSatisfying(CliException.class, e -> assertThat(e.exitCode()).isEqualTo(ExitCode.FAILED))
                .hasMessageContaining("Kibana did not import " + OBJECTS + " of " + OBJECTS + " saved objects");
        assertThat(out())
                .contains("index-pattern        mailtrail calls                  NOT imported: this Kibana does not know the saved object type 'index-pattern' (unsupported_type)")
                .contains("search               mailtrail — live calls           NOT imported: it refers to index-pattern 'mailtrail-calls',"
                        + " which is neither in the file nor in the default space (missing_references)")
                .contains("dashboard            Delivery & reputation            NOT imported: it refers to index-pattern 'mailtrail-delivery'");
    }

    @Test
    void conflictsAndUnknownFailuresAreNamed() throws IOException {
        ObjectMapper json = new ObjectMapper();
        kibana.failObject("dashboard", "mailtrail-overview", (com.fasterxml.jackson.databind.node.ObjectNode) json.readTree(
                        "{\"type\":\"ambiguous_conflict\",\"destinations\":[{\"id\":\"copy-1\"},{\"id\":\"copy-2\"}]}"))
                .failObject("dashboard", "mailtrail-failures", (com.fasterxml.jackson.databind.node.ObjectNode) json.readTree(
                        "{\"type\":\"unknown\",\"message\":\"Document \\\"mailtrail-failures\\\" belongs to a more recent version of Kibana [10.9.0]\",\"statusCode\":400}"))
                .failObject("search", "mailtrail-live-calls", (com.fasterxml.jackson.databind.node.ObjectNode) json.readTree(
                        "{\"type\":\"conflict\",\"destinationId\":\"other\"}"));
        assertThatThrownBy(() -> run("--kibana-url", kibana.url().toString())).hasMessageContaining("did not import 3 of " + OBJECTS);
        assertThat(out())
                .contains("Email calls — overview           NOT imported: several existing objects match it (copy-1, copy-2")
                .contains("Failures & diagnosis             NOT imported: Kibana failed on it: Document \"mailtrail-failures\" belongs to a more recent version")
                .contains("mailtrail — live calls           NOT imported: an object with this id exists in the default space and was not overwritten (conflict)")
                .contains("Delivery & reputation            created");
    }

    @Test
    void anUnreachableKibanaIsNamed() throws IOException {
        int closed;
        try (ServerSocket s = new ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        assertThatThrownBy(() -> run("--kibana-url", "http://127.0.0.1:" + closed))
                .isInstanceOfSatisfying(CliException.class, e -> assertThat(e.exitCode()).isEqualTo(ExitCode.UNREACHABLE))
                .hasMessageContaining("cannot connect to Kibana at http://127.0.0.1:" + closed).hasMessageContaining("--kibana-url");
    }

    @Test
    void anHttpsKibanaIsTrustedThroughKibanaCaAndOtherwiseTheTlsFailureIsExplained(@TempDir Path dir) throws Exception {
        Path keystore = dir.resolve("kibana.p12");
        Path pem = dir.resolve("ca.pem");
        keytool("-genkeypair", "-keystore", keystore.toString(), "-storetype", "PKCS12", "-storepass", "changeit", "-alias", "kibana",
                "-keyalg", "RSA", "-keysize", "2048", "-validity", "2", "-dname", "CN=localhost", "-ext", "SAN=ip:127.0.0.1");
        keytool("-exportcert", "-rfc", "-keystore", keystore.toString(), "-storepass", "changeit", "-alias", "kibana", "-file", pem.toString());
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keystore)) {
            ks.load(in, "changeit".toCharArray());
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, "changeit".toCharArray());
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(kmf.getKeyManagers(), null, null);
        try (FakeKibana https = new FakeKibana("", tls)) {
            assertThatThrownBy(() -> run("--kibana-url", https.url().toString()))
                    .isInstanceOfSatisfying(CliException.class, e -> assertThat(e.exitCode()).isEqualTo(ExitCode.UNREACHABLE))
                    .hasMessageContaining("TLS with Kibana at " + https.url() + " failed").hasMessageContaining("--kibana-ca");
            assertThat(run("--kibana-url", https.url().toString(), "--kibana-ca", pem.toString())).hasSize(OBJECTS);
            assertThat(https.objects("default")).hasSize(OBJECTS);
        }
    }

    private static void keytool(String... args) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as(output).isZero();
    }

    @Test
    void aDryRunSendsNothing() {
        List<Change> changes = run("--kibana-url", kibana.url().toString(), "--dry-run");
        assertThat(changes).hasSize(OBJECTS);
        assertThat(out()).contains("Email calls — overview           would be imported");
        assertThat(kibana.requests).isEmpty();
    }

    @Test
    void withoutKibanaUrlTheStepDoesNotRunAndHelpListsItsOptions() {
        Arguments none = Arguments.parse("setup", List.of("--es-url", "http://localhost:9200"), new SetupCommand().options());
        assertThat(new KibanaStep().enabled(none)).isFalse();
        assertThat(new SetupCommand().options()).extracting(o -> o.name())
                .contains("kibana-url", "kibana-space", "kibana-user", "kibana-password", "kibana-api-key", "kibana-token", "kibana-ca");
    }

    @Test
    void badUrlsAreUsageErrors() {
        assertThatThrownBy(() -> run("--kibana-url", "ftp://kibana")).hasMessageStartingWith("--kibana-url ftp://kibana: use an http:// or https:// URL");
        assertThatThrownBy(() -> run("--kibana-url", "http://u:p@kibana:5601")).hasMessageStartingWith("--kibana-url must not carry credentials");
        assertThatThrownBy(() -> run("--kibana-url", kibana.url().toString(), "--kibana-ca", "/no/such/ca.pem"))
                .hasMessage("--kibana-ca /no/such/ca.pem: no readable file there");
    }
}
