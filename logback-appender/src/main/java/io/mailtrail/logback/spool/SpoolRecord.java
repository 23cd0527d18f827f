package io.mailtrail.logback.spool;

/** One record read from the spool: its position (for acknowledge) and payload. */
public record SpoolRecord(long segment, long offset, byte[] payload) { }
