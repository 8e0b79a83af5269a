package org.salientsi.validation.checkpoint;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;

/**
 * An exclusive lock on a study's output folder, held while a run writes into it: an operating-system
 * lock ({@link FileChannel#tryLock()}) on the file {@value #FILE} in the folder, so a second run on the
 * same folder, in this process or another, is refused ({@link StudyFolderLockedException}) instead of
 * interleaving its rows with the first's. The lock goes with the process: a killed run leaves no stale
 * lock (the file stays, unlocked, and says who held it last). Each folder has its own lock, so shards
 * of one study that write separate folders run at once.
 *
 * <pre>{@code
 * try (StudyFolderLock lock = StudyFolderLock.acquire(out)) {
 *     StudyRunner.runInFolder(study, executor, lock, listener);
 * }
 * }</pre>
 */
public final class StudyFolderLock implements AutoCloseable {

    /** The lock file's name inside a study folder. */
    public static final String FILE = ".salientsi-study.lock";

    private final Path folder;
    private final FileChannel channel;
    private final FileLock lock;

    private StudyFolderLock(Path folder, FileChannel channel, FileLock lock) {
        this.folder = folder;
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Creates the folder if needed and locks it.
     *
     * @param folder the study folder
     * @return the held lock; close it when the run is over
     * @throws StudyFolderLockedException if another run holds the folder
     * @throws UncheckedIOException if the folder or its lock file cannot be created (naming the path and
     *     why: permission denied, read-only file system, not a directory, ...)
     */
    public static StudyFolderLock acquire(Path folder) {
        try {
            Files.createDirectories(folder);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create study folder " + folder + ": " + IoReasons.of(e), e);
        }
        Path file = folder.resolve(FILE);
        FileChannel channel;
        try {
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write in study folder " + folder + " (lock file " + FILE + "): "
                    + IoReasons.of(e), e);
        }
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null; // held by another run in this process
        } catch (IOException e) {
            closeQuietly(channel);
            throw new UncheckedIOException("cannot lock study folder " + folder + ": " + IoReasons.of(e), e);
        }
        if (lock == null) {
            String holder = holder(channel);
            closeQuietly(channel);
            throw new StudyFolderLockedException(folder, holder);
        }
        try {
            byte[] who = ("pid " + ProcessHandle.current().pid() + " since " + Instant.now() + "\n")
                    .getBytes(StandardCharsets.UTF_8);
            channel.truncate(0);
            channel.write(ByteBuffer.wrap(who), 0);
        } catch (IOException e) {
            // the note of who holds the lock is for people; the lock holds without it
        }
        return new StudyFolderLock(folder, channel, lock);
    }

    /** @return the first line of the lock file (who holds it), or null */
    private static String holder(FileChannel channel) {
        try {
            ByteBuffer buffer = ByteBuffer.allocate(200);
            int n = channel.read(buffer, 0);
            if (n <= 0) {
                return null;
            }
            String text = new String(buffer.array(), 0, n, StandardCharsets.UTF_8).strip();
            int end = text.indexOf('\n');
            return text.isEmpty() ? null : end < 0 ? text : text.substring(0, end);
        } catch (IOException e) {
            return null;
        }
    }

    private static void closeQuietly(FileChannel channel) {
        try {
            channel.close();
        } catch (IOException e) {
            // nothing was written through it
        }
    }

    /** @return the locked folder */
    public Path folder() {
        return folder;
    }

    /** @return whether the lock is still held */
    public boolean isHeld() {
        return lock.isValid();
    }

    /** Releases the lock (the lock file stays). */
    @Override
    public void close() {
        try {
            lock.release();
        } catch (IOException e) {
            // the lock goes with the channel below
        } finally {
            closeQuietly(channel);
        }
    }

    @Override
    public String toString() {
        return "StudyFolderLock[" + folder + (isHeld() ? ", held]" : ", released]");
    }
}
