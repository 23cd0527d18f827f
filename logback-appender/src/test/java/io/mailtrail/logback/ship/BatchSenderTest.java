package io.mailtrail.logback.ship;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.core.spi.ContextAwareBase;
import com.sun.net.httpserver.HttpServer;
import io.mailtrail.logback.bulk.Batch;
import io.mailtrail.logback.bulk.BulkItem;
import io.mailtrail.logback.http.BulkClient;
import io.mailtrail.logback.metrics.AppenderCounters;
import org.apache.http.HttpHost;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

class BatchSenderTest {

    @Test
    void aBatchAnswered413IsSplitUntilItFits() throws Exception {
        List<Integer> sizes = new CopyOnWriteArrayList<>();
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", ex -> {
            String body;
            try (InputStream in = ex.getRequestBody()) {
                body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            int items = (int) body.lines().count() / 2;
            sizes.add(items);
            StringBuilder answer = new StringBuilder();
            int status;
            if (items > 2) {
                status = 413;
                answer.append("{\"error\":\"too large\"}");
            } else {
                status = 200;
                answer.append("{\"errors\":false,\"items\":[");
                for (int i = 0; i < items; i++) {
                    answer.append(i == 0 ? "" : ",").append("{\"create\":{\"status\":201}}");
                }
                answer.append("]}");
            }
            byte[] bytes = answer.toString().getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(status, bytes.length);
            ex.getResponseBody().write(bytes);
            ex.close();
        });
        server.start();
        ContextAwareBase owner = new ContextAwareBase();
        owner.setContext(new LoggerContext());
        AppenderCounters counters = new AppenderCounters();
        try (BulkClient client = new BulkClient(List.of(new HttpHost("127.0.0.1", server.getAddress().getPort(), "http")),
                null, null, null, true, false, 2_000, 5_000, "test")) {
            BatchSender sender = new BatchSender(client, new Backoff(1, 10, b -> 0), counters,
                    new ThrottledStatus(owner, 0), null, new AtomicBoolean());
            Batch batch = new Batch(7);
            for (int i = 0; i < 7; i++) {
                byte[] doc = ("{\"n\":" + i + "}").getBytes(StandardCharsets.UTF_8);
                batch.add(BulkItem.create("logs-x-default", "id" + i, doc, doc.length));
            }
            assertThat(sender.send(batch, 0, () -> false)).isEmpty();
        } finally {
            server.stop(0);
        }
        assertThat(counters.sent.sum()).isEqualTo(7);
        assertThat(counters.failed.sum()).isZero();
        assertThat(sizes).startsWith(7, 3).contains(1, 2);
    }
}
