package io.mailtrail.logback.spool;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import java.util.zip.CRC32;

/**
 * The acknowledged position: the position just past the last acknowledged record (segment number, offset).
 * Replaced atomically: written to a temporary file, forced to disk, then renamed over the old one, so a crash
 * leaves either the old or the new position, never a mix.
 */
final class AckFile {

    static final String NAME = "spool.ack";
    private static final String TEMP_NAME = NAME + ".tmp";
    private static final int BYTES = 8 + 8 + 4;

    private final Path dir;
    private final Path file;
    private final Path temp;

    AckFile(Path dir) {
        this.dir = dir;
        this.file = dir.resolve(NAME);
        this.temp = dir.resolve(TEMP_NAME);
    }

    /** The stored position; empty when there is none or it is damaged (then everything is replayed). */
    Optional<Position> read() throws IOException {
        Files.deleteIfExists(temp); // left by a crash before its rename: the old file is still the valid one
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
        if (bytes.length != BYTES) {
            return Optional.empty();
        }
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        long segment = buffer.getLong();
        long offset = buffer.getLong();
        int stored = buffer.getInt();
        if (stored != checksum(bytes) || segment < 0 || offset < 0) {
            return Optional.empty();
        }
        return Optional.of(new Position(segment, offset));
    }

    void write(Position position) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(BYTES);
        buffer.putLong(position.segment()).putLong(position.offset());
        buffer.putInt(checksum(buffer.array()));
        buffer.flip();
        try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            channel.force(true);
        }
        Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        Fsync.directory(dir);
    }

    private static int checksum(byte[] bytes) {
        CRC32 crc = new CRC32();
        crc.update(bytes, 0, 16);
        return (int) crc.getValue();
    }
}
