package io.mailtrail.logback.queue;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * A bounded multi-producer queue whose producers never take a lock: a {@link ConcurrentLinkedQueue} plus an
 * atomic size that reserves a slot before the element is linked in. The consumer is woken by unpark.
 *
 * <p>Why not logstash-logback-encoder's ring buffer: a ring buffer cannot discard its oldest slot from the
 * producer side, so it cannot offer the drop-oldest policy; its shaded Disruptor is also not public API.
 */
public final class BoundedEventQueue<E> {

    private final Queue<E> elements = new ConcurrentLinkedQueue<>();
    private final AtomicInteger size = new AtomicInteger();
    private final int capacity;
    private volatile Thread consumer;

    public BoundedEventQueue(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be >= 1: " + capacity);
        }
        this.capacity = capacity;
    }

    /** Sets the thread that {@link #offer} wakes up when it adds to an empty queue. */
    public void setConsumer(Thread consumer) {
        this.consumer = consumer;
    }

    /** Adds the element if there is room; false (nothing added) when full. */
    public boolean offer(E element) {
        int s;
        do {
            s = size.get();
            if (s >= capacity) {
                return false;
            }
        } while (!size.compareAndSet(s, s + 1));
        elements.add(element);
        if (s == 0) {
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
        int dropped = 0;
        while (!offer(element)) {
            if (poll() != null) {
                dropped++;
            }
        }
        return dropped;
    }

    /** Adds the element, waiting up to maxBlockMillis for room; false when still full at the end. */
    public boolean offerBlocking(E element, long maxBlockMillis) {
        if (offer(element)) {
            return true;
        }
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(maxBlockMillis);
        long park = 10_000L;
        while (System.nanoTime() - deadline < 0) {
            LockSupport.parkNanos(park);
            if (offer(element)) {
                return true;
            }
            park = Math.min(park * 2, 1_000_000L);
            if (Thread.currentThread().isInterrupted()) {
                return false;
            }
        }
        return false;
    }

    /** Removes the head, or null when empty. */
    public E poll() {
        E e = elements.poll();
        if (e != null) {
            size.decrementAndGet();
        }
        return e;
    }

    /** The consumer waits up to the given time for an element; returns it or null. */
    public E poll(long timeoutNanos) {
        E e = poll();
        if (e != null || timeoutNanos <= 0) {
            return e;
        }
        LockSupport.parkNanos(this, timeoutNanos);
        return poll();
    }

    public int size() {
        return size.get();
    }

    public int capacity() {
        return capacity;
    }
}
