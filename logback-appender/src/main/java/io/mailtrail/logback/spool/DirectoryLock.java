package io.mailtrail.logback.spool;

import java.io.Closeable;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** An exclusive OS file lock on a folder's lock file, held while a spool is open. */
final class DirectoryLock implements Closeable {

    static final String NAME = "spool.lock";

    private final FileChannel channel;
    private final FileLock lock;

    private DirectoryLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    static DirectoryLock acquire(Path dir) throws IOException {
        Path file = dir.resolve(NAME);
        FileChannel channel;
        try {
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new IOException("Cannot use spool folder " + dir + ": cannot open its lock file " + file + " ("
                    + e + ")", e);
        }
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException e) {
            // Closing this second channel would drop the POSIX lock the first one holds, so it stays open
            // until the JVM exits; this only happens on a programming error (opening a folder twice).
            throw new IOException("Spool folder " + dir + " is already open in this process (lock file " + file
                    + "); open it once and share the DiskSpool");
        } catch (IOException e) {
            channel.close();
            throw new IOException("Cannot lock spool folder " + dir + " (" + e + ")", e);
        }
        if (lock == null) {
            channel.close();
            throw new IOException("Spool folder " + dir + " is in use: another process holds its lock file "
                    + file);
        }
        return new DirectoryLock(channel, lock);
    }

    @Override
    public void close() throws IOException {
        try {
            lock.release();
        } finally {
            channel.close();
        }
    }
}
