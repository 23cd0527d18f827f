package io.mailtrail.cli.setup.kibana.bundle;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mailtrail.schema.Field;
import io.mailtrail.schema.Fields;

import java.util.List;

import static io.mailtrail.cli.setup.kibana.bundle.Bundle.ALERTS_VIEW;
import static io.mailtrail.cli.setup.kibana.bundle.Bundle.CALLS_VIEW;
import static io.mailtrail.cli.setup.kibana.bundle.Bundle.DELIVERY_VIEW;
import static io.mailtrail.cli.setup.kibana.bundle.Lens.Layer;
import static io.mailtrail.cli.setup.kibana.bundle.Lens.attributes;
import static io.mailtrail.cli.setup.kibana.bundle.Lens.average;
import static io.mailtrail.cli.setup.kibana.bundle.Lens.count;
import static io.mailtrail.cli.setup.kibana.bundle.Lens.datatableVis;
import static io.mailtrail.cli.setup.kibana.bundle.Lens.dateHistogram;
import static io.mailtrail.cli.setup.kibana.bundle.Lens.donutVis;
import static io.mailtrail.cli.setup.kibana.bundle.Lens.lastValue;
import static io.mailtrail.cli.setup.kibana.bundle.Lens.max;
import static io.mailtrail.cli.setup.kibana.bundle.Lens.metricVis;
import static io.mailtrail.cli.setup.kibana.bundle.Lens.min;
import static io.mailtrail.cli.setup.kibana.bundle.Lens.percentile;
import static io.mailtrail.cli.setup.kibana.bundle.Lens.referenceLineLayer;
import static io.mailtrail.cli.setup.kibana.bundle.Lens.staticValue;
import static io.mailtrail.cli.setup.kibana.bundle.Lens.terms;
import static io.mailtrail.cli.setup.kibana.bundle.Lens.xyVis;

/** The three dashboards, panel by panel: what each shows, from which fields, where on the 48-column grid. */
public final class Dashboards {

    public static final String OVERVIEW = "mailtrail-overview";
    public static final String FAILURES = "mailtrail-failures";
    public static final String DELIVERY = "mailtrail-delivery-reputation";

    static final String FINAL = Fields.ATTEMPT_FINAL.name() + " : true";
    static final String FAILED = Fields.EVENT_OUTCOME.name() + " : \"failure\"";
    static final String RETRIED = Fields.ATTEMPT_NUMBER.name() + " > 1";
    /** Alert executions that sent an email: the engine writes the executed action ids only when there are some. */
    static final String ALERT_EMAIL_SENT = Fields.ALERT_ACTIONS_EXECUTED.name() + " : *";

    private static final List<Field> CONTROLS = List.of(Fields.PROVIDER, Fields.SERVICE_NAME, Fields.SERVICE_ENVIRONMENT,
            Fields.DATA_STREAM_NAMESPACE);

    /** A Lens panel by value. */
    public record Panel(String id, int x, int y, int w, int h, ObjectNode attributes) {
        public String title() {
            return attributes.path("title").asText();
        }
    }

    public record Dashboard(String id, String title, String description, String dataView, List<Field> controls, List<Panel> panels) {
    }

    private Dashboards() {
    }

    public static List<Dashboard> all() {
        return List.of(overview(), failures(), delivery());
    }

    // ------------------------------------------------------------------ helpers

    private static Panel metric(String id, int x, int y, int w, String view, String title, ObjectNode column) {
        Layer l = new Layer(id + "-layer").column("value", column);
        return new Panel(id, x, y, w, 7, attributes(title, "lnsMetric", view, metricVis(l.id, "value"), "", l));
    }

    /** A table: rows are the top values of {@code by}, ordered by the first metric; one column per metric. */
    private static Panel table(String id, int x, int y, int w, int h, String view, String title, String kql,
                               Field by, int size, String byLabel, Object... metrics) {
        Layer l = new Layer(id + "-layer");
        String first = (String) metrics[0];
        l.column("rows", terms(byLabel, by, size, first));
        List<String> ids = new java.util.ArrayList<>(List.of("rows"));
        for (int i = 0; i < metrics.length; i += 2) {
            l.column((String) metrics[i], (ObjectNode) metrics[i + 1]);
            ids.add((String) metrics[i]);
        }
        return new Panel(id, x, y, w, h, attributes(title, "lnsDatatable", view, datatableVis(l.id, ids), kql, l));
    }

    /** A horizontal bar per top value of {@code by}, with its count. */
    private static Panel bars(String id, int x, int y, int w, int h, String view, String title, String kql, Field by, int size, String byLabel) {
        Layer l = new Layer(id + "-layer").column("by", terms(byLabel, by, size, "count")).column("count", count("Events", null));
        return new Panel(id, x, y, w, h, attributes(title, "lnsXY", view,
                xyVis("bar_horizontal", l.id, "by", List.of("count"), null, List.of()), kql, l));
    }

    /** Counts over time, stacked by the top values of {@code split}. */
    private static Panel stackedOverTime(String id, int x, int y, int w, int h, String view, String title, String kql, Field split, String splitLabel) {
        Layer l = new Layer(id + "-layer").column("time", dateHistogram()).column("split", terms(splitLabel, split, 10, "count"))
                .column("count", count("Calls", null));
        return new Panel(id, x, y, w, h, attributes(title, "lnsXY", view,
                xyVis("bar_stacked", l.id, "time", List.of("count"), "split", List.of()), kql, l));
    }

    /** A rate over time (average of a 0/1 indicator) against a threshold drawn as a reference line. */
    private static Panel rateAgainstThreshold(String id, int x, int y, int w, int h, String title, Field indicator, String label,
                                              String threshold, String thresholdLabel) {
        Layer data = new Layer(id + "-layer").column("time", dateHistogram()).column("rate", average(label, indicator, null, true));
        Layer ref = new Layer(id + "-threshold").column("threshold", staticValue(thresholdLabel, threshold));
        return new Panel(id, x, y, w, h, attributes(title, "lnsXY", DELIVERY_VIEW,
                xyVis("line", data.id, "time", List.of("rate"), null, List.of(referenceLineLayer(ref.id, "threshold", "#E7664C"))),
                "", data, ref));
    }

    /**
     * Adds the fired alerts to a time chart of the overview: one marker per alert execution that sent an email,
     * labelled with the watch, from the alert history (data view {@code mailtrail-alerts}). It ignores the
     * dashboard's filters and controls: those name call fields (provider, service, ...), which alert executions
     * do not carry, so applying them would hide every alert as soon as one is selected.
     */
    static Panel withAlertAnnotations(Panel p) {
        String layerId = p.id() + "-alerts";
        ObjectNode annotation = Lens.queryAnnotation(p.id() + "-alert-emails", "Alert email sent", ALERT_EMAIL_SENT,
                Fields.TIMESTAMP, Fields.ALERT_WATCH_ID, List.of(Fields.ALERT_WATCH_ID, Fields.ALERT_ACTIONS_EXECUTED),
                "bell", "#E7664C");
        Lens.withAnnotations(p.attributes(), ALERTS_VIEW, Lens.annotationLayer(layerId, true, List.of(annotation)));
        return p;
    }

    // ------------------------------------------------------------------ Email calls — overview

    static Dashboard overview() {
        String v = CALLS_VIEW;
        Layer perMinute = new Layer("ov-sends-per-minute-layer");
        Lens.perMinuteFormula(perMinute, "value", "Sends per minute", FINAL);
        Layer latency = new Layer("ov-latency-over-time-layer").column("time", dateHistogram())
                .column("p50", percentile("p50", Fields.EVENT_DURATION, 50))
                .column("p95", percentile("p95", Fields.EVENT_DURATION, 95))
                .column("p99", percentile("p99", Fields.EVENT_DURATION, 99));
        Layer latest = new Layer("ov-latest-failures-layer")
                .column("rows", terms("Event id", Fields.EVENT_ID, 20, "time"))
                .column("time", max("Time", Fields.TIMESTAMP, null))
                .column("provider", lastValue("Provider", Fields.PROVIDER))
                .column("service", lastValue("Service", Fields.SERVICE_NAME))
                .column("category", lastValue("Error category", Fields.ERROR_CATEGORY))
                .column("code", lastValue("Error code", Fields.ERROR_CODE))
                .column("trace", lastValue("Trace", Fields.TRACE_ID));
        List<Panel> panels = List.of(
                metric("ov-success-attempts", 0, 0, 7, v, "Success rate (attempts)", average("Success rate of attempts", Fields.SUCCESS_COUNT, null, true)),
                metric("ov-success-sends", 7, 0, 7, v, "Success rate (logical sends)", average("Success rate of final attempts", Fields.SUCCESS_COUNT, FINAL, true)),
                new Panel("ov-sends-per-minute", 14, 0, 7, 7, attributes("Sends per minute", "lnsMetric", v, metricVis(perMinute.id, "value"), "", perMinute)),
                metric("ov-failed-calls", 21, 0, 7, v, "Failed calls", count("Failed attempts", FAILED)),
                metric("ov-p50", 28, 0, 7, v, "Response time p50", percentile("p50 of event.duration", Fields.EVENT_DURATION, 50)),
                metric("ov-p95", 35, 0, 7, v, "Response time p95", percentile("p95 of event.duration", Fields.EVENT_DURATION, 95)),
                metric("ov-p99", 42, 0, 6, v, "Response time p99", percentile("p99 of event.duration", Fields.EVENT_DURATION, 99)),
                withAlertAnnotations(stackedOverTime("ov-outcome-over-time", 0, 7, 24, 12, v, "Success vs failure over time", "",
                        Fields.EVENT_OUTCOME, "Outcome")),
                withAlertAnnotations(new Panel("ov-latency-over-time", 24, 7, 24, 12, attributes("Response time percentiles over time", "lnsXY", v,
                        xyVis("line", latency.id, "time", List.of("p50", "p95", "p99"), null, List.of()), "", latency))),
                table("ov-by-provider", 0, 19, 16, 12, v, "Calls by provider", "", Fields.PROVIDER, 10, "Provider",
                        "attempts", count("Attempts", null), "success", average("Success rate", Fields.SUCCESS_COUNT, null, true),
                        "p95", percentile("p95 response time", Fields.EVENT_DURATION, 95)),
                table("ov-by-template", 16, 19, 16, 12, v, "Calls by template", "", Fields.TEMPLATE, 10, "Template",
                        "attempts", count("Attempts", null), "success", average("Success rate", Fields.SUCCESS_COUNT, null, true),
                        "p95", percentile("p95 response time", Fields.EVENT_DURATION, 95)),
                table("ov-by-service", 32, 19, 16, 12, v, "Calls by service", "", Fields.SERVICE_NAME, 10, "Service",
                        "attempts", count("Attempts", null), "success", average("Success rate", Fields.SUCCESS_COUNT, null, true),
                        "p95", percentile("p95 response time", Fields.EVENT_DURATION, 95)),
                bars("ov-top-error-categories", 0, 31, 16, 12, v, "Top error categories", FAILED, Fields.ERROR_CATEGORY, 10, "Error category"),
                new Panel("ov-latest-failures", 16, 31, 32, 12, attributes("Latest failures", "lnsDatatable", v,
                        datatableVis(latest.id, List.of("rows", "time", "provider", "service", "category", "code", "trace")), FAILED, latest)));
        return new Dashboard(OVERVIEW, "Email calls — overview",
                "mailtrail: success rate, send rate, response times and failures of every email call. Live (refreshes every 30 s).",
                v, CONTROLS, panels);
    }

    // ------------------------------------------------------------------ Failures & diagnosis

    static Dashboard failures() {
        String v = CALLS_VIEW;
        Layer byProvider = new Layer("fd-category-by-provider-layer")
                .column("provider", terms("Provider", Fields.PROVIDER, 10, "count"))
                .column("split", terms("Error category", Fields.ERROR_CATEGORY, 10, "count"))
                .column("count", count("Failed attempts", null));
        Layer retryable = new Layer("fd-retryable-layer")
                .column("retryable", terms("Retryable", Fields.ERROR_RETRYABLE, 2, "count"))
                .column("count", count("Failed attempts", null));
        Layer codes = new Layer("fd-codes-layer")
                .column("category", terms("Error category", Fields.ERROR_CATEGORY, 10, "count"))
                .column("code", terms("Error code", Fields.ERROR_CODE, 10, "count"))
                .column("count", count("Attempts", null));
        Layer smtp = new Layer("fd-smtp-layer")
                .column("reply", terms("SMTP reply", Fields.SMTP_REPLY_CODE, 10, "count"))
                .column("enhanced", terms("Enhanced status", Fields.SMTP_ENHANCED_STATUS, 10, "count"))
                .column("count", count("Attempts", null));
        Layer rateLimit = new Layer("fd-rate-limit-layer").column("time", dateHistogram())
                .column("remaining", min("Lowest rate-limit remaining", Fields.RATE_LIMIT_REMAINING, null))
                .column("retryAfter", max("Longest Retry-After", Fields.RETRY_AFTER, null));
        // top 5 codes over the whole range (terms before the date histogram, as Lens orders a breakdown), then per interval
        Layer codesOverTime = new Layer("fd-codes-over-time-layer")
                .column("split", terms("Error code", Fields.ERROR_CODE, 5, "count"))
                .column("time", dateHistogram())
                .column("count", count("Failed attempts", null));
        Layer codesByProvider = new Layer("fd-codes-by-provider-layer")
                .column("provider", terms("Provider", Fields.PROVIDER, 10, "count"))
                .column("split", terms("Error code", Fields.ERROR_CODE, 5, "count"))
                .column("count", count("Failed attempts", null));
        Layer traces = new Layer("fd-failed-sends-layer")
                .column("trace", terms("Trace id (opens the APM trace)", Fields.TRACE_ID, 20, "time"))
                .column("time", max("Time", Fields.TIMESTAMP, null))
                .column("provider", lastValue("Provider", Fields.PROVIDER))
                .column("category", lastValue("Error category", Fields.ERROR_CATEGORY))
                .column("code", lastValue("Error code", Fields.ERROR_CODE))
                .column("attempts", max("Attempts", Fields.ATTEMPT_NUMBER, null));
        List<Panel> panels = List.of(
                stackedOverTime("fd-category-over-time", 0, 0, 24, 12, v, "Error categories over time", FAILED, Fields.ERROR_CATEGORY, "Error category"),
                new Panel("fd-category-by-provider", 24, 0, 24, 12, attributes("Error categories by provider", "lnsXY", v,
                        xyVis("bar_horizontal_stacked", byProvider.id, "provider", List.of("count"), "split", List.of()), FAILED, byProvider)),
                metric("fd-failed", 0, 12, 8, v, "Failed attempts", count("Failed attempts", FAILED)),
                metric("fd-retried", 8, 12, 8, v, "Retried attempts", count("Attempts after the first", RETRIED)),
                metric("fd-retry-delay-avg", 16, 12, 8, v, "Average retry delay", average("Average delay before a retry", Fields.RETRY_DELAY, RETRIED, false)),
                metric("fd-retry-delay-max", 24, 12, 8, v, "Longest retry delay", max("Longest delay before a retry", Fields.RETRY_DELAY, RETRIED)),
                metric("fd-rate-limit-min", 32, 12, 8, v, "Lowest rate-limit remaining", min("Lowest rate-limit remaining", Fields.RATE_LIMIT_REMAINING, null)),
                metric("fd-retry-after-max", 40, 12, 8, v, "Longest Retry-After", max("Longest Retry-After asked", Fields.RETRY_AFTER, null)),
                new Panel("fd-retryable", 0, 19, 12, 12, attributes("Retryable vs not", "lnsPie", v,
                        donutVis(retryable.id, "retryable", "count"), FAILED, retryable)),
                new Panel("fd-codes", 12, 19, 18, 12, attributes("Error codes by category (HTTP status, SMTP reply, provider code)", "lnsDatatable", v,
                        datatableVis(codes.id, List.of("category", "code", "count")), FAILED, codes)),
                new Panel("fd-smtp", 30, 19, 18, 12, attributes("SMTP reply and enhanced status codes of failures", "lnsDatatable", v,
                        datatableVis(smtp.id, List.of("reply", "enhanced", "count")), FAILED, smtp)),
                new Panel("fd-rate-limit", 0, 31, 24, 12, attributes("Rate-limit remaining and Retry-After over time", "lnsXY", v,
                        xyVis("line", rateLimit.id, "time", List.of("remaining", "retryAfter"), null, List.of()), "", rateLimit)),
                table("fd-error-types", 24, 31, 24, 12, v, "Top error types", FAILED, Fields.ERROR_TYPE, 10, "Error type",
                        "count", count("Failed attempts", null), "provider", lastValue("Latest provider", Fields.PROVIDER)),
                new Panel("fd-failed-sends", 0, 43, 48, 12, attributes("Failed sends by trace id", "lnsDatatable", v,
                        datatableVis(traces.id, List.of("trace", "time", "provider", "category", "code", "attempts")),
                        FINAL + " and " + FAILED, traces)),
                new Panel("fd-codes-over-time", 0, 55, 24, 12, attributes("Error codes over time (top 5)", "lnsXY", v,
                        xyVis("bar_stacked", codesOverTime.id, "time", List.of("count"), "split", List.of()), FAILED, codesOverTime)),
                new Panel("fd-codes-by-provider", 24, 55, 24, 12, attributes("Error codes by provider (top 5)", "lnsXY", v,
                        xyVis("bar_horizontal_stacked", codesByProvider.id, "provider", List.of("count"), "split", List.of()), FAILED,
                        codesByProvider)));
        return new Dashboard(FAILURES, "Failures & diagnosis",
                "mailtrail: why email calls fail — error categories and codes, retries, rate limits, the failed sends with their traces.",
                v, CONTROLS, panels);
    }

    // ------------------------------------------------------------------ Delivery & reputation

    static Dashboard delivery() {
        String v = DELIVERY_VIEW;
        String status = Fields.DELIVERY_STATUS.name();
        List<Panel> panels = List.of(
                metric("dr-bounce-rate", 0, 0, 12, v, "Bounce rate (hard bounces / (delivered + hard bounces))",
                        average("Bounce rate", Fields.BOUNCE_COUNT, null, true)),
                metric("dr-complaint-rate", 12, 0, 12, v, "Complaint rate (complaints / (delivered + complaints))",
                        average("Complaint rate", Fields.COMPLAINT_COUNT, null, true)),
                metric("dr-delivered", 24, 0, 12, v, "Delivered", count("Delivered", status + " : \"delivered\"")),
                metric("dr-hard-bounces", 36, 0, 12, v, "Hard bounces", count("Hard bounces", status + " : \"bounced_hard\"")),
                bars("dr-by-status", 0, 7, 24, 12, v, "Delivery events by status (accepted, delivered, deferred, bounced, complained)", "",
                        Fields.DELIVERY_STATUS, 12, "Status"),
                bars("dr-bounce-causes", 24, 7, 24, 12, v, "Bounces by cause",
                        status + " : \"bounced_hard\" or " + status + " : \"bounced_soft\"", Fields.ERROR_CATEGORY, 10, "Cause"),
                rateAgainstThreshold("dr-bounce-over-time", 0, 19, 24, 12, "Bounce rate over time (threshold 5 %)", Fields.BOUNCE_COUNT,
                        "Bounce rate", "0.05", "5 % bounce threshold"),
                rateAgainstThreshold("dr-complaint-over-time", 24, 19, 24, 12, "Complaint rate over time (threshold 0.1 %)", Fields.COMPLAINT_COUNT,
                        "Complaint rate", "0.001", "0.1 % complaint threshold"),
                table("dr-by-provider", 0, 31, 24, 12, v, "Delivery by provider", "", Fields.PROVIDER, 10, "Provider",
                        "events", count("Delivery events", null), "bounce", average("Bounce rate", Fields.BOUNCE_COUNT, null, true),
                        "complaint", average("Complaint rate", Fields.COMPLAINT_COUNT, null, true)),
                table("dr-by-domain", 24, 31, 24, 12, v, "Delivery by recipient domain", "", Fields.RECIPIENT_DOMAIN, 20, "Recipient domain",
                        "events", count("Delivery events", null), "bounce", average("Bounce rate", Fields.BOUNCE_COUNT, null, true),
                        "complaint", average("Complaint rate", Fields.COMPLAINT_COUNT, null, true)));
        return new Dashboard(DELIVERY, "Delivery & reputation",
                "mailtrail: what providers reported after accepting the messages — deliveries, bounces, complaints against the 5 % / 0.1 % thresholds.",
                v, CONTROLS, panels);
    }
}
