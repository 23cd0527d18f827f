package io.mailtrail.benchmarks.tracker;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.UnsynchronizedAppenderBase;
import org.slf4j.event.KeyValuePair;

import java.util.List;

/**
 * Stands for a synchronous appender (a file or console appender with a JSON encoder): it reads every
 * key-value pair of each event on the calling thread, which makes the tracker compute its pairs there
 * instead of on an asynchronous appender's thread. It writes nothing, so what it measures is the tracker's
 * full cost, not an encoder's.
 */
final class PairsReadingAppender extends UnsynchronizedAppenderBase<ILoggingEvent> {

    /** Read back after the run so that the JIT cannot drop the reads. */
    private volatile long checksum;

    @Override
    protected void append(ILoggingEvent event) {
        List<KeyValuePair> pairs = event.getKeyValuePairs();
        long sum = 0;
        if (pairs != null) {
            for (KeyValuePair p : pairs) {
                sum += p.key.length() + (p.value == null ? 0 : 1);
            }
        }
        checksum += sum;
    }

    long checksum() {
        return checksum;
    }
}
