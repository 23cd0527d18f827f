package io.mailtrail.schema;

/**
 * The kinds of mailtrail events, each in a data stream of its own ({@code logs-<dataset>-<namespace>}) so that
 * they can have different retention: the tracker's calls and delivery events, and the alert engine's history.
 */
public enum Dataset {
    /** One document per attempt of an email call (HTTP API request or SMTP transaction). */
    CALLS("mailtrail.calls"),
    /** What a provider reported later about a message (webhooks): delivered, bounced, complained... */
    DELIVERY("mailtrail.delivery"),
    /**
     * One document per execution of a watch by the alert engine ({@code mailtrail alerts run}): its history, which
     * the dashboards show as annotations and from which a restarted engine resumes its throttle state. Written by
     * the engine straight to Elasticsearch, not through a logger.
     */
    ALERTS("mailtrail.alerts");

    /** The ECS {@code data_stream.type} of all of them. */
    public static final String TYPE = "logs";
    /** The namespace used when none is configured. */
    public static final String DEFAULT_NAMESPACE = "default";

    private final String name;

    Dataset(String name) {
        this.name = name;
    }

    /** The dataset name, e.g. {@code mailtrail.calls}: also the SLF4J logger name the tracker logs to. */
    public String datasetName() {
        return name;
    }

    /** The SLF4J logger the tracker writes these events to (nothing logs to {@link #ALERTS}' one). */
    public String loggerName() {
        return name;
    }

    /** The data stream name for a namespace, e.g. {@code logs-mailtrail.calls-production}. */
    public String dataStream(String namespace) {
        return TYPE + "-" + name + "-" + Namespaces.requireValid(namespace);
    }

    /** The index pattern that matches this dataset in every namespace. */
    public String indexPattern() {
        return TYPE + "-" + name + "-*";
    }
}
