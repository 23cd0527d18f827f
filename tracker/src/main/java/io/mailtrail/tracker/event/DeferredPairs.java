package io.mailtrail.tracker.event;

import org.slf4j.event.KeyValuePair;

import java.util.AbstractList;
import java.util.Collections;
import java.util.List;
import java.util.RandomAccess;
import java.util.function.Supplier;

/**
 * An event's key-value pairs, computed the first time anyone reads them rather than when the event is
 * logged: redaction, recipient hashing and the pair list itself then cost the calling thread nothing when
 * the event is written by an asynchronous appender (mailtrail's, Logback's {@code AsyncAppender},
 * logstash-logback-encoder's), which reads them on its own thread. A synchronous appender reads them on the
 * calling thread, as before.
 *
 * <p>The source must be deterministic, never throw, and hand over a list nobody changes afterwards: two
 * threads reading at once (two appenders) may both compute, and either result is published. Read-only.
 */
final class DeferredPairs extends AbstractList<KeyValuePair> implements RandomAccess {

    private final Supplier<List<KeyValuePair>> source;
    private volatile List<KeyValuePair> pairs;

    DeferredPairs(Supplier<List<KeyValuePair>> source) {
        this.source = source;
    }

    private List<KeyValuePair> pairs() {
        List<KeyValuePair> p = pairs;
        if (p == null) {
            p = Collections.unmodifiableList(source.get());
            pairs = p;
        }
        return p;
    }

    @Override
    public KeyValuePair get(int index) {
        return pairs().get(index);
    }

    @Override
    public int size() {
        return pairs().size();
    }
}
