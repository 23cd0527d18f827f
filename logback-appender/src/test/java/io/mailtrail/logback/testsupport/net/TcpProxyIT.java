package io.mailtrail.logback.testsupport.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mailtrail.logback.testsupport.net.TcpProxy.PauseMode;
import io.mailtrail.testing.ElasticsearchExtension;
import io.mailtrail.testing.ElasticsearchNode;
import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.URI;
import org.apache.http.HttpHost;
import org.apache.http.util.EntityUtils;
import org.elasticsearch.client.Request;
import org.elasticsearch.client.Response;
import org.elasticsearch.client.RestClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The proxy in front of the real node: requests pass, fail while paused (both ways), and pass after resume. */
@ExtendWith(ElasticsearchExtension.class)
class TcpProxyIT {

    @Test
    void clusterHealthPassesFailsWhilePausedAndPassesAfterResume(ElasticsearchNode es) throws Exception {
        URI node = es.url();
        try (TcpProxy proxy = TcpProxy.start(node.getHost(), node.getPort());
                RestClient client = RestClient.builder(new HttpHost(proxy.host(), proxy.port(), node.getScheme()))
                        .setRequestConfigCallback(config -> config.setConnectTimeout(1_000).setSocketTimeout(1_000))
                        .build()) {
            assertHealthy(client);

            proxy.pause(PauseMode.REFUSE);
            assertThatThrownBy(() -> health(client)).isInstanceOf(ConnectException.class);
            proxy.resume();
            assertHealthy(client);

            proxy.pause(PauseMode.HANG);
            assertThatThrownBy(() -> health(client)).isInstanceOf(SocketTimeoutException.class);
            proxy.resume();
            assertHealthy(client);

            assertThat(proxy.acceptedConnections()).isGreaterThanOrEqualTo(3);
        }
    }

    private static void assertHealthy(RestClient client) throws IOException {
        Response response = health(client);
        assertThat(response.getStatusLine().getStatusCode()).isEqualTo(200);
        assertThat(EntityUtils.toString(response.getEntity())).contains("\"cluster_name\"");
    }

    private static Response health(RestClient client) throws IOException {
        return client.performRequest(new Request("GET", "/_cluster/health"));
    }
}
