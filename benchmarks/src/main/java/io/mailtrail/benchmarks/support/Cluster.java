package io.mailtrail.benchmarks.support;

import io.mailtrail.cli.Cli;
import io.mailtrail.cli.Console;
import io.mailtrail.cli.ExitCode;
import io.mailtrail.testing.ElasticsearchNode;
import io.mailtrail.testing.ElasticsearchNodes;
import io.mailtrail.testing.Flavour;
import io.mailtrail.testing.RunningNode;
import org.apache.http.util.EntityUtils;
import org.elasticsearch.client.Request;
import org.elasticsearch.client.Response;
import org.elasticsearch.client.ResponseException;
import org.elasticsearch.client.RestClient;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The real node a benchmark runs against, and the few calls the benchmarks make to it besides {@code _bulk}.
 * With {@code MAILTRAIL_ES_URL} set (run.sh starts one node for all programs) it connects to that node;
 * otherwise it starts one of its own and stops it on close.
 */
public final class Cluster implements AutoCloseable {

    /** Data streams of the benchmarks: {@code logs-bench<something>-default}. */
    public static final String INDEX_PATTERN = "logs-bench*";
    private static final Pattern OLD_INDEX = Pattern.compile("\"old_index\"\\s*:\\s*\"([^\"]+)\"");
    private static final Pattern COUNT = Pattern.compile("\"count\"\\s*:\\s*(\\d+)");

    private final RunningNode running;
    private final RestClient client;

    private Cluster(RunningNode running) {
        this.running = running;
        this.client = running.node().restClient();
    }

    public static Cluster start() throws Exception {
        Cluster c = new Cluster(new ElasticsearchNodes(System.getenv()).start(Flavour.PLAIN));
        c.installTemplate();
        return c;
    }

    /**
     * Runs {@code mailtrail setup} against the node: mailtrail's component and index templates, as users install them.
     *
     * @throws IllegalStateException when setup does not succeed (its output says why)
     */
    public void installMailtrailTemplates() {
        ExitCode setup = Cli.standard().run(new String[]{"setup", "--es-url", url()}, Console.system());
        if (setup != ExitCode.OK) {
            throw new IllegalStateException("mailtrail setup failed: " + setup);
        }
    }

    /**
     * Maps the benchmark data streams with mailtrail's own components ({@code mailtrail setup} must have
     * installed them): its settings ({@code best_compression}), its mappings, and with {@code logsdb} the
     * logsdb index mode, as the shipped index templates compose them.
     */
    public void mapWithMailtrailComponents(boolean logsdb) throws IOException {
        Request put = new Request("PUT", "/_index_template/mailtrail-bench");
        put.setJsonEntity("{\"index_patterns\":[\"" + INDEX_PATTERN + "\"],\"data_stream\":{},\"priority\":500,"
                + "\"composed_of\":[\"mailtrail-settings\"," + (logsdb ? "\"mailtrail-logsdb\"," : "")
                + "\"mailtrail-ecs-mappings\",\"mailtrail-mappings\"],"
                + "\"template\":{\"settings\":{\"number_of_replicas\":0}}}");
        client.performRequest(put);
    }

    public ElasticsearchNode node() {
        return running.node();
    }

    public String url() {
        return running.node().url().toString();
    }

    public RestClient client() {
        return client;
    }

    /** The node has no built-in {@code logs-*-*} template; this one makes the benchmark targets data streams. */
    private void installTemplate() throws IOException {
        Request put = new Request("PUT", "/_index_template/mailtrail-bench");
        put.setJsonEntity("{\"index_patterns\":[\"" + INDEX_PATTERN + "\"],\"data_stream\":{},\"priority\":500,"
                + "\"template\":{\"settings\":{\"number_of_replicas\":0}}}");
        client.performRequest(put);
    }

    /** Refreshes the data stream and counts its documents; 0 when it does not exist (yet). */
    public long refreshAndCount(String dataStream) throws IOException {
        try {
            client.performRequest(new Request("POST", "/" + dataStream + "/_refresh"));
            Response r = client.performRequest(new Request("GET", "/" + dataStream + "/_count"));
            Matcher m = COUNT.matcher(EntityUtils.toString(r.getEntity()));
            if (!m.find()) {
                throw new IOException("no count in the _count answer of " + dataStream);
            }
            return Long.parseLong(m.group(1));
        } catch (ResponseException e) {
            if (e.getResponse().getStatusLine().getStatusCode() == 404) {
                return 0;
            }
            throw e;
        }
    }

    /**
     * Waits until the data stream holds {@code expected} documents or the time is up; returns the last count.
     */
    public long awaitCount(String dataStream, long expected, long timeoutMillis) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeoutMillis * 1_000_000L;
        long count = refreshAndCount(dataStream);
        while (count < expected && System.nanoTime() - deadline < 0) {
            Thread.sleep(20);
            count = refreshAndCount(dataStream);
        }
        return count;
    }

    /**
     * Deletes a benchmark data stream; a missing one is fine. A node without the data stream APIs (the test
     * node answers 405) gets its data removed instead: roll over, then delete the old backing index.
     */
    public void deleteDataStream(String dataStream) {
        try {
            client.performRequest(new Request("DELETE", "/_data_stream/" + dataStream));
        } catch (ResponseException e) {
            int code = e.getResponse().getStatusLine().getStatusCode();
            if (code == 405) {
                dropBackingIndex(dataStream);
            } else if (code != 404) {
                System.err.println("could not delete data stream " + dataStream + ": " + e.getMessage());
            }
        } catch (IOException e) {
            System.err.println("could not delete data stream " + dataStream + ": " + e);
        }
    }

    private void dropBackingIndex(String dataStream) {
        try {
            Response r = client.performRequest(new Request("POST", "/" + dataStream + "/_rollover"));
            Matcher m = OLD_INDEX.matcher(EntityUtils.toString(r.getEntity()));
            if (m.find()) {
                client.performRequest(new Request("DELETE", "/" + m.group(1)));
            }
        } catch (ResponseException e) {
            if (e.getResponse().getStatusLine().getStatusCode() != 404) {
                System.err.println("could not empty data stream " + dataStream + ": " + e.getMessage());
            }
        } catch (IOException e) {
            System.err.println("could not empty data stream " + dataStream + ": " + e);
        }
    }

    /** A URL where nothing listens: the port was free a moment ago, so connections are refused at once. */
    public static String closedPortUrl() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return "http://127.0.0.1:" + s.getLocalPort();
        }
    }

    @Override
    public void close() throws IOException {
        client.close();
        running.close();
    }
}
