package dev.strangler.devstack.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Only one local stack at a time may use a data directory. The operating system releases the lock when its holder
 * dies, even by SIGKILL, so whoever gets the lock knows that children recorded in the directory are orphans.
 */
public final class DataDirLock implements AutoCloseable {

    private final FileChannel channel;
    private final FileLock lock;

    private DataDirLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /** Locks {@code dataDir} (through a sibling file, so that the directory itself may be deleted), or fails. */
    public static DataDirLock acquire(Path dataDir) {
        Path lockFile = dataDir.resolveSibling(dataDir.getFileName() + ".lock");
        try {
            Files.createDirectories(lockFile.getParent());
            var channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock;
            try {
                lock = channel.tryLock();
            }
            catch (OverlappingFileLockException held) {
                lock = null;
            }
            if (lock == null) {
                channel.close();
                throw new IllegalStateException("Another local stack is running with its data in " + dataDir
                        + ": stop it first (Ctrl-C in its terminal)");
            }
            return new DataDirLock(channel, lock);
        }
        catch (IOException ex) {
            throw new UncheckedIOException("Could not lock " + lockFile, ex);
        }
    }

    @Override
    public void close() {
        try {
            lock.release();
            channel.close();
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }
}
