package org.salientsi.validation.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.salientsi.validation.PaperModels;
import org.salientsi.validation.executor.LocalTrialExecutor;
import org.salientsi.validation.executor.TrialExecutor;
import org.salientsi.validation.run.StudyListener;
import org.salientsi.validation.run.StudyRunner;
import org.salientsi.validation.study.Study;

/** One run per study folder: a second run on a held folder is refused, in this process and from another. */
class StudyFolderLockTest {

    @TempDir
    Path dir;

    @Test
    void aSecondLockOnTheSameFolderIsRefusedUntilTheFirstIsReleased() {
        Path folder = dir.resolve("study");
        try (StudyFolderLock first = StudyFolderLock.acquire(folder)) {
            assertThat(first.isHeld()).isTrue();
            assertThat(Files.isRegularFile(folder.resolve(StudyFolderLock.FILE))).isTrue();
            assertThatThrownBy(() -> StudyFolderLock.acquire(folder))
                    .isInstanceOf(StudyFolderLockedException.class)
                    .hasMessageContaining("study folder " + folder + " is in use by another run")
                    .hasMessageContaining("pid " + ProcessHandle.current().pid());
            // shards of one study write separate folders, each with its own lock
            try (StudyFolderLock shard = StudyFolderLock.acquire(dir.resolve("study-shard-2"))) {
                assertThat(shard.isHeld()).isTrue();
            }
        }
        try (StudyFolderLock again = StudyFolderLock.acquire(folder)) {
            assertThat(again.isHeld()).isTrue();
        }
    }

    @Test
    void aStudyRunOnAHeldFolderIsRefusedBeforeItWritesAnything() {
        Study study = Study.of(PaperModels.source(8)).withSeed(3).withTrials(4);
        Path checkpoint = dir.resolve(StudyRunner.CHECKPOINT);
        try (StudyFolderLock held = StudyFolderLock.acquire(dir); TrialExecutor pool = new LocalTrialExecutor(1)) {
            assertThatThrownBy(() -> StudyRunner.run(study, pool, checkpoint, StudyListener.NONE))
                    .isInstanceOf(StudyFolderLockedException.class).hasMessageContaining(dir.toString());
            assertThat(checkpoint).doesNotExist();
            // the holder itself runs in it
            assertThat(StudyRunner.runInFolder(study, pool, held, StudyListener.NONE).rows()).hasSize(4);
        }
        try (TrialExecutor pool = new LocalTrialExecutor(1)) {
            assertThat(StudyRunner.run(study, pool, checkpoint, StudyListener.NONE).summary().trialsResumed())
                    .isEqualTo(4);
        }
    }

    /** A POSIX record lock taken by another process (Python's fcntl.lockf, the lock Java's FileLock uses). */
    @Test
    void aLockHeldByAnotherProcessIsRefused() throws Exception {
        Path folder = Files.createDirectories(dir.resolve("other"));
        Path file = folder.resolve(StudyFolderLock.FILE);
        String script = "import fcntl, sys\n"
                + "f = open(sys.argv[1], 'a+')\n"
                + "fcntl.lockf(f, fcntl.LOCK_EX | fcntl.LOCK_NB)\n"
                + "print('locked', flush=True)\n"
                + "sys.stdin.read()\n";
        Process python;
        try {
            python = new ProcessBuilder("python3", "-c", script, file.toString()).redirectErrorStream(true).start();
        } catch (IOException e) {
            assumeThat(false).as("python3 is not installed: %s", e.getMessage()).isTrue();
            return;
        }
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(python.getInputStream(),
                    StandardCharsets.UTF_8));
            assertThat(out.readLine()).isEqualTo("locked");
            assertThatThrownBy(() -> StudyFolderLock.acquire(folder)).isInstanceOf(StudyFolderLockedException.class)
                    .hasMessageContaining(folder.toString());
        } finally {
            python.getOutputStream().close();
            assertThat(python.waitFor(10, TimeUnit.SECONDS)).isTrue();
        }
        try (StudyFolderLock lock = StudyFolderLock.acquire(folder)) {
            assertThat(lock.isHeld()).as("released when the other process ended").isTrue();
        }
    }

    @Test
    void aFolderUnderAFileIsRefusedNamingThePath() throws IOException {
        Path file = Files.writeString(dir.resolve("results.txt"), "not a folder\n");
        Path folder = file.resolve("study");
        assertThatThrownBy(() -> StudyFolderLock.acquire(folder)).isInstanceOf(UncheckedIOException.class)
                .hasMessageStartingWith("cannot create study folder " + folder + ": ");
    }

    @Test
    void aReadOnlyFolderIsRefusedNamingThePath() throws IOException {
        Path folder = Files.createDirectories(dir.resolve("read-only"));
        Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("r-xr-xr-x"));
        try {
            assumeThat(Files.isWritable(folder)).as("running as root: permissions do not bind").isFalse();
            assertThatThrownBy(() -> StudyFolderLock.acquire(folder)).isInstanceOf(UncheckedIOException.class)
                    .hasMessage("cannot write in study folder " + folder + " (lock file " + StudyFolderLock.FILE
                            + "): permission denied");
        } finally {
            Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
    }
}
