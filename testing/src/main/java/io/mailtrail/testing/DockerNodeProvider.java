package io.mailtrail.testing;

import org.testcontainers.DockerClientFactory;
import org.testcontainers.elasticsearch.ElasticsearchContainer;
import org.testcontainers.utility.DockerImageName;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The official image through Testcontainers, for machines with a Docker engine. Trial license so that
 * Watcher runs. The secured flavour uses the image's own TLS and creates the writer user and the
 * service token through the security REST API.
 */
final class DockerNodeProvider implements NodeProvider {

    private static final String IMAGE = "docker.elastic.co/elasticsearch/elasticsearch";
    private static final Pattern TOKEN_VALUE = Pattern.compile("\"value\"\\s*:\\s*\"([^\"]+)\"");

    private final String version;

    DockerNodeProvider(String version) {
        this.version = version;
    }

    @Override
    public Optional<String> unavailableReason() {
        try {
            return DockerClientFactory.instance().isDockerAvailable()
                    ? Optional.empty() : Optional.of("no Docker engine answers");
        } catch (RuntimeException | LinkageError e) {
            return Optional.of("Docker check failed: " + e.getMessage());
        }
    }

    @Override
    public RunningNode start(Flavour flavour) throws Exception {
        @SuppressWarnings("resource")
        ElasticsearchContainer container = new ElasticsearchContainer(DockerImageName.parse(IMAGE).withTag(version))
                .withEnv("xpack.license.self_generated.type", "trial")
                .withEnv("ES_JAVA_OPTS", "-Xms512m -Xmx512m");
        String password = Secrets.random();
        if (flavour == Flavour.PLAIN) {
            container.withEnv("xpack.security.enabled", "false");
        } else {
            container.withPassword(password);
        }
        container.start();
        try {
            ElasticsearchNode.Builder b = ElasticsearchNode.builder().origin(Origin.DOCKER).flavour(flavour);
            if (flavour == Flavour.PLAIN) {
                URI url = URI.create("http://" + container.getHttpHostAddress());
                b.url(url).version(new NodeHttp(url, Tls.systemDefault(), null).version());
            } else {
                Path ca = Files.createTempFile("mailtrail-es-ca", ".crt");
                Files.write(ca, container.caCertAsBytes().orElseThrow());
                URI url = URI.create("https://" + container.getHttpHostAddress());
                String admin = ElasticsearchNode.basic("elastic", password);
                String writerPassword = Secrets.random();
                createWriter(url, ca, admin, writerPassword);
                b.url(url).caCertificate(ca).credentials("elastic", password)
                        .writer(SecuredNodeFiles.WRITER_USER, writerPassword)
                        .bearerToken(createServiceToken(url, ca, admin))
                        .version(new NodeHttp(url, Tls.trusting(ca), admin).version());
            }
            ElasticsearchNode node = b.build();
            return new RunningNode() {
                @Override
                public ElasticsearchNode node() {
                    return node;
                }

                @Override
                public void close() {
                    container.stop();
                }
            };
        } catch (Exception e) {
            container.stop();
            throw e;
        }
    }

    private static void createWriter(URI url, Path ca, String admin, String writerPassword) throws IOException, InterruptedException {
        send(url, ca, admin, "PUT", "/_security/role/" + SecuredNodeFiles.WRITER_ROLE, SecuredNodeFiles.WRITER_ROLE_JSON);
        send(url, ca, admin, "PUT", "/_security/user/" + SecuredNodeFiles.WRITER_USER,
                "{\"password\":\"" + writerPassword + "\",\"roles\":[\"" + SecuredNodeFiles.WRITER_ROLE + "\"]}");
    }

    private static String createServiceToken(URI url, Path ca, String admin) throws IOException, InterruptedException {
        String body = send(url, ca, admin, "POST",
                "/_security/service/elastic/fleet-server/credential/token/mailtrail-" + System.nanoTime(), "");
        Matcher m = TOKEN_VALUE.matcher(body);
        if (!m.find()) {
            throw new IOException("no token value in the service token answer");
        }
        return m.group(1);
    }

    private static String send(URI url, Path ca, String auth, String method, String path, String json)
            throws IOException, InterruptedException {
        HttpClient http = HttpClient.newBuilder().sslContext(Tls.trusting(ca)).build();
        HttpRequest req = HttpRequest.newBuilder(url.resolve(path)).header("Authorization", auth)
                .header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(json)).build();
        HttpResponse<String> resp = http.send(req, HttpResponse.BodyHandlers.ofString());
        if (resp.statusCode() >= 300) {
            throw new IOException(method + " " + path + " answered " + resp.statusCode());
        }
        return resp.body();
    }
}
