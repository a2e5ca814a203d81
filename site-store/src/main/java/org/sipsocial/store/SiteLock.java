package org.sipsocial.store;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.StandardOpenOption;

/**
 * One opener of a site at a time: an exclusive lock on {@code <home>/site.lock}, held while the store is open,
 * by a running site or by a CLI command. The operating system drops it when the process dies, kill -9 included,
 * so a crash never leaves a site locked.
 */
final class SiteLock implements AutoCloseable {
    private final FileChannel channel;
    private final FileLock lock;

    private SiteLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    static SiteLock acquire(SiteHome home) {
        FileChannel channel = null;
        try {
            channel = FileChannel.open(home.lockFile(), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock = channel.tryLock();
            if (lock == null) {
                throw inUse(home);
            }
            return new SiteLock(channel, lock);
        } catch (OverlappingFileLockException e) {
            closeQuietly(channel);
            throw inUse(home);
        } catch (java.nio.file.AccessDeniedException | java.nio.file.ReadOnlyFileSystemException e) {
            closeQuietly(channel);
            throw notWritable(home, e);
        } catch (java.nio.file.FileSystemException e) {
            closeQuietly(channel);
            if (e.getReason() != null && e.getReason().contains("Read-only file system")) throw notWritable(home, e);
            throw new StoreException(StoreFailure.STORE_DAMAGED, "cannot lock " + home.lockFile() + ": " + e.getMessage(), e);
        } catch (IOException e) {
            closeQuietly(channel);
            throw new StoreException(StoreFailure.STORE_DAMAGED, "cannot lock " + home.lockFile() + ": " + e.getMessage(), e);
        } catch (StoreException e) {
            closeQuietly(channel);
            throw e;
        }
    }

    /**
     * The home cannot be written (issue 16): say so, and what to do, rather than call the store damaged. Nothing was
     * opened, so nothing can be corrupted.
     */
    private static StoreException notWritable(SiteHome home, Exception cause) {
        String reason = cause instanceof java.nio.file.FileSystemException fs && fs.getReason() != null
                ? fs.getReason() : cause.getClass().getSimpleName();
        return new StoreException(StoreFailure.HOME_NOT_WRITABLE, "the site home " + home.root() + " cannot be written ("
                + reason + "): the site keeps its database and lock there; make it writable (mount it read-write, or "
                + "give this user write access) and start again", cause);
    }

    private static StoreException inUse(SiteHome home) {
        return new StoreException(StoreFailure.STORE_IN_USE, "the site in " + home.root()
                + " is in use by another process (is it running? stop it first)");
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // Nothing was locked through it; closing is best effort.
            }
        }
    }

    @Override
    public void close() {
        try {
            lock.release();
            channel.close();
        } catch (IOException e) {
            throw new StoreException(StoreFailure.STORE_DAMAGED, "cannot release the site lock: " + e.getMessage(), e);
        }
    }
}
