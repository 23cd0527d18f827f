package io.mailtrail.logback.bulk;

import java.util.ArrayList;
import java.util.List;

/** Items sent together in one {@code _bulk} request. Filled by one thread, then handed over whole. */
public final class Batch {

    private final List<BulkItem> items;
    private long bytes;

    public Batch(int expectedItems) {
        this.items = new ArrayList<>(expectedItems);
    }

    public Batch(List<BulkItem> items) {
        this.items = new ArrayList<>(items);
        for (BulkItem i : items) {
            bytes += i.size();
        }
    }

    public void add(BulkItem item) {
        items.add(item);
        bytes += item.size();
    }

    public List<BulkItem> items() {
        return items;
    }

    public int size() {
        return items.size();
    }

    public boolean isEmpty() {
        return items.isEmpty();
    }

    public long bytes() {
        return bytes;
    }

    /** The request body: every item's two lines, in order. */
    public byte[] body() {
        byte[] body = new byte[Math.toIntExact(bytes)];
        int at = 0;
        for (BulkItem i : items) {
            System.arraycopy(i.bytes(), 0, body, at, i.size());
            at += i.size();
        }
        return body;
    }
}
