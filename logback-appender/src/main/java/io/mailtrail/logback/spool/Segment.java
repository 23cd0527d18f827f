package io.mailtrail.logback.spool;

import java.nio.file.Path;

/** One segment file and how many of its bytes hold valid frames (including any still in the write buffer). */
final class Segment {

    final long number;
    final Path file;
    long size;

    Segment(long number, Path file, long size) {
        this.number = number;
        this.file = file;
        this.size = size;
    }

    Position end() {
        return new Position(number, size);
    }
}
