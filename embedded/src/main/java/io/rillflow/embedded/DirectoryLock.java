package io.rillflow.embedded;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * An operating-system lock on the data directory's {@value #FILE_NAME} file, held for as long as the server runs.
 *
 * <p>The kernel releases it when the holding process ends, however it ends, so holding it proves that no live JVM
 * uses the directory: any server still running there is an orphan. The name is the one zonky's launcher used, so an
 * application still on an older Rillflow and one on this version also exclude each other.
 */
final class DirectoryLock implements AutoCloseable {
    static final String FILE_NAME = "epg-lock";

    private final FileChannel channel;
    private final FileLock lock;

    private DirectoryLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /** @throws EmbeddedPostgresException naming the directory if another embedded server (in any JVM) holds it */
    static DirectoryLock acquire(Path dataDirectory) {
        FileChannel channel = null;
        try {
            channel = FileChannel.open(
                    dataDirectory.resolve(FILE_NAME), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock = channel.tryLock();
            if (lock != null) {
                return new DirectoryLock(channel, lock);
            }
        } catch (OverlappingFileLockException e) {
            // held by this very JVM: the same refusal as for another one
        } catch (IOException e) {
            closeQuietly(channel);
            throw new EmbeddedPostgresException("Cannot lock the data directory " + dataDirectory + ": " + e, e);
        }
        closeQuietly(channel);
        throw new EmbeddedPostgresException(
                "The data directory " + dataDirectory + " is in use by another embedded PostgreSQL;"
                        + " close that store first or choose another directory",
                null);
    }

    @Override
    public void close() {
        try {
            lock.release();
        } catch (IOException ignored) {
            // closing the channel below releases it anyway
        }
        closeQuietly(channel);
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // nothing was written through it
            }
        }
    }
}
