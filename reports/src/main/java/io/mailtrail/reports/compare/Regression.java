package io.mailtrail.reports.compare;

/**
 * One thing that got notably worse, or a rate above its limit.
 *
 * @param metric  what is measured, e.g. {@code latency.p95}, {@code success_rate.sends}, {@code bounce_rate}
 * @param subject {@code all}, a provider or an error category
 * @param before  the previous period's value (null for a limit breach without comparison)
 * @param after   this period's value
 * @param text    the line shown, e.g. {@code sendgrid p95 +180 % (400 ms → 1.12 s)}
 */
public record Regression(String metric, String subject, Double before, Double after, String text) {
}
