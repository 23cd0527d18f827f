package io.mailtrail.logback.spool;

import java.io.Closeable;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** An exclusive OS file lock on a folder's lock file, held while a spool is open. */
final class DirectoryLock implements Closeable {

    static final String NAME = "spool.lock";

    /**
     * Folders locked by this JVM. An OS file lock belongs to the whole process, and on POSIX closing any
     * descriptor of the locked file releases it, even one opened only to find the file already locked. So a
     * second open in the same process must be refused before it touches the file; this set is process-wide
     * because the lock it mirrors is.
     */
    private static final Set<Object> HELD_IN_THIS_PROCESS = ConcurrentHashMap.newKeySet();

    private final Path folder;
    private final FileChannel channel;
    private final FileLock lock;

    private DirectoryLock(Path folder, FileChannel channel, FileLock lock) {
        this.folder = folder;
        this.channel = channel;
        this.lock = lock;
    }

    static DirectoryLock acquire(Path dir) throws IOException {
        Path folder = dir.toRealPath();
        Path file = folder.resolve(NAME);
        if (!HELD_IN_THIS_PROCESS.add(folder)) {
            throw new IOException("Spool folder " + dir + " is already open in this process (lock file " + file
                    + "); open it once and share the DiskSpool");
        }
        try {
            return lock(dir, folder, file);
        } catch (IOException | RuntimeException e) {
            HELD_IN_THIS_PROCESS.remove(folder);
            throw e;
        }
    }

    private static DirectoryLock lock(Path dir, Path folder, Path file) throws IOException {
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
            // The same folder reached through another path (a bind mount): closing this channel would release
            // the lock held through the other one, so the channel stays open, referenced for good.
            HELD_IN_THIS_PROCESS.add(channel);
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
        return new DirectoryLock(folder, channel, lock);
    }

    @Override
    public void close() throws IOException {
        try {
            lock.release();
        } finally {
            try {
                channel.close();
            } finally {
                HELD_IN_THIS_PROCESS.remove(folder);
            }
        }
    }
}
