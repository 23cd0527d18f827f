package io.mailtrail.logback.spool;

import java.util.zip.CRC32;

/**
 * The on-disk framing of one record: a 4-byte big-endian payload length, a 4-byte CRC32, then the payload.
 * The checksum covers the length bytes as well as the payload, so a damaged length (or a run of zeros left by
 * a torn write) is caught, not only a damaged payload.
 */
final class Frame {

    static final int HEADER_BYTES = 8;

    private Frame() {
    }

    static long frameBytes(int payloadLength) {
        return HEADER_BYTES + (long) payloadLength;
    }

    /** Starts a checksum with the length bytes; the caller adds the payload. */
    static CRC32 checksumOfLength(CRC32 crc, int length) {
        crc.reset();
        crc.update(length >>> 24);
        crc.update(length >>> 16);
        crc.update(length >>> 8);
        crc.update(length);
        return crc;
    }
}
