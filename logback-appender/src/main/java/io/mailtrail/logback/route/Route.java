package io.mailtrail.logback.route;

/**
 * Where one event goes: the data stream {@code <type>-<dataset>-<namespace>} and the three
 * {@code data_stream.*} values written into the document, always consistent with it; or a plain index, with
 * type, dataset and namespace null.
 */
public record Route(String index, String type, String dataset, String namespace) {

    /** True when the target is a data stream (and the document gets {@code data_stream.*} fields). */
    public boolean isDataStream() {
        return type != null;
    }
}
