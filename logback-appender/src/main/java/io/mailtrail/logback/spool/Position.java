package io.mailtrail.logback.spool;

/** A byte position in the spool: a segment number and an offset inside that segment file. */
record Position(long segment, long offset) implements Comparable<Position> {

    @Override
    public int compareTo(Position other) {
        int bySegment = Long.compare(segment, other.segment);
        return bySegment != 0 ? bySegment : Long.compare(offset, other.offset);
    }
}
