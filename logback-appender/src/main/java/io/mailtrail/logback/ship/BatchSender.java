package io.mailtrail.logback.ship;

import io.mailtrail.logback.bulk.Batch;
import io.mailtrail.logback.bulk.BulkItem;
import io.mailtrail.logback.bulk.BulkResponseParser;
import io.mailtrail.logback.bulk.ItemResult;
import io.mailtrail.logback.http.BulkClient;
import io.mailtrail.logback.metrics.AppenderCounters;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * Sends one batch until each item is stored or rejected for good. Retries connection errors, timeouts,
 * 408/429/5xx answers, refused credentials (401/403, so that nothing is lost while an operator fixes them)
 * and items answered 429/503; splits a batch answered 413 (too large); dead-letters items rejected
 * otherwise. Thread-safe.
 */
public final class BatchSender {

    private static final int MAX_QUOTED_CHARS = 300;

    private final BulkClient client;
    private final BulkResponseParser parser = new BulkResponseParser();
    private final Backoff backoff;
    private final AppenderCounters counters;
    private final ThrottledStatus status;
    private final DeadLetterFile deadLetters;
    private final AtomicBoolean outage;
    private final ConsoleNotice console;

    /** As {@link #BatchSender(BulkClient, Backoff, AppenderCounters, ThrottledStatus, DeadLetterFile, AtomicBoolean, ConsoleNotice)}, without console notices. */
    public BatchSender(BulkClient client, Backoff backoff, AppenderCounters counters, ThrottledStatus status,
                       DeadLetterFile deadLetters, AtomicBoolean outage) {
        this(client, backoff, counters, status, deadLetters, outage, null);
    }

    /**
     * @param deadLetters where rejected items go, or null to only count them
     * @param outage      set while Elasticsearch cannot be reached or refuses requests, cleared on success
     * @param console     told once when Elasticsearch cannot be reached or refuses the credentials; may be null
     */
    public BatchSender(BulkClient client, Backoff backoff, AppenderCounters counters, ThrottledStatus status,
                       DeadLetterFile deadLetters, AtomicBoolean outage, ConsoleNotice console) {
        this.client = client;
        this.backoff = backoff;
        this.counters = counters;
        this.status = status;
        this.deadLetters = deadLetters;
        this.outage = outage;
        this.console = console;
    }

    /**
     * Sends the batch, retrying with backoff.
     *
     * @param maxAttempts give up after this many failed requests (0: never)
     * @param abort       checked before each request and while waiting: true makes it give up at once
     * @return the items not stored when it gave up (empty when all were stored or rejected for good)
     */
    public List<BulkItem> send(Batch batch, int maxAttempts, BooleanSupplier abort) {
        List<BulkItem> pending = batch.items();
        byte[] body = null;
        int failures = 0;
        while (true) {
            if (abort.getAsBoolean()) {
                return pending;
            }
            if (body == null) {
                // built per attempt and released before a backoff wait: a batch retried through an outage
                // holds its items only, not also a copy of its body
                body = pending == batch.items() ? batch.body() : new Batch(pending).body();
            }
            String problem;
            boolean credentials = false;
            long retryAfterMillis = 0;
            long start = System.nanoTime();
            try {
                BulkClient.Answer answer = client.bulk(body, abort);
                counters.bulkLatency(System.nanoTime() - start);
                int code = answer.status();
                retryAfterMillis = Backoff.parseRetryAfter(answer.retryAfter(), System.currentTimeMillis());
                if (code == 200) {
                    outage.set(false);
                    List<BulkItem> again = handleItems(pending, parser.parse(answer.body(), pending.size()));
                    if (again.isEmpty()) {
                        return again;
                    }
                    problem = again.size() + " of " + pending.size() + " events were refused for now (429/503)";
                    pending = again;
                } else if (code == 401 || code == 403) {
                    outage.set(true);
                    credentials = true;
                    problem = "Elasticsearch refused the credentials (HTTP " + code + "): check the options "
                            + "username/password, apiKey or bearerToken and the user's privileges on the data stream";
                } else if (code == 408 || code == 429 || code >= 500) {
                    outage.set(code != 429);
                    problem = "Elasticsearch answered HTTP " + code + " to _bulk: " + quote(answer.body());
                } else if (code == 413 && pending.size() > 1) {
                    // body above the server's http.max_content_length: halve it rather than reject good events
                    int half = pending.size() / 2;
                    List<BulkItem> unsent = new ArrayList<>(send(new Batch(pending.subList(0, half)), maxAttempts, abort));
                    unsent.addAll(send(new Batch(pending.subList(half, pending.size())), maxAttempts, abort));
                    return unsent;
                } else {
                    rejectAll(pending, code, answer.body());
                    return List.of();
                }
            } catch (BulkClient.Aborted e) {
                return pending;
            } catch (IOException | RuntimeException e) {
                counters.bulkLatency(System.nanoTime() - start); // a request was made, though it got no answer
                outage.set(true);
                problem = "cannot reach Elasticsearch: " + e.getClass().getSimpleName()
                        + (e.getMessage() == null ? "" : ": " + e.getMessage());
            }
            body = null;
            failures++;
            if (console != null && (credentials || outage.get())) {
                console.once(ConsoleNotice.Kind.UNREACHABLE, problem + "; the appender keeps retrying (the counters 'retried', "
                        + "'spooled' and 'dropped', over JMX, say what becomes of the events)");
            }
            if (maxAttempts > 0 && failures >= maxAttempts) {
                report(credentials, problem + "; " + pending.size() + " events go to the spool");
                return pending;
            }
            long delay = backoff.delayMillis(failures - 1, retryAfterMillis);
            counters.retried.add(pending.size());
            report(credentials, problem + "; retrying " + pending.size() + " events in " + delay + " ms");
            if (!sleep(delay, abort)) {
                return pending;
            }
        }
    }

    private void report(boolean error, String message) {
        if (error) {
            status.error(message);
        } else {
            status.warn(message);
        }
    }

    private List<BulkItem> handleItems(List<BulkItem> items, List<ItemResult> results) {
        List<BulkItem> again = new ArrayList<>(0);
        for (int i = 0; i < items.size(); i++) {
            ItemResult r = results.get(i);
            if (r.stored()) {
                counters.sent.increment();
            } else if (r.retryable()) {
                again.add(items.get(i));
            } else {
                reject(items.get(i), r.status(), r.error());
            }
        }
        return again;
    }

    private void rejectAll(List<BulkItem> items, int code, byte[] body) {
        String error = new String(body, StandardCharsets.UTF_8);
        for (BulkItem item : items) {
            reject(item, code, error);
        }
    }

    private void reject(BulkItem item, int code, String error) {
        counters.failed.increment();
        String where = "";
        if (deadLetters != null) {
            try {
                boolean rolled = deadLetters.append(item, code, error);
                counters.deadLettered.increment();
                where = " (written to dead-letter file " + deadLetters.file() + ")";
                if (rolled) {
                    // older dead letters were just deleted: said on the error channel, which the rejections (warnings) do not throttle
                    status.error("dead-letter file " + deadLetters.file() + " reached deadLetterMaxBytes: it was renamed to "
                            + deadLetters.previousFile() + ", replacing the dead letters that file held");
                }
            } catch (IOException e) {
                where = " (dead-letter file " + deadLetters.file() + " not writable: " + e.getClass().getSimpleName() + ")";
            }
        }
        status.warn("Elasticsearch rejected an event for good (HTTP " + code + "): "
                + quote(error == null ? new byte[0] : error.getBytes(StandardCharsets.UTF_8)) + where);
    }

    private static String quote(byte[] body) {
        String s = new String(body, 0, Math.min(body.length, MAX_QUOTED_CHARS * 4), StandardCharsets.UTF_8);
        return s.length() > MAX_QUOTED_CHARS ? s.substring(0, MAX_QUOTED_CHARS) + "..." : s;
    }

    /** Waits, waking early when abort turns true; false when aborted. */
    private static boolean sleep(long millis, BooleanSupplier abort) {
        long end = System.nanoTime() + millis * 1_000_000L;
        while (true) {
            if (abort.getAsBoolean()) {
                return false;
            }
            long left = end - System.nanoTime();
            if (left <= 0) {
                return true;
            }
            LockSupport.parkNanos(Math.min(50_000_000L, left));
        }
    }
}
