package io.mailtrail.logback.route;

/**
 * Where one event goes: the data stream {@code <type>-<dataset>-<namespace>} and the three
 * {@code data_stream.*} values written into the document, always consistent with it.
 */
public record Route(String index, String type, String dataset, String namespace) {
}
