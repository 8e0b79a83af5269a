package org.salientsi.validation.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.salientsi.api.error.InvalidInputException;
import org.salientsi.validation.study.TrialRow;

/**
 * A checkpoint on a disk that fills up: the failed write is reported naming the file and why, the file
 * keeps every whole row written before (the part of the failed line is cut back), no later row is
 * appended after the gap, and the study resumes from the kept rows.
 */
class CheckpointWriteFailureTest {

    private static final Map<String, String> STUDY = Map.of("model", "model_8.h5", "seed", "1");

    @TempDir
    Path dir;

    private static TrialRow row(int i) {
        return new TrialRow(i, 1000L + i, 0.1 * (i % 10), 0.5, 0.01, -1.25 + i, 0.75, 7 + i, 300 + i, i % 3,
                0.001 * i);
    }

    @Test
    void aFullDiskKeepsTheRowsWrittenAndTheStudyResumes() throws IOException {
        Path file = dir.resolve("trials.jsonl");
        // room for the header and two rows, then part of a third
        long room;
        try (TrialCheckpoint c = TrialCheckpoint.open(dir.resolve("probe.jsonl"), STUDY)) {
            c.accept(row(0));
            c.accept(row(1));
        }
        room = Files.size(dir.resolve("probe.jsonl")) + 40;
        try (TrialCheckpoint c = TrialCheckpoint.open(file, STUDY, f -> new FullDisk(FileChannel.open(f,
                StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND), room))) {
            c.accept(row(0));
            c.accept(row(1));
            assertThatThrownBy(() -> c.accept(row(2))).isInstanceOf(UncheckedIOException.class)
                    .hasMessage("cannot append to checkpoint " + file + ": No space left on device; the 2 rows "
                            + "written before are kept: run the same command again to resume once that is fixed");
            // no row after the gap, even once there is room again
            assertThatThrownBy(() -> c.accept(row(3))).isInstanceOf(UncheckedIOException.class)
                    .hasMessageContaining("a write before failed: No space left on device");
        }
        assertThat(Files.readString(file)).isEqualTo(Files.readString(dir.resolve("probe.jsonl")));
        try (TrialCheckpoint c = TrialCheckpoint.open(file, STUDY)) {
            assertThat(c.tornLines()).isZero();
            assertThat(c.rows()).containsExactly(row(0), row(1));
            c.accept(row(2));
        }
        try (TrialCheckpoint c = TrialCheckpoint.open(file, STUDY)) {
            assertThat(c.rows()).containsExactly(row(0), row(1), row(2));
        }
    }

    @Test
    void aCheckpointThatIsNotARegularFileIsRefused() throws IOException {
        Path folder = Files.createDirectories(dir.resolve("trials.jsonl"));
        assertThatThrownBy(() -> TrialCheckpoint.open(folder, STUDY)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining(folder + " is not a regular file");
    }

    /** A file channel whose disk has {@code room} bytes: a write beyond them stops there and fails. */
    private static final class FullDisk extends FileChannel {
        private final FileChannel inner;
        private final long room;

        FullDisk(FileChannel inner, long room) {
            this.inner = inner;
            this.room = room;
        }

        @Override
        public int write(ByteBuffer src) throws IOException {
            long free = room - inner.size();
            if (free <= 0) {
                throw new IOException("No space left on device");
            }
            if (src.remaining() > free) {
                ByteBuffer part = src.duplicate();
                part.limit(part.position() + (int) free);
                int n = inner.write(part);
                src.position(src.position() + n);
                return n; // the caller's next write finds the disk full
            }
            return inner.write(src);
        }

        @Override
        public int read(ByteBuffer dst) throws IOException {
            return inner.read(dst);
        }

        @Override
        public long read(ByteBuffer[] dsts, int offset, int length) throws IOException {
            return inner.read(dsts, offset, length);
        }

        @Override
        public long write(ByteBuffer[] srcs, int offset, int length) throws IOException {
            throw new UnsupportedOperationException();
        }

        @Override
        public long position() throws IOException {
            return inner.position();
        }

        @Override
        public FileChannel position(long newPosition) throws IOException {
            inner.position(newPosition);
            return this;
        }

        @Override
        public long size() throws IOException {
            return inner.size();
        }

        @Override
        public FileChannel truncate(long size) throws IOException {
            inner.truncate(size);
            return this;
        }

        @Override
        public void force(boolean metaData) throws IOException {
            inner.force(metaData);
        }

        @Override
        public long transferTo(long position, long count, WritableByteChannel target) throws IOException {
            return inner.transferTo(position, count, target);
        }

        @Override
        public long transferFrom(ReadableByteChannel src, long position, long count) throws IOException {
            throw new UnsupportedOperationException();
        }

        @Override
        public int read(ByteBuffer dst, long position) throws IOException {
            return inner.read(dst, position);
        }

        @Override
        public int write(ByteBuffer src, long position) throws IOException {
            throw new UnsupportedOperationException();
        }

        @Override
        public MappedByteBuffer map(MapMode mode, long position, long size) throws IOException {
            throw new UnsupportedOperationException();
        }

        @Override
        public FileLock lock(long position, long size, boolean shared) throws IOException {
            return inner.lock(position, size, shared);
        }

        @Override
        public FileLock tryLock(long position, long size, boolean shared) throws IOException {
            return inner.tryLock(position, size, shared);
        }

        @Override
        protected void implCloseChannel() throws IOException {
            inner.close();
        }
    }
}
