package io.mailtrail.schema;

/**
 * The two kinds of mailtrail events, each in a data stream of its own ({@code logs-<dataset>-<namespace>})
 * so that they can have different retention.
 */
public enum Dataset {
    /** One document per attempt of an email call (HTTP API request or SMTP transaction). */
    CALLS("mailtrail.calls"),
    /** What a provider reported later about a message (webhooks): delivered, bounced, complained... */
    DELIVERY("mailtrail.delivery");

    /** The ECS {@code data_stream.type} of both. */
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

    /** The SLF4J logger the tracker writes these events to. */
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
