package io.mailtrail.benchmarks.support;

import io.mailtrail.schema.Dataset;
import io.mailtrail.schema.Fields;
import org.apache.http.util.EntityUtils;
import org.elasticsearch.client.Request;
import org.elasticsearch.client.RestClient;

import java.time.Duration;
import java.time.Instant;
import java.util.SplittableRandom;

/**
 * Bulk-loads synthetic call events for the benchmarks that read: six providers, 3 % failures in five categories,
 * 5 % retries, sendgrid slower than the others.
 */
public final class CallEventLoader {

    private static final String[] PROVIDERS = {"sendgrid", "ses", "mailgun", "postmark", "resend", "smtp"};
    private static final String[] CATEGORIES = {"timeout", "rate_limited", "network", "recipient_rejected", "authentication"};

    private CallEventLoader() {
    }

    /**
     * Loads {@code events} call events with timestamps uniformly random in {@code [from, to)} into
     * {@code logs-mailtrail.calls-<namespace>} (seeded, so every run loads the same events), then refreshes.
     *
     * @throws IllegalStateException when the cluster rejects an item
     */
    public static void load(RestClient client, String namespace, int events, Instant from, Instant to) throws Exception {
        SplittableRandom random = new SplittableRandom(42);
        long span = Duration.between(from, to).toMillis();
        long start = from.toEpochMilli();
        String stream = Dataset.CALLS.dataStream(namespace);
        int batch = 5_000;
        StringBuilder body = new StringBuilder(batch * 450);
        for (int i = 0; i < events; i++) {
            String provider = PROVIDERS[random.nextInt(PROVIDERS.length)];
            boolean success = random.nextInt(100) < 97;
            int attempt = random.nextInt(100) < 5 ? 2 : 1;
            long durationMs = 50 + random.nextInt(provider.equals("sendgrid") ? 900 : 400);
            body.append("{\"create\":{\"_index\":\"").append(stream).append("\"}}\n{\"")
                    .append(Fields.TIMESTAMP.name()).append("\":").append(start + random.nextLong(span)).append(",\"")
                    .append(Fields.DATA_STREAM_DATASET.name()).append("\":\"").append(Dataset.CALLS.datasetName()).append("\",\"")
                    .append(Fields.EVENT_OUTCOME.name()).append("\":\"").append(success ? "success" : "failure").append("\",\"")
                    .append(Fields.EVENT_DURATION.name()).append("\":").append(durationMs * 1_000_000L).append(",\"")
                    .append(Fields.PROVIDER.name()).append("\":\"").append(provider).append("\",\"")
                    .append(Fields.ATTEMPT_NUMBER.name()).append("\":").append(attempt).append(",\"")
                    .append(Fields.ATTEMPT_FINAL.name()).append("\":").append(success || random.nextBoolean()).append(",\"")
                    .append(Fields.RETRY_DELAY.name()).append("\":").append(attempt == 1 ? 0 : 1000).append(",\"")
                    .append(Fields.SUCCESS_COUNT.name()).append("\":").append(success ? 1 : 0);
            if (!success) {
                String category = CATEGORIES[random.nextInt(CATEGORIES.length)];
                body.append(",\"").append(Fields.ERROR_CATEGORY.name()).append("\":\"").append(category).append("\",\"")
                        .append(Fields.ERROR_CODE.name()).append("\":\"").append(category.equals("rate_limited") ? "429" : "500").append("\",\"")
                        .append(Fields.ERROR_MESSAGE.name()).append("\":\"").append(category).append(" from ").append(provider).append('"');
            }
            body.append("}\n");
            if ((i + 1) % batch == 0 || i == events - 1) {
                Request bulk = new Request("POST", "/_bulk");
                bulk.setJsonEntity(body.toString());
                String response = EntityUtils.toString(client.performRequest(bulk).getEntity());
                if (response.startsWith("{\"errors\":true") || response.contains("\"errors\":true")) {
                    throw new IllegalStateException("bulk rejected items: " + response.substring(0, Math.min(500, response.length())));
                }
                body.setLength(0);
            }
        }
        client.performRequest(new Request("POST", "/" + stream + "/_refresh"));
    }
}
