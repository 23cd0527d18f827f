package io.mailtrail.logback.spool;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * PLACEHOLDER with the contract's public surface only, so the appender compiles before the real spool is
 * merged: one file per record, named by a sequence number. Replaced by the real segment-file spool at merge.
 */
public final class DiskSpool implements java.io.Closeable {
    private final Path dir;
    private final long maxBytes;
    private final FileChannel lockChannel;
    private final FileLock lock;
    private final TreeMap<Long, Long> sizes = new TreeMap<>();
    private long next;
    private long bytes;

    private DiskSpool(Path dir, long maxBytes) throws IOException {
        this.dir = dir;
        this.maxBytes = maxBytes;
        this.lockChannel = FileChannel.open(dir.resolve("spool.lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        this.lock = lockChannel.tryLock();
        if (lock == null) {
            lockChannel.close();
            throw new IOException("spool folder " + dir + " is in use by another process");
        }
        try (Stream<Path> files = Files.list(dir)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                String n = p.getFileName().toString();
                if (n.endsWith(".rec")) {
                    long seq = Long.parseLong(n.substring(0, n.length() - 4));
                    long size = Files.size(p);
                    sizes.put(seq, size);
                    bytes += size;
                    next = Math.max(next, seq + 1);
                }
            }
        }
    }

    public static DiskSpool open(Path dir, long maxBytes, long segmentBytes) throws IOException {
        if (maxBytes <= 0) {
            throw new IllegalArgumentException("maxBytes must be > 0: " + maxBytes);
        }
        if (segmentBytes <= 0) {
            throw new IllegalArgumentException("segmentBytes must be > 0: " + segmentBytes);
        }
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new IOException("spool folder " + dir + " is unusable: " + e.getMessage(), e);
        }
        return new DiskSpool(dir, maxBytes);
    }

    public synchronized boolean append(byte[] record) throws IOException {
        if (bytes + record.length > maxBytes) {
            return false;
        }
        long seq = next++;
        Files.write(dir.resolve(String.format("%020d.rec", seq)), record);
        sizes.put(seq, (long) record.length);
        bytes += record.length;
        return true;
    }

    public void sync() throws IOException {
        // each record is its own file, written completely by append
    }

    public synchronized List<SpoolRecord> peek(int maxRecords, long maxBytes) throws IOException {
        List<SpoolRecord> out = new ArrayList<>();
        long total = 0;
        for (Long seq : sizes.keySet()) {
            if (out.size() >= maxRecords || (!out.isEmpty() && total + sizes.get(seq) > maxBytes)) {
                break;
            }
            byte[] payload = Files.readAllBytes(dir.resolve(String.format("%020d.rec", seq)));
            out.add(new SpoolRecord(seq, 0, payload));
            total += payload.length;
        }
        return out;
    }

    public synchronized void acknowledge(SpoolRecord upTo) throws IOException {
        while (!sizes.isEmpty() && sizes.firstKey() <= upTo.segment()) {
            long seq = sizes.firstKey();
            bytes -= sizes.remove(seq);
            Files.deleteIfExists(dir.resolve(String.format("%020d.rec", seq)));
        }
    }

    public synchronized long pendingRecords() {
        return sizes.size();
    }

    public synchronized long sizeBytes() {
        return bytes;
    }

    public long recoveredCorruptRecords() {
        return 0;
    }

    @Override
    public synchronized void close() throws IOException {
        lock.release();
        lockChannel.close();
    }
}
