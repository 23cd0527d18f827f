package io.mailtrail.logback.spool;

/**
 * One record read from a {@link DiskSpool}: where it sits (for {@link DiskSpool#acknowledge(SpoolRecord)})
 * and its payload.
 *
 * @param segment number of the segment file holding the record
 * @param offset  byte position of the record's frame inside that segment file
 * @param payload the bytes given to {@link DiskSpool#append(byte[])}; owned by the caller (the spool keeps no
 *                reference to it)
 */
public record SpoolRecord(long segment, long offset, byte[] payload) {

    /** Says where the record is and how long it is; never prints the payload, which may hold user data. */
    @Override
    public String toString() {
        return "SpoolRecord[segment=" + segment + ", offset=" + offset + ", payloadBytes="
                + (payload == null ? 0 : payload.length) + "]";
    }
}
