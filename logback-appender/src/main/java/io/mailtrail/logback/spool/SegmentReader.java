package io.mailtrail.logback.spool;

import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.DataInputStream;
import java.io.IOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.zip.CRC32;

/**
 * Reads frames sequentially from one segment file, from a start offset up to an end offset. Once a read
 * reports an invalid frame the reader stays where that frame starts and must not be used further.
 */
final class SegmentReader implements Closeable {

    private static final int BUFFER_BYTES = 64 * 1024;

    private final FileChannel channel;
    private final DataInputStream in;
    private final long end;
    private final CRC32 crc = new CRC32();
    private long position;
    private int length;
    private int expectedChecksum;

    SegmentReader(Path file, long start, long end) throws IOException {
        this.channel = FileChannel.open(file, StandardOpenOption.READ);
        this.channel.position(start);
        this.in = new DataInputStream(new BufferedInputStream(Channels.newInputStream(channel), BUFFER_BYTES));
        this.position = start;
        this.end = end;
    }

    long position() {
        return position;
    }

    boolean atEnd() {
        return position >= end;
    }

    /** The next record's payload, checksum verified; null when the bytes here are not a whole valid frame. */
    byte[] read() throws IOException {
        if (!readHeader()) {
            return null;
        }
        byte[] payload = new byte[length];
        in.readFully(payload);
        crc.update(payload);
        if ((int) crc.getValue() != expectedChecksum) {
            return null;
        }
        position += Frame.frameBytes(length);
        return payload;
    }

    /** Checks the next frame without keeping its payload; false when it is not a whole valid frame. */
    boolean skipValid(byte[] scratch) throws IOException {
        if (!readHeader()) {
            return false;
        }
        int left = length;
        while (left > 0) {
            int chunk = Math.min(left, scratch.length);
            in.readFully(scratch, 0, chunk);
            crc.update(scratch, 0, chunk);
            left -= chunk;
        }
        if ((int) crc.getValue() != expectedChecksum) {
            return false;
        }
        position += Frame.frameBytes(length);
        return true;
    }

    /**
     * Skips the next frame trusting its length (the frame was validated at open or written by this process);
     * returns its payload length.
     */
    int skipTrusted() throws IOException {
        int payloadLength = in.readInt();
        in.readInt();
        in.skipNBytes(payloadLength);
        position += Frame.frameBytes(payloadLength);
        return payloadLength;
    }

    /** Reads a header and starts {@link #crc} with its length; false when the frame cannot fit before the end. */
    private boolean readHeader() throws IOException {
        long left = end - position;
        if (left < Frame.HEADER_BYTES) {
            return false;
        }
        length = in.readInt();
        expectedChecksum = in.readInt();
        if (length < 0 || length > left - Frame.HEADER_BYTES) {
            return false;
        }
        Frame.checksumOfLength(crc, length);
        return true;
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
