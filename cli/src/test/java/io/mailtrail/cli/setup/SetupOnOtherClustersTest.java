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
    private final List<String> simulated = new ArrayList<>();
    private boolean refusesLogsdb;
    private String sourceMode = "synthetic";
    private boolean hideVersion;

    /** Whether this fake cluster accepts logsdb: an 8.14 one never does, and a test may make any refuse it. */
    private boolean acceptsLogsdb() {
        return !refusesLogsdb && !version.startsWith("8.14.");
    }

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
                .contains("lifecycle of logs-mailtrail.alerts-default: ILM policy logs-mailtrail.alerts (the cluster has ILM)")
                .contains("done: 13 created, 0 updated, 0 unchanged");
        assertThat(puts).containsExactly(
                "/_ilm/policy/logs-mailtrail.calls", "/_ilm/policy/logs-mailtrail.delivery", "/_ilm/policy/logs-mailtrail.alerts",
                "/_component_template/mailtrail-settings", "/_component_template/mailtrail-ecs-mappings",
                "/_component_template/mailtrail-mappings", "/_component_template/mailtrail-logsdb",
                "/_component_template/mailtrail-calls-ilm", "/_component_template/mailtrail-delivery-ilm",
                "/_component_template/mailtrail-alerts-ilm",
                "/_index_template/logs-mailtrail.calls", "/_index_template/logs-mailtrail.delivery", "/_index_template/logs-mailtrail.alerts");
        assertThat(stored.get("/_component_template/mailtrail-calls-ilm")).contains("\"index.lifecycle.name\":\"logs-mailtrail.calls\"");

        Result second = setup();
        assertThat(second.out).contains("done: 0 created, 0 updated, 13 unchanged");
        assertThat(puts).hasSize(13);
    }

    @Test
    void aClusterThatAcceptsLogsdbGetsItAndIsToldWhichSourceItKeeps() throws IOException {
        sourceMode = "stored";
        start();
        Result r = setup();
        assertThat(r.code).as(r.err).isEqualTo(ExitCode.OK);
        assertThat(r.out).contains("storage: logsdb index mode and best_compression codec (the cluster accepts index.mode logsdb)")
                .contains("_source of logs-mailtrail.calls-default is stored: the cluster's licence does not allow synthetic _source")
                .contains("storage of logs-mailtrail.alerts-default: best_compression codec, standard index mode")
                .doesNotContain("storage of logs-mailtrail.calls-default");
        assertThat(simulated).as("the probe asks for exactly what mailtrail-logsdb sets").singleElement()
                .satisfies(body -> assertThat(body).contains("\"index.mode\":\"logsdb\""));
        assertThat(stored.get("/_component_template/mailtrail-logsdb")).contains("\"index.mode\":\"logsdb\"");
    }

    @Test
    void an814ClusterFallsBackToBestCompressionAndSaysWhy() throws IOException {
        version = "8.14.3";
        start();
        Result r = setup();
        assertThat(r.code).as(r.err).isEqualTo(ExitCode.OK);
        assertThat(r.out).contains("storage: best_compression codec, standard index mode (Elasticsearch 8.14.3 has no generally"
                + " available logsdb index mode (8.17.0+))");
        assertThat(simulated).as("no probe: the version answers").isEmpty();
        assertThat(puts).doesNotContain("/_component_template/mailtrail-logsdb").contains("/_index_template/logs-mailtrail.calls");
        assertThat(stored.get("/_component_template/mailtrail-settings")).contains("best_compression");
    }

    @Test
    void aClusterThatHidesItsVersionAndRefusesLogsdbFallsBackNamingTheClustersReason() throws IOException {
        version = "8.14.3";
        hideVersion = true;
        start();
        Result r = setup();
        assertThat(r.code).as(r.err).isEqualTo(ExitCode.OK);
        assertThat(r.out).contains("storage: best_compression codec, standard index mode (the cluster refuses index.mode logsdb:"
                + " No enum constant org.elasticsearch.index.IndexMode.LOGSDB)");
        assertThat(puts).doesNotContain("/_component_template/mailtrail-logsdb");
    }

    @Test
    void aClusterBehindAProxyPathIsReachedUnderThatPath() throws IOException {
        pathPrefix = "/elasticsearch";
        start();
        Result r = setup();
        assertThat(r.code).as(r.err).isEqualTo(ExitCode.OK);
        assertThat(r.out).contains("13 created");
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
        if (path.equals("/_nodes/_local") && hideVersion) {
            respond(x, 403, "{\"error\":{\"type\":\"security_exception\",\"reason\":\"action [cluster:monitor/nodes/info] is unauthorized\"},\"status\":403}");
        } else if (path.equals("/_nodes/_local")) {
            respond(x, 200, "{\"nodes\":{\"n1\":{\"version\":\"" + version + "\"}}}");
        } else if (path.equals("/_ilm/status")) {
            respond(x, ilmStatus, ilmStatus == 200 ? "{\"operation_mode\":\"RUNNING\"}"
                    : "{\"error\":{\"type\":\"security_exception\",\"reason\":\"unauthorized\"},\"status\":403}");
        } else if (path.equals("/_index_template/_simulate")) {
            String body = new String(x.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            simulated.add(body);
            if (body.contains("\"logsdb\"") && !acceptsLogsdb()) {
                // What an 8.14 node answers: the index mode is an enum that has no logsdb value yet.
                respond(x, 400, "{\"error\":{\"root_cause\":[{\"type\":\"illegal_argument_exception\",\"reason\":\"No enum constant org.elasticsearch.index.IndexMode.LOGSDB\"}],"
                        + "\"type\":\"illegal_argument_exception\",\"reason\":\"No enum constant org.elasticsearch.index.IndexMode.LOGSDB\"},\"status\":400}");
            } else {
                respond(x, 200, "{\"template\":{\"settings\":{},\"mappings\":{}},\"overlapping\":[]}");
            }
        } else if (path.startsWith("/_index_template/_simulate_index/")) {
            String settings = stored.containsKey("/_component_template/mailtrail-logsdb")
                    ? "{\"index\":{\"mode\":\"logsdb\",\"mapping\":{\"source\":{\"mode\":\"" + sourceMode + "\"}}}}" : "{}";
            respond(x, 200, "{\"template\":{\"settings\":" + settings + "},\"overlapping\":[]}");
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
