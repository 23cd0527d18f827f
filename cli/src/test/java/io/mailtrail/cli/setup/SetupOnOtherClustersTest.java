package io.mailtrail.cli.setup;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.mailtrail.cli.ExitCode;
import io.mailtrail.cli.Cli;
import io.mailtrail.cli.Console;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Setup against clusters the test node can't play: one with ILM, an old one, one that hides ILM from the
 * user. A local HTTP server answers the few APIs setup uses, storing what is put and echoing it back.
 */
class SetupOnOtherClustersTest {

    private HttpServer server;
    private final Map<String, String> stored = new ConcurrentHashMap<>();
    private final List<String> puts = new ArrayList<>();
    private String version = "8.19.0";
    private int ilmStatus = 200;
    private String pathPrefix = "";
    private String refusedPut;

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    @Test
    void onAClusterWithIlmThePoliciesAndTheirComponentsAreInstalledFirstAndOnce() throws IOException {
        start();
        Result first = setup();
        assertThat(first.code).as(first.err).isEqualTo(ExitCode.OK);
        assertThat(first.out).contains("lifecycle of logs-mailtrail.calls-default: ILM policy logs-mailtrail.calls (the cluster has ILM)")
                .contains("done: 9 created, 0 updated, 0 unchanged");
        assertThat(puts).containsExactly(
                "/_ilm/policy/logs-mailtrail.calls", "/_ilm/policy/logs-mailtrail.delivery",
                "/_component_template/mailtrail-settings", "/_component_template/mailtrail-ecs-mappings",
                "/_component_template/mailtrail-mappings",
                "/_component_template/mailtrail-calls-ilm", "/_component_template/mailtrail-delivery-ilm",
                "/_index_template/logs-mailtrail.calls", "/_index_template/logs-mailtrail.delivery");
        assertThat(stored.get("/_component_template/mailtrail-calls-ilm")).contains("\"index.lifecycle.name\":\"logs-mailtrail.calls\"");

        Result second = setup();
        assertThat(second.out).contains("done: 0 created, 0 updated, 9 unchanged");
        assertThat(puts).hasSize(9);
    }

    @Test
    void aClusterBehindAProxyPathIsReachedUnderThatPath() throws IOException {
        pathPrefix = "/elasticsearch";
        start();
        Result r = setup();
        assertThat(r.code).as(r.err).isEqualTo(ExitCode.OK);
        assertThat(r.out).contains("9 created");
        assertThat(stored).containsKey("/_index_template/logs-mailtrail.calls");
    }

    @Test
    void anObjectTheClusterRejectsIsNamedWithTheClustersReason() throws IOException {
        refusedPut = "/_component_template/mailtrail-mappings";
        start();
        Result r = setup();
        assertThat(r.code).isEqualTo(ExitCode.FAILED);
        assertThat(r.err).contains("could not install component template 'mailtrail-mappings': Elasticsearch answered HTTP 400:")
                .contains("illegal_argument_exception: unknown setting [index.x]");
        assertThat(puts).as("nothing after the failure").doesNotContain("/_index_template/logs-mailtrail.calls");
    }

    @Test
    void anOldClusterIsRefusedNamingBothVersions() throws IOException {
        version = "8.10.4";
        start();
        Result r = setup();
        assertThat(r.code).isEqualTo(ExitCode.UNSUPPORTED);
        assertThat(r.err).contains("is version 8.10.4").contains("needs 8.14.0 or newer");
        assertThat(puts).isEmpty();
    }

    @Test
    void aUserWhoMayNotSeeIlmIsToldTheMissingPrivilege() throws IOException {
        ilmStatus = 403;
        start();
        Result r = setup("--es-user", "deployer", "--es-password", "pw");
        assertThat(r.code).isEqualTo(ExitCode.NOT_AUTHORIZED);
        assertThat(r.err).contains("user 'deployer' may not read the ILM status").contains("manage_ilm");
        assertThat(puts).isEmpty();
    }

    private record Result(ExitCode code, String out, String err) {
    }

    private Result setup(String... extra) {
        List<String> args = new ArrayList<>(List.of("setup", "--es-url", "http://127.0.0.1:" + server.getAddress().getPort() + pathPrefix));
        args.addAll(List.of(extra));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        ExitCode code = Cli.standard().run(args.toArray(String[]::new),
                new Console(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8), Map.of()));
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    private void handle(HttpExchange x) throws IOException {
        String path = x.getRequestURI().getPath();
        if (!path.startsWith(pathPrefix + "/")) {
            respond(x, 400, "{\"error\":{\"type\":\"illegal_argument_exception\",\"reason\":\"no handler\"},\"status\":400}");
            return;
        }
        path = path.substring(pathPrefix.length());
        String method = x.getRequestMethod();
        if (path.equals("/_nodes/_local")) {
            respond(x, 200, "{\"nodes\":{\"n1\":{\"version\":\"" + version + "\"}}}");
        } else if (path.equals("/_ilm/status")) {
            respond(x, ilmStatus, ilmStatus == 200 ? "{\"operation_mode\":\"RUNNING\"}"
                    : "{\"error\":{\"type\":\"security_exception\",\"reason\":\"unauthorized\"},\"status\":403}");
        } else if (path.startsWith("/_index_template/_simulate_index/")) {
            respond(x, 200, "{\"template\":{},\"overlapping\":[]}");
        } else if (method.equals("PUT") && path.equals(refusedPut)) {
            respond(x, 400, "{\"error\":{\"type\":\"illegal_argument_exception\",\"reason\":\"unknown setting [index.x]\"},\"status\":400}");
        } else if (method.equals("PUT")) {
            String body = new String(x.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            synchronized (puts) {
                puts.add(path);
            }
            stored.put(path, body);
            respond(x, 200, "{\"acknowledged\":true}");
        } else if (method.equals("GET") && stored.containsKey(path)) {
            respond(x, 200, echo(path, stored.get(path)));
        } else {
            respond(x, 404, "{\"error\":{\"type\":\"resource_not_found_exception\",\"reason\":\"missing\"},\"status\":404}");
        }
    }

    /** Shapes a stored body the way each GET API answers. */
    private static String echo(String path, String body) {
        String name = path.substring(path.lastIndexOf('/') + 1);
        if (path.startsWith("/_ilm/policy/")) {
            return "{\"" + name + "\":{\"version\":1," + body.substring(1) + "}";
        }
        String kind = path.startsWith("/_component_template/") ? "component_template" : "index_template";
        return "{\"" + kind + "s\":[{\"name\":\"" + name + "\",\"" + kind + "\":" + body + "}]}";
    }

    private static void respond(HttpExchange x, int status, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        x.getResponseHeaders().add("Content-Type", "application/json");
        x.getResponseHeaders().add("X-Elastic-Product", "Elasticsearch");
        x.sendResponseHeaders(status, bytes.length);
        x.getResponseBody().write(bytes);
        x.close();
    }
}
