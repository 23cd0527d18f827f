package io.mailtrail.logback.resilience;

import org.slf4j.Logger;

/** Logs events numbered 0 .. count-1 in {@link EsQueries#SEQ} as fast as the caller goes. */
final class NumberedEvents {

    private NumberedEvents() {
    }

    static void log(Logger log, long count) {
        for (long seq = 0; seq < count; seq++) {
            log.atInfo().setMessage("numbered event {}").addArgument(seq).addKeyValue(EsQueries.SEQ, seq).log();
        }
    }
}
