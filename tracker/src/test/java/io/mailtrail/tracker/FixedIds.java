package io.mailtrail.tracker;

import java.util.concurrent.atomic.AtomicInteger;

/** Predictable ids for assertions. */
final class FixedIds implements IdSource {
    private final AtomicInteger n = new AtomicInteger();

    @Override
    public String newId() {
        return "id-" + n.incrementAndGet();
    }

    @Override
    public String newTraceId() {
        return String.format("%032x", 0xabc000 + n.incrementAndGet());
    }

    @Override
    public String newSpanId() {
        return String.format("%016x", 0xdef000 + n.incrementAndGet());
    }
}
