package org.salientsi.validation.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.salientsi.api.error.InvalidInputException;
import org.salientsi.validation.study.TrialRow;

/** The JSONL checkpoint: round trip, torn last lines, corrupt lines and foreign studies. */
class TrialCheckpointTest {

    private static final Map<String, String> STUDY = Map.of("model", "model_8.h5", "seed", "1");

    @TempDir
    Path dir;

    private static TrialRow row(int i) {
        return new TrialRow(i, 1000L + i, 0.1 * (i % 10), 0.5, 0.01, -1.25 + i, 0.75, 7 + i, 300 + i, i % 3,
                0.001 * i);
    }

    @Test
    void rowsSurviveAReopenExactly() {
        Path file = dir.resolve("trials.jsonl");
        try (TrialCheckpoint c = TrialCheckpoint.open(file, STUDY)) {
            assertThat(c.rows()).isEmpty();
            c.accept(row(2));
            c.accept(row(0));
        }
        try (TrialCheckpoint c = TrialCheckpoint.open(file, STUDY)) {
            assertThat(c.rows()).containsExactly(row(2), row(0));
            assertThat(c.tornLines()).isZero();
            c.accept(row(1));
        }
        try (TrialCheckpoint c = TrialCheckpoint.open(file, STUDY)) {
            assertThat(c.rows()).containsExactly(row(2), row(0), row(1));
        }
    }

    @Test
    void aTornLastLineIsDroppedAndTheFileContinuesCleanly() throws IOException {
        Path file = dir.resolve("trials.jsonl");
        try (TrialCheckpoint c = TrialCheckpoint.open(file, STUDY)) {
            c.accept(row(0));
            c.accept(row(1));
        }
        String whole = Files.readString(file);
        String rowLine = whole.substring(whole.indexOf("{\"trial\":1"));
        Files.writeString(file, whole + rowLine.substring(0, 25).replace("\"trial\":1", "\"trial\":5"),
                StandardOpenOption.TRUNCATE_EXISTING);
        try (TrialCheckpoint c = TrialCheckpoint.open(file, STUDY)) {
            assertThat(c.tornLines()).isEqualTo(1);
            assertThat(c.rows()).containsExactly(row(0), row(1));
            assertThat(Files.readString(file)).isEqualTo(whole);
            c.accept(row(5));
        }
        try (TrialCheckpoint c = TrialCheckpoint.open(file, STUDY)) {
            assertThat(c.tornLines()).isZero();
            assertThat(c.rows()).containsExactly(row(0), row(1), row(5));
        }
    }

    @Test
    void aCompleteButUnreadableLastLineCountsAsTorn() throws IOException {
        Path file = dir.resolve("trials.jsonl");
        try (TrialCheckpoint c = TrialCheckpoint.open(file, STUDY)) {
            c.accept(row(0));
        }
        Files.writeString(file, "{\"trial\":1,\"seed\":\n", StandardOpenOption.APPEND);
        try (TrialCheckpoint c = TrialCheckpoint.open(file, STUDY)) {
            assertThat(c.tornLines()).isEqualTo(1);
            assertThat(c.rows()).containsExactly(row(0));
        }
    }

    @Test
    void aTornHeaderStartsTheFileAfresh() throws IOException {
        Path file = dir.resolve("trials.jsonl");
        Files.writeString(file, "{\"salientsi_st");
        try (TrialCheckpoint c = TrialCheckpoint.open(file, STUDY)) {
            assertThat(c.rows()).isEmpty();
            c.accept(row(3));
        }
        try (TrialCheckpoint c = TrialCheckpoint.open(file, STUDY)) {
            assertThat(c.rows()).containsExactly(row(3));
        }
    }

    @Test
    void corruptionBeforeTheLastLineIsRefused() throws IOException {
        Path file = dir.resolve("trials.jsonl");
        try (TrialCheckpoint c = TrialCheckpoint.open(file, STUDY)) {
            c.accept(row(0));
        }
        List<String> lines = Files.readAllLines(file);
        Files.write(file, List.of(lines.get(0), "garbage", lines.get(1)), StandardCharsets.UTF_8);
        assertThatThrownBy(() -> TrialCheckpoint.open(file, STUDY)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("line 2");
    }

    @Test
    void aCheckpointOfAnotherStudyIsRefusedNamingTheDifference() {
        Path file = dir.resolve("trials.jsonl");
        TrialCheckpoint.open(file, STUDY).close();
        assertThatThrownBy(() -> TrialCheckpoint.open(file, Map.of("model", "model_8.h5", "seed", "2")))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("seed: 1 there, 2 now");
    }

    @Test
    void aFileThatIsNotACheckpointIsRefused() throws IOException {
        Path file = dir.resolve("other.jsonl");
        Files.writeString(file, "{\"hello\":1}\n");
        assertThatThrownBy(() -> TrialCheckpoint.open(file, STUDY)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("not a SalientSI study checkpoint");
    }
}
