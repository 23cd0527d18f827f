package io.mailtrail.logback.bulk;

import com.fasterxml.jackson.core.io.JsonStringEncoder;

import java.nio.charset.StandardCharsets;

/**
 * One {@code create} operation of a {@code _bulk} body: the action line and the document line, each ending
 * in {@code \n}, as one array (the form a spool record stores).
 */
public final class BulkItem {

    private final byte[] bytes;
    private final int documentOffset;

    private BulkItem(byte[] bytes, int documentOffset) {
        this.bytes = bytes;
        this.documentOffset = documentOffset;
    }

    /**
     * Builds the item for a document (one line of JSON, without a line end) going to {@code index} with
     * {@code _id} {@code id}.
     */
    public static BulkItem create(String index, String id, byte[] document, int documentLength) {
        byte[] action = ("{\"create\":{\"_index\":\"" + quote(index) + "\",\"_id\":\"" + quote(id) + "\"}}\n")
                .getBytes(StandardCharsets.UTF_8);
        byte[] bytes = new byte[action.length + documentLength + 1];
        System.arraycopy(action, 0, bytes, 0, action.length);
        System.arraycopy(document, 0, bytes, action.length, documentLength);
        bytes[bytes.length - 1] = '\n';
        return new BulkItem(bytes, action.length);
    }

    /** Restores an item from its stored form (a spool record); null when it is not action + document lines. */
    public static BulkItem fromBytes(byte[] bytes) {
        for (int i = 0; i < bytes.length - 1; i++) {
            if (bytes[i] == '\n') {
                return bytes[bytes.length - 1] == '\n' ? new BulkItem(bytes, i + 1) : null;
            }
        }
        return null;
    }

    private static String quote(String s) {
        return new String(JsonStringEncoder.getInstance().quoteAsString(s));
    }

    /** Action line and document line, each ending in {@code \n}. */
    public byte[] bytes() {
        return bytes;
    }

    public int size() {
        return bytes.length;
    }

    /** The document line without its line end. */
    public String document() {
        return new String(bytes, documentOffset, bytes.length - documentOffset - 1, StandardCharsets.UTF_8);
    }

    /** The action line without its line end. */
    public String action() {
        return new String(bytes, 0, documentOffset - 1, StandardCharsets.UTF_8);
    }
}
