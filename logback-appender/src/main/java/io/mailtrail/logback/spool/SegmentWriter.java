package io.mailtrail.logback.spool;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.zip.CRC32;

/**
 * Appends frames to the end of one segment file through a buffer, so an append is usually a memory copy; the
 * buffer goes to the OS on {@link #flush()} (or when full) and to the disk on {@link #force()}. A frame that fits
 * in the buffer is never split across two writes.
 */
final class SegmentWriter implements Closeable {

    private static final int BUFFER_BYTES = 64 * 1024;

    private final FileChannel channel;
    private final ByteBuffer buffer = ByteBuffer.allocateDirect(BUFFER_BYTES);
    private final ByteBuffer header = ByteBuffer.allocate(Frame.HEADER_BYTES);
    private final CRC32 crc = new CRC32();

    private SegmentWriter(FileChannel channel) {
        this.channel = channel;
    }

    /** Opens an existing segment file to append after its first end bytes (recovery already cut anything later). */
    static SegmentWriter append(Path file, long end) throws IOException {
        FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE);
        try {
            channel.position(end);
            return new SegmentWriter(channel);
        } catch (IOException e) {
            channel.close();
            throw e;
        }
    }

    static SegmentWriter create(Path file) throws IOException {
        return new SegmentWriter(FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE));
    }

    void write(byte[] payload) throws IOException {
        Frame.checksumOfLength(crc, payload.length).update(payload);
        header.clear();
        header.putInt(payload.length).putInt((int) crc.getValue()).flip();
        if (buffer.remaining() < Frame.frameBytes(payload.length)) {
            flush();
        }
        if (buffer.remaining() >= Frame.frameBytes(payload.length)) {
            buffer.put(header).put(payload);
        } else {
            writeFully(header);
            writeFully(ByteBuffer.wrap(payload));
        }
    }

    void flush() throws IOException {
        buffer.flip();
        try {
            writeFully(buffer);
        } finally {
            buffer.compact();
        }
    }

    void force() throws IOException {
        flush();
        channel.force(false);
    }

    /**
     * Forces what earlier {@link #flush()} calls handed to the OS, without touching the buffer, so it may run on
     * another thread than the one appending (a {@link FileChannel} may be forced while it is written).
     */
    void forceWritten() throws IOException {
        channel.force(false);
    }

    private void writeFully(ByteBuffer bytes) throws IOException {
        while (bytes.hasRemaining()) {
            channel.write(bytes);
        }
    }

    /** Closes without flushing; call {@link #force()} first to keep what is buffered. */
    @Override
    public void close() throws IOException {
        channel.close();
    }
}
