package io.mailtrail.logback.spool;

import java.io.Closeable;
import java.io.IOException;
import java.nio.channels.ClosedByInterruptException;
import java.nio.channels.ClosedChannelException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Durable FIFO of byte records in segment files under one folder; survives restarts and kill -9.
 *
 * <p>Records are appended to the newest segment file ({@code 00000000000000000001.seg}, ...), each framed as
 * length, CRC32 and payload. Appends go through a memory buffer: a record is handed to the OS when the buffer
 * fills, on {@link #sync()}, {@link #peek(int, long)}, a segment roll or {@link #close()}, and is on disk (survives
 * a power loss) once {@link #sync()} returns or the spool is closed. A process killed with SIGKILL loses only
 * what was still in its buffer; a record cut in half is detected and dropped at the next open.
 *
 * <p>{@link #sync()} forces the files outside the lock that appends take, and a segment roll forces nothing
 * (the next sync forces the rolled segment): an {@code fsync} can wait a long time behind other writes to the
 * same disk (Elasticsearch's own, on a shared machine), and the appending thread must keep draining meanwhile.
 *
 * <p>Reading never removes: {@link #peek(int, long)} returns the oldest records after the acknowledged position,
 * and {@link #acknowledge(SpoolRecord)} moves that position (kept in {@code spool.ack}, replaced atomically) and
 * deletes segment files that hold only acknowledged records. The segment being written is deleted when the
 * next one starts, or at {@link #close()} when every record was acknowledged. A crash between sending records and acknowledging them replays them at the next open, so
 * consumers must tolerate seeing a record twice.
 *
 * <p>Only one process may open a folder: an OS lock on {@code spool.lock} is held until {@link #close()}.
 * All methods are thread-safe. After an {@link IOException} from a write the spool refuses further writes;
 * close and reopen it (recovery drops any torn tail).
 */
public final class DiskSpool implements Closeable {

    private final Path dir;
    private final long maxBytes;
    private final long segmentBytes;
    private final DirectoryLock lock;
    private final AckFile ackFile;
    private final long recoveredCorruptRecords;
    /** Oldest first; the last one is being written. */
    private final ArrayDeque<Segment> segments = new ArrayDeque<>();
    private SegmentWriter writer;
    /** Position just past the last acknowledged record. */
    private Position acked;
    private long pendingRecords;
    private long sizeBytes;
    private IOException writeFailure;
    private boolean closed;
    /** Rolled segments whose bytes are with the OS but not forced yet; the next sync forces and closes them. */
    private final List<Rolled> rolledUnforced = new ArrayList<>();
    /** A roll created a file whose directory entry is not forced yet. */
    private boolean directoryUnforced;
    /**
     * Held by {@link #sync()} while it forces, outside the spool's own lock: syncs run one at a time, so a sync
     * that returns never leaves behind a rolled segment another sync is still forcing. Taken before the spool's
     * lock, never after.
     */
    private final Object forcing = new Object();

    private DiskSpool(Path dir, long maxBytes, long segmentBytes, DirectoryLock lock) throws IOException {
        this.dir = dir;
        this.maxBytes = maxBytes;
        this.segmentBytes = segmentBytes;
        this.lock = lock;
        this.ackFile = new AckFile(dir);
        Recovery recovery = Recovery.run(dir, ackFile);
        this.recoveredCorruptRecords = recovery.corruptRecords;
        this.pendingRecords = recovery.pendingRecords;
        this.acked = recovery.acked;
        segments.addAll(recovery.segments);
        if (segments.isEmpty()) {
            long first = Math.max(1, acked.segment());
            Segment segment = new Segment(first, SegmentFiles.path(dir, first), 0);
            writer = SegmentWriter.create(segment.file);
            Fsync.directory(dir);
            segments.add(segment);
            acked = segment.end();
        } else {
            Segment last = segments.getLast();
            writer = SegmentWriter.append(last.file, last.size);
        }
        for (Segment segment : segments) {
            sizeBytes += segment.size;
        }
        dropAcknowledgedSegments();
        if (!recovery.stored.equals(Optional.of(acked))) {
            try {
                ackFile.write(acked);
                deleteSegmentsBefore(acked.segment());
            } catch (IOException e) {
                writer.close();
                throw e;
            }
        }
    }

    /**
     * Opens (creating if needed) the spool in dir, recovering existing segments (a torn last record is dropped
     * and counted); maxBytes bounds the total size on disk; segmentBytes is the size at which a new segment
     * file starts. Throws IOException with a message naming the folder when it is unusable;
     * IllegalArgumentException naming the parameter for bad sizes. Only one process may open a folder (file
     * lock).
     *
     * @param dir          the spool folder; created with its parents when missing
     * @param maxBytes     upper bound of the bytes on disk (frames of 8 bytes plus payload); appends beyond it
     *                     return false
     * @param segmentBytes a new segment file starts when a record would take the current one past this size;
     *                     at most maxBytes. Space is freed a whole segment at a time, so a segment of a few MiB
     *                     (a small fraction of maxBytes) keeps the bound close to the data really pending
     */
    public static DiskSpool open(Path dir, long maxBytes, long segmentBytes) throws IOException {
        Objects.requireNonNull(dir, "dir");
        if (maxBytes <= 0) {
            throw new IllegalArgumentException("maxBytes must be positive, was " + maxBytes);
        }
        if (segmentBytes <= 0) {
            throw new IllegalArgumentException("segmentBytes must be positive, was " + segmentBytes);
        }
        if (segmentBytes > maxBytes) {
            throw new IllegalArgumentException("segmentBytes (" + segmentBytes + ") must not exceed maxBytes ("
                    + maxBytes + ")");
        }
        Path folder = dir.toAbsolutePath();
        try {
            Files.createDirectories(folder);
        } catch (IOException e) {
            throw new IOException("Cannot create spool folder " + folder + " (" + e + ")", e);
        }
        if (!Files.isWritable(folder)) {
            throw new IOException("Spool folder " + folder + " is not writable");
        }
        DirectoryLock lock = DirectoryLock.acquire(folder);
        try {
            return new DiskSpool(folder, maxBytes, segmentBytes, lock);
        } catch (IOException | RuntimeException e) {
            lock.close();
            if (e instanceof IOException) {
                throw new IOException("Cannot open spool folder " + folder + " (" + e.getMessage() + ")", e);
            }
            throw e;
        }
    }

    /**
     * Appends one record (durable once sync() returns or the spool is closed). Returns false, writing nothing,
     * when the spool is full (the caller counts a drop). Thread-safe.
     *
     * @param record the payload; the spool copies it before returning
     */
    public synchronized boolean append(byte[] record) throws IOException {
        Objects.requireNonNull(record, "record");
        ensureWritable();
        long frame = Frame.frameBytes(record.length);
        Segment current = segments.getLast();
        boolean roll = current.size > 0 && current.size + frame > segmentBytes;
        long freedByRoll = roll && acked.equals(current.end()) ? current.size : 0;
        if (sizeBytes - freedByRoll + frame > maxBytes) {
            return false;
        }
        try {
            if (roll) {
                roll();
            }
            writer.write(record);
        } catch (IOException e) {
            throw failed(e);
        }
        segments.getLast().size += frame;
        sizeBytes += frame;
        pendingRecords++;
        return true;
    }

    /** Forces appended records to disk (fsync); appends from other threads go on meanwhile. */
    public void sync() throws IOException {
        synchronized (forcing) {
            List<Rolled> rolled;
            SegmentWriter current;
            boolean directory;
            synchronized (this) {
                ensureWritable();
                try {
                    writer.flush();
                } catch (IOException e) {
                    throw failed(e);
                }
                rolled = new ArrayList<>(rolledUnforced);
                rolledUnforced.clear();
                current = writer;
                directory = directoryUnforced;
                directoryUnforced = false;
            }
            try {
                for (Rolled r : rolled) {
                    r.writer().forceWritten();
                    r.writer().close();
                }
                if (directory) {
                    Fsync.directory(dir);
                }
                // flushed above; bytes appended since are not promised by this sync
                forceUnlessRetired(current);
            } catch (IOException e) {
                for (Rolled r : rolled) {
                    closeQuietly(r.writer());
                }
                synchronized (this) {
                    throw failed(e);
                }
            }
        }
    }

    /**
     * Forces the segment that was being written when the sync began. An append may have rolled it since, and the
     * replayer acknowledged all of it, closing it (see deleteSegmentsBefore): then nothing is left to promise.
     */
    private static void forceUnlessRetired(SegmentWriter w) throws IOException {
        try {
            w.forceWritten();
        } catch (ClosedByInterruptException e) {
            throw e;
        } catch (ClosedChannelException retired) {
            // closed by deleteSegmentsBefore after its records were all acknowledged
        }
    }

    private static void closeQuietly(SegmentWriter w) {
        try {
            w.close();
        } catch (IOException ignored) {
            // already failing: the first error is the one reported
        }
    }

    /**
     * Up to maxRecords records / maxBytes payload bytes (at least one record if any), oldest first, starting
     * after the last acknowledged one; nothing is removed.
     *
     * @param maxRecords at least 1
     * @param maxBytes   bound of the summed payload sizes, at least 1; a first record larger than this is still
     *                   returned (alone) so that the spool never stalls
     * @throws IOException when a file cannot be read or its bytes changed since they were written or recovered
     */
    public synchronized List<SpoolRecord> peek(int maxRecords, long maxBytes) throws IOException {
        if (maxRecords < 1) {
            throw new IllegalArgumentException("maxRecords must be at least 1, was " + maxRecords);
        }
        if (maxBytes < 1) {
            throw new IllegalArgumentException("maxBytes must be at least 1, was " + maxBytes);
        }
        ensureWritable();
        try {
            writer.flush(); // the newest records may still be in the write buffer
        } catch (IOException e) {
            throw failed(e);
        }
        List<SpoolRecord> records = new ArrayList<>();
        long bytes = 0;
        for (Segment segment : segments) {
            long start = segment.number == acked.segment() ? acked.offset() : 0;
            if (segment.number < acked.segment() || start >= segment.size) {
                continue;
            }
            try (SegmentReader reader = new SegmentReader(segment.file, start, segment.size)) {
                while (!reader.atEnd()) {
                    long offset = reader.position();
                    byte[] payload = reader.read();
                    if (payload == null) {
                        throw new IOException("Spool segment " + segment.file + " is damaged at offset " + offset
                                + " (changed after it was written); reopen the spool to drop the damaged part");
                    }
                    if (!records.isEmpty() && bytes + payload.length > maxBytes) {
                        return records;
                    }
                    records.add(new SpoolRecord(segment.number, offset, payload));
                    bytes += payload.length;
                    if (records.size() >= maxRecords) {
                        return records;
                    }
                }
            }
        }
        return records;
    }

    /**
     * Marks every record up to and including {@code upTo} as done (persisted atomically); segment files whose
     * records are all done are deleted. Acknowledging a record that is already done does nothing.
     *
     * @param upTo a record returned by {@link #peek(int, long)} on this spool
     * @throws IllegalArgumentException when upTo is not a record of this spool
     */
    public synchronized void acknowledge(SpoolRecord upTo) throws IOException {
        Objects.requireNonNull(upTo, "upTo");
        ensureWritable();
        Position target = new Position(upTo.segment(), upTo.offset());
        if (target.compareTo(acked) < 0) {
            return;
        }
        try {
            writer.flush();
        } catch (IOException e) {
            throw failed(e);
        }
        long done = 0;
        Position next = null;
        for (Segment segment : segments) {
            if (segment.number < acked.segment() || segment.number > target.segment()) {
                continue;
            }
            long start = segment.number == acked.segment() ? acked.offset() : 0;
            try (SegmentReader reader = new SegmentReader(segment.file, start, segment.size)) {
                while (!reader.atEnd() && next == null) {
                    boolean isTarget = segment.number == target.segment() && reader.position() == target.offset();
                    int payloadLength = reader.skipTrusted();
                    done++;
                    if (isTarget) {
                        if (upTo.payload() != null && upTo.payload().length != payloadLength) {
                            throw notARecord(upTo);
                        }
                        next = new Position(segment.number, reader.position());
                    }
                }
            }
        }
        if (next == null) {
            throw notARecord(upTo);
        }
        acked = next;
        pendingRecords -= done;
        dropAcknowledgedSegments();
        ackFile.write(acked);
        deleteSegmentsBefore(acked.segment());
    }

    /** Records appended and not yet acknowledged. */
    public synchronized long pendingRecords() {
        return pendingRecords;
    }

    /** Bytes on disk (including bytes still in the write buffer), in every segment file not yet deleted. */
    public synchronized long sizeBytes() {
        return sizeBytes;
    }

    /**
     * Records dropped while recovering torn/corrupt data at open: each segment cut at an invalid frame counts
     * one (a crash mid-append tears at most the last record; damage inside a file loses the rest of that file,
     * since the length fields after it cannot be trusted).
     */
    public long recoveredCorruptRecords() {
        return recoveredCorruptRecords;
    }

    /** Writes buffered records to disk, then releases the folder lock. Further calls fail; closing again does nothing. */
    @Override
    public void close() throws IOException {
        synchronized (forcing) {
            closeHoldingForcing();
        }
    }

    private synchronized void closeHoldingForcing() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        try (lock) {
            for (Rolled r : rolledUnforced) {
                try (SegmentWriter w = r.writer()) {
                    if (writeFailure == null) {
                        w.forceWritten();
                    }
                }
            }
            rolledUnforced.clear();
            try (SegmentWriter w = writer) {
                if (writeFailure == null) {
                    w.force();
                }
            }
            if (directoryUnforced && writeFailure == null) {
                Fsync.directory(dir);
            }
            if (writeFailure == null && pendingRecords == 0) {
                // everything was delivered: keep no event data on disk. The next open starts a fresh segment
                // and rewrites the ack file before any append, so the numbering stays consistent.
                for (Segment segment : segments) {
                    Files.deleteIfExists(segment.file);
                }
                Fsync.directory(dir);
            }
        }
    }

    @Override
    public String toString() {
        return "DiskSpool[" + dir + "]";
    }

    /** Moves the acknowledged position past segments it has fully consumed (never past the one being written). */
    private boolean dropAcknowledgedSegments() {
        boolean moved = false;
        Iterator<Segment> it = segments.iterator();
        while (it.hasNext()) {
            Segment segment = it.next();
            if (segment == segments.getLast() || !acked.equals(segment.end())) {
                break;
            }
            acked = new Position(segment.number + 1, 0);
            moved = true;
        }
        return moved;
    }

    /** Deletes segment files below the acknowledged segment; the ack file must already be written. */
    private void deleteSegmentsBefore(long segment) throws IOException {
        // a rolled segment not forced yet is still open: close it first (some systems refuse to delete an open
        // file); its records are acknowledged, so there is nothing left to force
        for (Iterator<Rolled> it = rolledUnforced.iterator(); it.hasNext(); ) {
            Rolled r = it.next();
            if (r.segment() < segment) {
                it.remove();
                r.writer().close();
            }
        }
        while (segments.getFirst().number < segment) {
            Segment gone = segments.removeFirst();
            Files.deleteIfExists(gone.file);
            sizeBytes -= gone.size;
        }
    }

    private void roll() throws IOException {
        Segment old = segments.getLast();
        writer.flush(); // to the OS now, to the disk at the next sync(), which is not on this appending thread's clock
        rolledUnforced.add(new Rolled(old.number, writer));
        Segment next = new Segment(old.number + 1, SegmentFiles.path(dir, old.number + 1), 0);
        writer = SegmentWriter.create(next.file);
        directoryUnforced = true;
        segments.addLast(next);
        if (dropAcknowledgedSegments()) {
            ackFile.write(acked);
            deleteSegmentsBefore(acked.segment());
        }
    }

    private void ensureWritable() throws IOException {
        if (closed) {
            throw new IOException("Spool " + dir + " is closed");
        }
        if (writeFailure != null) {
            throw new IOException("Spool " + dir + " failed to write earlier (" + writeFailure.getMessage()
                    + "); close and reopen it", writeFailure);
        }
    }

    private IOException failed(IOException e) {
        writeFailure = e;
        return new IOException("Spool " + dir + ": write failed (" + e.getMessage() + ")", e);
    }

    /** A rolled segment's writer, kept open until a sync forces it. */
    private record Rolled(long segment, SegmentWriter writer) {
    }

    private static IllegalArgumentException notARecord(SpoolRecord upTo) {
        return new IllegalArgumentException("upTo is not a pending record of this spool: " + upTo);
    }
}
