package io.mailtrail.reports.render;

import java.util.List;

/** The headline figures, in the order the report shows them. */
final class Rows {

    private Rows() {
    }

    static final List<Row> SUMMARY = List.of(
            Row.count("calls.attempts", "attempts", p -> p.calls().attempts()),
            Row.count("calls.sends", "logical sends", p -> p.calls().sends()),
            Row.percent("calls.attempt_success_rate", "success rate of attempts", p -> p.calls().attemptSuccessRate()),
            Row.percent("calls.send_success_rate", "success rate of logical sends", p -> p.calls().sendSuccessRate()),
            Row.millis("calls.latency.p50", "latency p50", p -> p.calls().latency().p50Ms()),
            Row.millis("calls.latency.p95", "latency p95", p -> p.calls().latency().p95Ms()),
            Row.millis("calls.latency.p99", "latency p99", p -> p.calls().latency().p99Ms()),
            Row.count("calls.failures", "failed attempts", p -> p.calls().failures()),
            Row.count("calls.retries.retried_attempts", "retries (attempt number > 1)", p -> p.calls().retries().retriedAttempts()),
            Row.percent("calls.retries.retry_rate", "retries / attempts", p -> p.calls().retries().retryRate()),
            Row.count("calls.retries.rate_limited", "rate-limited attempts", p -> p.calls().retries().rateLimited()),
            Row.count("delivery.events", "delivery events", p -> p.delivery().events()),
            Row.percent("delivery.bounce_rate", "bounce rate (hard bounces / (delivered + hard bounces))", p -> p.delivery().bounceRate()),
            Row.percent("delivery.complaint_rate", "complaint rate (complaints / (delivered + complaints))", p -> p.delivery().complaintRate()));
}
