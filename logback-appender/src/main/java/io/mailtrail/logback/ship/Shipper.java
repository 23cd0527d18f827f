package io.mailtrail.logback.ship;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.encoder.Encoder;
import io.mailtrail.logback.bulk.Batch;
import io.mailtrail.logback.bulk.BulkItem;
import io.mailtrail.logback.bulk.EventIds;
import io.mailtrail.logback.encoder.RoutedEvent;
import io.mailtrail.logback.metrics.AppenderCounters;
import io.mailtrail.logback.queue.BoundedEventQueue;
import io.mailtrail.logback.route.Route;
import io.mailtrail.logback.route.Router;
import io.mailtrail.logback.spool.DiskSpool;
import io.mailtrail.logback.spool.SpoolRecord;
import io.mailtrail.schema.Fields;
import org.slf4j.event.KeyValuePair;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * The appender's threads. One encoder thread takes events from the memory queue, encodes them into bulk
 * items and cuts batches (by count, bytes or age); {@code maxInFlight} sender threads post the batches; with
 * a spool, batches that cannot be delivered go to disk and a replayer thread sends the spool's records
 * oldest first, acknowledging them once Elasticsearch has answered.
 */
public final class Shipper {

    /** With a spool, a batch moves to disk after this many failed requests instead of waiting in memory. */
    public static final int SPOOL_AFTER_FAILURES = 3;
    private static final long IDLE_POLL_MILLIS = 100;
    private static final String EVENT_ID = Fields.EVENT_ID.name();
    private static final int MAX_EVENT_ID_CHARS = 256;

    /** With a spool, the encoder re-checks the high-water mark this often while it waits for a busy sender. */
    private static final long DISPATCH_WAIT_MILLIS = 5;
    /**
     * Longest time burst batches written to the spool stay without fsync (and uncounted in {@code spooled}) while
     * the queue stays above the high-water mark; below it they are synced at once.
     */
    private static final long BURST_SYNC_NANOS = TimeUnit.SECONDS.toNanos(10);

    /**
     * Sizes and timing of batching.
     *
     * @param lingerMillis   when above 0 and a request slot is free: a batch leaves once its first event is this
     *                       old and the queue is momentarily empty, without waiting to fill; while every slot is
     *                       busy it grows until one frees up (or it is full, or flushIntervalMillis old). 0: a
     *                       batch leaves only full or flushIntervalMillis old
     * @param spoolHighWater with a spool: when the memory queue holds at least this many events and no sender
     *                       is free, a cut batch goes to the spool (written at disk speed) instead of waiting
     *                       for a sender (at {@code _bulk} speed); the replayer ships it later, oldest first
     */
    public record Settings(int maxBatchActions, long maxBatchBytes, long flushIntervalMillis, long lingerMillis,
                           int maxInFlight, String threadNamePrefix, int spoolHighWater) {
    }

    private final Settings settings;
    private final BoundedEventQueue<ILoggingEvent> queue;
    private final Encoder<ILoggingEvent> encoder;
    private final Router router;
    private final BatchSender sender;
    private final DiskSpool spool;
    private final AppenderCounters counters;
    private final ThrottledStatus status;
    private final AtomicBoolean outage;
    private final BlockingQueue<Batch> ready;
    private final AtomicLong lost = new AtomicLong();
    /** Events in batches a sender has taken and not finished with. */
    private final AtomicLong inFlightItems = new AtomicLong();
    /** Batches a sender has taken and not finished with. */
    private final AtomicInteger inFlightBatches = new AtomicInteger();
    private final List<Thread> senders = new ArrayList<>();
    private Thread encoderThread;
    private Thread replayerThread;
    private volatile boolean stopping;
    private volatile boolean encoderDone;
    private volatile boolean abort;
    /** Encoder thread only: events of burst batches appended to the spool and not yet synced. */
    private int burstUnsynced;
    private long burstUnsyncedSince;

    /** @param spool the disk spool, or null for memory only */
    public Shipper(Settings settings, BoundedEventQueue<ILoggingEvent> queue, Encoder<ILoggingEvent> encoder,
                   Router router, BatchSender sender, DiskSpool spool, AppenderCounters counters,
                   ThrottledStatus status, AtomicBoolean outage) {
        this.settings = settings;
        this.queue = queue;
        this.encoder = encoder;
        this.router = router;
        this.sender = sender;
        this.spool = spool;
        this.counters = counters;
        this.status = status;
        this.outage = outage;
        this.ready = new ArrayBlockingQueue<>(settings.maxInFlight());
    }

    public void start() {
        ThreadFactory threads = AppenderThread.factory(settings.threadNamePrefix());
        encoderThread = threads.newThread(this::encodeLoop);
        // callers wake the encoder only for a full batch (or a queue at the spool's high-water mark); otherwise
        // it collects what arrived at the end of each bounded wait (encodeLoop), saving a system call per event
        queue.setConsumer(encoderThread, Math.min(settings.maxBatchActions(), settings.spoolHighWater()));
        for (int i = 0; i < settings.maxInFlight(); i++) {
            senders.add(threads.newThread(this::sendLoop));
        }
        if (spool != null) {
            replayerThread = threads.newThread(this::replayLoop);
            replayerThread.start();
        }
        senders.forEach(Thread::start);
        encoderThread.start();
    }

    // ---- encoder thread

    private void encodeLoop() {
        Batch batch = new Batch(settings.maxBatchActions());
        long flushNanos = TimeUnit.MILLISECONDS.toNanos(settings.flushIntervalMillis());
        // capped at the flush interval, so a batch's linger deadline never comes after its flush deadline
        long lingerNanos = Math.min(TimeUnit.MILLISECONDS.toNanos(settings.lingerMillis()), flushNanos);
        boolean lingering = lingerNanos > 0;
        // an idle wait never exceeds the flush interval (nor the linger), so a batch's deadlines can be counted
        // from its start
        long idleWait = Math.min(TimeUnit.MILLISECONDS.toNanos(IDLE_POLL_MILLIS), lingering ? lingerNanos : flushNanos);
        long flushAt = System.nanoTime() + flushNanos;
        long lingerAt = flushAt;
        while (!abort) {
            long waitStart = System.nanoTime();
            // past its linger with a slot free, the batch leaves as soon as the queue is drained: look, do not wait
            boolean lingerDue = lingering && !batch.isEmpty() && waitStart - lingerAt >= 0 && requestSlotFree();
            long wait;
            if (batch.isEmpty()) {
                wait = idleWait;
            } else if (lingerDue) {
                wait = 0;
            } else if (lingering && waitStart - lingerAt < 0) {
                wait = lingerAt - waitStart;
            } else {
                // past the linger but every slot busy: a sender that finishes wakes this thread (sendLoop)
                wait = flushAt - waitStart;
            }
            ILoggingEvent event = queue.poll(wait);
            if (event != null) {
                BulkItem item = encode(event);
                if (item != null) {
                    if (batch.isEmpty()) {
                        // an event that found the encoder waiting arrived after waitStart, so the batch leaves
                        // at most flushIntervalMillis (or, with a free slot, lingerMillis) after it was queued
                        flushAt = waitStart + flushNanos;
                        lingerAt = waitStart + lingerNanos;
                    }
                    batch.add(item);
                }
            }
            boolean full = batch.size() >= settings.maxBatchActions() || batch.bytes() >= settings.maxBatchBytes();
            boolean old = !batch.isEmpty() && System.nanoTime() - flushAt >= 0;
            boolean draining = stopping && event == null;
            boolean lingered = lingerDue && event == null;
            if (full || old || lingered || (draining && !batch.isEmpty())) {
                dispatch(batch);
                batch = new Batch(settings.maxBatchActions());
            }
            if (burstUnsynced > 0 && (event == null || !queue.atLeastHalfFull()
                    || System.nanoTime() - burstUnsyncedSince > BURST_SYNC_NANOS)) {
                syncBurst();
            }
            if (draining && queue.size() == 0) {
                break;
            }
        }
        if (!batch.isEmpty()) {
            spill(batch.items());
        }
        syncBurst();
        encoderDone = true;
    }

    /** A sender could take a batch now: fewer batches taken or waiting than requests allowed in flight. */
    private boolean requestSlotFree() {
        return inFlightBatches.get() + ready.size() < settings.maxInFlight();
    }

    /** Encodes one event into a bulk item; null (and a counted drop) when it cannot be encoded. */
    BulkItem encode(ILoggingEvent event) {
        try {
            Route route = router.route(event);
            String id = eventId(event);
            byte[] doc = encoder.encode(new RoutedEvent(event, id, route));
            int len = doc == null ? 0 : doc.length;
            while (len > 0 && (doc[len - 1] == '\n' || doc[len - 1] == '\r')) {
                len--;
            }
            if (len == 0) {
                counters.dropped.increment();
                status.warn("the encoder produced nothing for an event of logger " + event.getLoggerName() + "; dropped");
                return null;
            }
            return BulkItem.create(route.index(), id, doc, len);
        } catch (RuntimeException | StackOverflowError e) {
            counters.dropped.increment();
            status.warn("cannot encode an event of logger " + event.getLoggerName() + "; dropped: " + e);
            return null;
        }
    }

    /** The event's own {@code event.id} key-value pair when it is a usable id, else a new time-ordered UUID. */
    private static String eventId(ILoggingEvent event) {
        List<KeyValuePair> pairs = event.getKeyValuePairs();
        if (pairs != null) {
            for (KeyValuePair p : pairs) {
                if (p != null && EVENT_ID.equals(p.key) && p.value instanceof String s
                        && !s.isBlank() && s.length() <= MAX_EVENT_ID_CHARS) {
                    return s;
                }
            }
        }
        return EventIds.next(event.getTimeStamp());
    }

    /**
     * Hands the batch to a sender; with a spool, to the spool instead during an outage or while the queue is
     * above the high-water mark and every sender is busy, so that a burst drains at disk speed.
     */
    private void dispatch(Batch batch) {
        while (true) {
            if (abort || (spool != null && outage.get())) {
                spill(batch.items());
                return;
            }
            if (ready.offer(batch)) {
                return;
            }
            if (spool != null && queue.atLeastHalfFull()) {
                spillBurst(batch.items());
                return;
            }
            try {
                if (ready.offer(batch, spool == null ? IDLE_POLL_MILLIS : DISPATCH_WAIT_MILLIS, TimeUnit.MILLISECONDS)) {
                    return;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                spill(batch.items());
                return;
            }
        }
    }

    // ---- sender threads

    private void sendLoop() {
        while (true) {
            Batch batch;
            try {
                batch = ready.poll(IDLE_POLL_MILLIS, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            if (batch == null) {
                if (abort || (encoderDone && ready.isEmpty())) {
                    return;
                }
                continue;
            }
            inFlightBatches.incrementAndGet();
            inFlightItems.addAndGet(batch.size());
            List<BulkItem> unsent = sender.send(batch, spool == null ? 0 : SPOOL_AFTER_FAILURES, () -> abort);
            if (!unsent.isEmpty()) {
                spill(unsent);
            }
            inFlightItems.addAndGet(-batch.size());
            inFlightBatches.decrementAndGet();
            if (settings.lingerMillis() > 0) {
                // a lingered batch may be waiting for this slot; one unpark per request, not per event
                queue.wakeConsumer();
            }
        }
    }

    /** Puts items that cannot be sent now into the spool, or counts them lost when there is none (or it is full). */
    private void spill(List<BulkItem> items) {
        if (spool == null) {
            counters.dropped.add(items.size());
            lost.addAndGet(items.size());
            return;
        }
        syncSpool(appendToSpool(items));
    }

    /**
     * The burst path of the encoder thread: appends without fsync (one fsync per batch would stall the drain,
     * and with it the blocked callers, whenever the disk is slow), so that the queue empties at the speed of
     * buffered writes. {@link #syncBurst()} makes them durable, and counts them, once the queue is below the
     * high-water mark or within {@link #BURST_SYNC_NANOS}. Until then a SIGKILL can lose the writer's buffer
     * (at most 64 KiB), like any unsynced spool write.
     */
    private void spillBurst(List<BulkItem> items) {
        int written = appendToSpool(items);
        if (burstUnsynced == 0) {
            burstUnsyncedSince = System.nanoTime();
        }
        burstUnsynced += written;
    }

    private void syncBurst() {
        if (burstUnsynced > 0) {
            syncSpool(burstUnsynced);
            burstUnsynced = 0;
        }
    }

    /**
     * Appends the items in order. Items refused by a full spool, and after a write failure the items not yet
     * written, are counted lost. Returns how many were written (not yet synced).
     */
    private int appendToSpool(List<BulkItem> items) {
        int written = 0;
        int refused = 0;
        try {
            for (BulkItem item : items) {
                if (spool.append(item.bytes())) {
                    written++;
                } else {
                    refused++;
                    counters.dropped.increment();
                    lost.incrementAndGet();
                    status.error("the spool is full (spoolMaxBytes); events are dropped");
                }
            }
        } catch (IOException e) {
            int left = items.size() - written - refused;
            counters.dropped.add(left);
            lost.addAndGet(left);
            status.error("cannot write to the spool: " + e + "; " + left + " events dropped");
        }
        return written;
    }

    /** Makes the written events durable and counts them spooled, or counts them lost when the sync fails. */
    private void syncSpool(int written) {
        try {
            spool.sync();
            counters.spooled.add(written); // counted once durable, so a reported count survives a crash
        } catch (IOException e) {
            // written but maybe not on disk (after a failed write the spool also refuses to sync): lost
            counters.dropped.add(written);
            lost.addAndGet(written);
            status.error("cannot write to the spool: " + e + "; " + written + " events dropped");
        }
    }

    // ---- replayer thread

    private void replayLoop() {
        int idleRounds = 0;
        // at stop the replayer goes on until the spool is empty and nothing more can come into it (encoder and
        // senders done), or until the shutdown timeout: stop() spends its time on the spooled events too
        while (!abort) {
            try {
                // read before the spool: a sender that spills and ends meanwhile is then seen in pendingRecords()
                boolean finished = stopping && encoderDone && sendersDone();
                if (spool.pendingRecords() == 0) {
                    if (finished) {
                        return;
                    }
                    pause(settings.flushIntervalMillis());
                    continue;
                }
                if (queue.atLeastHalfFull()) {
                    // a burst: the encoder is writing the queue to the spool, and an acknowledgement (two fsyncs
                    // under the spool's lock) would stall it, and with it the callers waiting for room
                    pause(DISPATCH_WAIT_MILLIS);
                    continue;
                }
                List<SpoolRecord> records = spool.peek(settings.maxBatchActions(), settings.maxBatchBytes());
                if (records.isEmpty()) {
                    pause(settings.flushIntervalMillis());
                    continue;
                }
                List<BulkItem> items = new ArrayList<>(records.size());
                for (SpoolRecord r : records) {
                    BulkItem item = BulkItem.fromBytes(r.payload());
                    if (item == null) {
                        counters.dropped.increment();
                        status.error("a spool record is not a bulk item; dropped");
                    } else {
                        items.add(item);
                    }
                }
                List<BulkItem> unsent = items.isEmpty() ? List.of()
                        : sender.send(new Batch(items), 0, () -> abort);
                if (unsent.isEmpty()) {
                    spool.acknowledge(records.get(records.size() - 1));
                    idleRounds = 0;
                }
            } catch (IOException e) {
                status.error("cannot read the spool: " + e.getMessage());
                pause(Math.min(30_000, settings.flushIntervalMillis() << Math.min(++idleRounds, 5)));
            }
        }
    }

    private boolean sendersDone() {
        for (Thread s : senders) {
            if (s.isAlive()) {
                return false;
            }
        }
        return true;
    }

    /**
     * Waits without using interrupts (an interrupt would close the spool's file channels); ends early at abort,
     * and once stopping waits at most {@link #DISPATCH_WAIT_MILLIS}, so the shutdown drain loses no time.
     */
    private void pause(long millis) {
        long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(stopping ? Math.min(millis, DISPATCH_WAIT_MILLIS) : millis);
        for (long left; !abort && (left = end - System.nanoTime()) > 0; ) {
            LockSupport.parkNanos(Math.min(left, stopping ? 1_000_000L : 50_000_000L));
        }
    }

    // ---- shutdown

    /** What a stop left behind: events lost for good, and events left in the spool for a later start. */
    public record StopResult(long lost, long leftInSpool) {
    }

    /**
     * Delivers what is queued, in flight and in the spool within the timeout; then what is left goes to the spool
     * or is counted lost. Returns what this shutdown lost and what it left in the spool.
     */
    public StopResult stop(long timeoutMillis) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        stopping = true;
        queue.wakeConsumer();
        join(encoderThread, deadline);
        for (Thread s : senders) {
            join(s, deadline);
        }
        join(replayerThread, deadline);
        // past the deadline: every thread gives up within about 100 ms, handing its unsent events to spill()
        abort = true;
        queue.wakeConsumer();
        List<Thread> all = new ArrayList<>(senders);
        all.add(encoderThread);
        if (replayerThread != null) {
            all.add(replayerThread);
        }
        long grace = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        for (Thread t : all) {
            join(t, grace);
        }
        if (all.stream().anyMatch(Thread::isAlive)) {
            long stuck = inFlightItems.get();
            counters.dropped.add(stuck);
            lost.addAndGet(stuck);
            status.error(stuck + " events were still being sent when the appender stopped; counted as lost");
        }
        List<BulkItem> leftover = new ArrayList<>();
        for (Batch b; (b = ready.poll()) != null; ) {
            leftover.addAll(b.items());
        }
        for (ILoggingEvent e; (e = queue.poll()) != null; ) {
            if (spool == null) {
                counters.dropped.increment();
                lost.incrementAndGet();
            } else {
                BulkItem item = encode(e);
                if (item != null) {
                    leftover.add(item);
                }
            }
        }
        if (!leftover.isEmpty()) {
            spill(leftover);
        }
        long leftInSpool = 0;
        if (spool != null) {
            try {
                leftInSpool = spool.pendingRecords();
            } catch (RuntimeException e) {
                leftInSpool = -1;
            }
        }
        return new StopResult(lost.get(), leftInSpool);
    }

    private static void join(Thread t, long deadlineNanos) {
        long left = deadlineNanos - System.nanoTime();
        if (left <= 0 || t == null) {
            return;
        }
        try {
            t.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
