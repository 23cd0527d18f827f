package io.mailtrail.logback.spool;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Brings a spool folder back to a consistent state at open: deletes segments wholly before the acknowledged
 * position, validates every frame after it, and cuts each segment at its first invalid frame (a record torn by a
 * crash mid-append, or damaged bytes), so that nothing invalid is ever read back as data.
 */
final class Recovery {

    final List<Segment> segments = new ArrayList<>();
    /** Position just past the last acknowledged record; may point at a segment that is not there yet. */
    final Position acked;
    /** What spool.ack held; empty when it was missing or damaged. */
    final Optional<Position> stored;
    long pendingRecords;
    long corruptRecords;

    private Recovery(Position acked, Optional<Position> stored) {
        this.acked = acked;
        this.stored = stored;
    }

    static Recovery run(Path dir, AckFile ackFile) throws IOException {
        Optional<Position> stored = ackFile.read();
        List<Long> numbers = SegmentFiles.list(dir);
        Position acked = stored.orElse(new Position(numbers.isEmpty() ? 1 : numbers.get(0), 0));
        if (!numbers.isEmpty() && acked.segment() < numbers.get(0)) {
            acked = new Position(numbers.get(0), 0); // the acknowledged segment's file is gone: resume at the next
        }
        List<Segment> kept = new ArrayList<>();
        long pending = 0;
        long corrupt = 0;
        byte[] scratch = new byte[8192];
        for (long number : numbers) {
            Path file = SegmentFiles.path(dir, number);
            if (number < acked.segment()) {
                Files.delete(file); // fully acknowledged; a crash came between the ack and the delete
                continue;
            }
            long size = Files.size(file);
            long start = 0;
            if (number == acked.segment()) {
                start = Math.min(acked.offset(), size);
                acked = new Position(number, start);
            }
            long validEnd;
            try (SegmentReader reader = new SegmentReader(file, start, size)) {
                while (!reader.atEnd() && reader.skipValid(scratch)) {
                    pending++;
                }
                validEnd = reader.position();
            }
            if (validEnd < size) {
                corrupt++;
                truncate(file, validEnd);
            }
            kept.add(new Segment(number, file, validEnd));
        }
        Recovery recovery = new Recovery(acked, stored);
        recovery.segments.addAll(kept);
        recovery.pendingRecords = pending;
        recovery.corruptRecords = corrupt;
        return recovery;
    }

    private static void truncate(Path file, long size) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            channel.truncate(size);
            channel.force(true);
        }
    }
}
