package io.mailtrail.logback.queue;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;
import java.util.function.ToIntFunction;

/**
 * A bounded multi-producer queue whose producers never take a lock: a {@link ConcurrentLinkedQueue} plus an
 * atomic size that reserves a slot before the element is linked in, and an atomic byte total that reserves the
 * element's weight (its estimated retained heap) against a byte budget. Both bounds hold at once: the count
 * bounds the per-element overhead of tiny elements, the bytes bound the heap whatever the elements' size.
 *
 * <p>Producers wake the consumer (an unpark, a system call) only when it is parked and the queue holds at least
 * {@code wakeAt} elements, not on every offer to an empty queue: a logging call that keeps pace with the
 * consumer costs no system call. The consumer bounds its own waits (see {@link #poll(long)}), so an element
 * below that threshold waits at most the consumer's timeout.
 *
 * <p>Why not logstash-logback-encoder's ring buffer: a ring buffer cannot discard its oldest slot from the
 * producer side, so it cannot offer the drop-oldest policy; its shaded Disruptor is also not public API.
 */
public final class BoundedEventQueue<E> {

    /** How often a producer waiting in {@link #offerBlocking} looks for room again. */
    private static final long BLOCKED_RETRY_NANOS = 50_000L;
    /**
     * A gap between two looks of a waiting producer longer than this means the producer itself did not run (a
     * stop-the-world GC pause, the OS not scheduling it): that time is not counted as waiting for room.
     */
    private static final long NOT_RUNNING_NANOS = 5_000_000L;

    /** An element and the weight reserved for it, released when it leaves the queue. */
    private record Entry<E>(E element, int weight) {
    }

    private final Queue<Entry<E>> elements = new ConcurrentLinkedQueue<>();
    private final AtomicInteger size = new AtomicInteger();
    private final AtomicLong bytes = new AtomicLong();
    private final int capacity;
    private final long maxBytes;
    /** Half the byte budget, rounded up: the spool's high-water mark and the consumer's early wake-up. */
    private final long halfBytes;
    private final ToIntFunction<? super E> weigher;
    private final LongSupplier nanoClock;
    private volatile Thread consumer;
    private volatile boolean consumerParked;
    private volatile int wakeAt = 1;
    /** Producers inside {@link #offerBlocking}; new ones queue behind them rather than take a freed slot first. */
    private final AtomicInteger waitingProducers = new AtomicInteger();

    /** A queue bounded by count only (every element weighs 0). */
    public BoundedEventQueue(int capacity) {
        this(capacity, Long.MAX_VALUE, e -> 0);
    }

    /**
     * @param capacity most elements held at once
     * @param maxBytes most total weight held at once; one element heavier than this is still taken into an empty
     *                 queue, so that no element is refused for its size alone
     * @param weigher  the weight of an element (estimated bytes it retains), called once per offer on the
     *                 producer's thread; it must be cheap and must not throw
     */
    public BoundedEventQueue(int capacity, long maxBytes, ToIntFunction<? super E> weigher) {
        this(capacity, maxBytes, weigher, System::nanoTime);
    }

    /** With the clock {@link #offerBlocking} measures its wait by (tests stand in for pauses with it). */
    BoundedEventQueue(int capacity, long maxBytes, ToIntFunction<? super E> weigher, LongSupplier nanoClock) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be >= 1: " + capacity);
        }
        if (maxBytes < 1) {
            throw new IllegalArgumentException("maxBytes must be >= 1: " + maxBytes);
        }
        this.capacity = capacity;
        this.maxBytes = maxBytes;
        this.halfBytes = maxBytes - maxBytes / 2;
        this.weigher = weigher;
        this.nanoClock = nanoClock;
    }

    /**
     * Sets the thread that {@link #offer} wakes up while it waits in {@link #poll(long)} and the queue holds
     * wakeAt elements or more (capped at the capacity, so a full queue always wakes it).
     */
    public void setConsumer(Thread consumer, int wakeAt) {
        if (wakeAt < 1) {
            throw new IllegalArgumentException("wakeAt must be >= 1: " + wakeAt);
        }
        this.wakeAt = Math.min(wakeAt, capacity);
        this.consumer = consumer;
    }

    /** Adds the element if there is room; false (nothing added) when full. */
    public boolean offer(E element) {
        return offer(element, Math.max(0, weigher.applyAsInt(element)));
    }

    private boolean offer(E element, int weight) {
        long b;
        do {
            b = bytes.get();
            if (b > 0 && b + weight > maxBytes) {
                return false;
            }
        } while (!bytes.compareAndSet(b, b + weight));
        int s;
        do {
            s = size.get();
            if (s >= capacity) {
                bytes.addAndGet(-weight);
                return false;
            }
        } while (!size.compareAndSet(s, s + 1));
        elements.add(new Entry<>(element, weight));
        // size is written (CAS) before consumerParked is read, and poll(long) writes consumerParked before it
        // reads size: one of the two always sees the other, so the consumer cannot sleep past the threshold
        if (consumerParked && (s + 1 >= wakeAt || b + weight >= halfBytes)) {
            Thread c = consumer;
            if (c != null) {
                LockSupport.unpark(c);
            }
        }
        return true;
    }

    /**
     * Adds the element, removing the oldest ones while full; returns how many were removed (each a drop).
     */
    public int offerDroppingOldest(E element) {
        int weight = Math.max(0, weigher.applyAsInt(element));
        int dropped = 0;
        while (!offer(element, weight)) {
            if (poll() != null) {
                dropped++;
            }
        }
        return dropped;
    }

    /**
     * Adds the element, waiting up to maxBlockMillis for room; false when still full at the end.
     *
     * <p>Waiting producers retry at one fixed short cadence, and a producer does not pass them while any
     * waits: an exponential backoff would let a producer that has just been served (retrying after 10 µs)
     * take every freed slot from one that has waited long (retrying every millisecond), until that one runs
     * out of time and drops its event while the queue is draining.
     *
     * <p>The time counted is the time the producer spent waiting: a stretch in which it did not run at all (a
     * stop-the-world GC pause stops the consumer too, so nothing could drain) moves its deadline on. Otherwise every
     * producer waiting when a pause longer than maxBlockMillis began would drop its event at once when it ends.
     * Whatever the pauses, the wait ends after ten times maxBlockMillis of wall time.
     */
    public boolean offerBlocking(E element, long maxBlockMillis) {
        int weight = Math.max(0, weigher.applyAsInt(element));
        if (waitingProducers.get() == 0 && offer(element, weight)) {
            return true;
        }
        long lastLook = nanoClock.getAsLong();
        long blockNanos = TimeUnit.MILLISECONDS.toNanos(maxBlockMillis);
        long deadline = lastLook + blockNanos;
        // however long the pauses, a logging call waits at most ten times maxBlockMillis of wall time
        long latest = lastLook + 10 * blockNanos;
        waitingProducers.incrementAndGet();
        try {
            while (true) {
                if (offer(element, weight)) {
                    return true;
                }
                long now = nanoClock.getAsLong();
                if (now - lastLook > NOT_RUNNING_NANOS) {
                    deadline += now - lastLook;
                }
                lastLook = now;
                long left = Math.min(deadline, latest) - now;
                if (left <= 0 || Thread.currentThread().isInterrupted()) {
                    return false;
                }
                LockSupport.parkNanos(this, Math.min(left, BLOCKED_RETRY_NANOS));
            }
        } finally {
            waitingProducers.decrementAndGet();
        }
    }

    /** Removes the head, or null when empty. */
    public E poll() {
        Entry<E> e = elements.poll();
        if (e == null) {
            return null;
        }
        size.decrementAndGet();
        bytes.addAndGet(-e.weight());
        return e.element();
    }

    /**
     * The consumer takes the head, or, when the queue is empty, waits up to the given time (less when woken: the
     * queue reached the wake threshold, or {@link #wakeConsumer()}) and then takes the head; null when empty.
     */
    public E poll(long timeoutNanos) {
        E e = poll();
        if (e != null || timeoutNanos <= 0) {
            return e;
        }
        consumerParked = true;
        try {
            if (size.get() < wakeAt && bytes.get() < halfBytes) {
                LockSupport.parkNanos(this, timeoutNanos);
            }
        } finally {
            consumerParked = false;
        }
        return poll();
    }

    /** Wakes the consumer now, whatever the size (e.g. at stop). */
    public void wakeConsumer() {
        Thread c = consumer;
        if (c != null) {
            LockSupport.unpark(c);
        }
    }

    public int size() {
        return size.get();
    }

    /**
     * True when no slot is free right now: one volatile read, so a producer that would give up on a full
     * queue can do so before it spends anything on the element. A slot may free up (or be taken) just after.
     */
    public boolean isFull() {
        return size.get() >= capacity || bytes.get() >= maxBytes;
    }

    /** The total weight held now (estimated bytes). */
    public long bytes() {
        return bytes.get();
    }

    public long maxBytes() {
        return maxBytes;
    }

    /** True when the queue holds at least half its capacity or half its byte budget. */
    public boolean atLeastHalfFull() {
        return size.get() >= (capacity + 1) / 2 || bytes.get() >= halfBytes;
    }

    public int capacity() {
        return capacity;
    }
}
