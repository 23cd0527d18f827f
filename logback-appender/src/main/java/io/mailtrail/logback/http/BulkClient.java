package io.mailtrail.logback.http;

import io.mailtrail.logback.ship.AppenderThread;
import org.apache.http.Header;
import org.apache.http.HttpHost;
import org.apache.http.conn.ssl.NoopHostnameVerifier;
import org.apache.http.entity.ByteArrayEntity;
import org.apache.http.entity.ContentType;
import org.apache.http.message.BasicHeader;
import org.apache.http.util.EntityUtils;
import org.elasticsearch.client.Request;
import org.elasticsearch.client.Response;
import org.elasticsearch.client.ResponseException;
import org.elasticsearch.client.RestClient;
import org.elasticsearch.client.RestClientBuilder;

import javax.net.ssl.SSLContext;
import java.io.Closeable;
import java.io.IOException;
import java.util.List;

/**
 * Posts {@code _bulk} bodies with Elasticsearch's low-level REST client, which spreads requests over the
 * hosts and fails over when one is down. Authentication is a preemptive {@code Authorization} header.
 */
public final class BulkClient implements Closeable {

    private static final ContentType NDJSON = ContentType.create("application/x-ndjson");

    private final RestClient client;

    /** The outcome of one request that got an HTTP answer. */
    public record Answer(int status, byte[] body, String retryAfter) {
    }

    /**
     * @param authorization the {@code Authorization} header value, or null
     * @param ssl           the SSL context for https hosts, or null for the JVM default
     */
    public BulkClient(List<HttpHost> hosts, String pathPrefix, String authorization, SSLContext ssl,
                      boolean verifyHostname, boolean gzip, int connectTimeoutMillis, int socketTimeoutMillis,
                      String threadNamePrefix) {
        RestClientBuilder b = RestClient.builder(hosts.toArray(HttpHost[]::new))
                .setCompressionEnabled(gzip)
                .setRequestConfigCallback(rc -> rc.setConnectTimeout(connectTimeoutMillis)
                        .setConnectionRequestTimeout(connectTimeoutMillis)
                        .setSocketTimeout(socketTimeoutMillis))
                .setHttpClientConfigCallback(h -> {
                    h.setThreadFactory(AppenderThread.factory(threadNamePrefix + "-io"));
                    h.disableAuthCaching();
                    if (ssl != null) {
                        h.setSSLContext(ssl);
                    }
                    if (!verifyHostname) {
                        h.setSSLHostnameVerifier(NoopHostnameVerifier.INSTANCE);
                    }
                    return h;
                });
        if (pathPrefix != null && !pathPrefix.isEmpty() && !"/".equals(pathPrefix)) {
            b.setPathPrefix(pathPrefix);
        }
        if (authorization != null) {
            b.setDefaultHeaders(new Header[]{new BasicHeader("Authorization", authorization)});
        }
        this.client = b.build();
    }

    /**
     * Posts one body. An HTTP answer of any status is returned; connection failures and timeouts throw.
     */
    public Answer bulk(byte[] body) throws IOException {
        Request request = new Request("POST", "/_bulk");
        request.setEntity(new ByteArrayEntity(body, NDJSON));
        Response response;
        try {
            response = client.performRequest(request);
        } catch (ResponseException e) {
            response = e.getResponse();
        }
        byte[] answer = response.getEntity() == null ? new byte[0] : EntityUtils.toByteArray(response.getEntity());
        return new Answer(response.getStatusLine().getStatusCode(), answer, response.getHeader("Retry-After"));
    }

    @Override
    public void close() throws IOException {
        client.close();
    }
}
