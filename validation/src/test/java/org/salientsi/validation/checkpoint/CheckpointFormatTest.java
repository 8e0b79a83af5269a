package org.salientsi.validation.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.salientsi.validation.study.TrialRow;

/** A checkpoint written before certified searches existed still resumes; certified rows survive a reopen. */
class CheckpointFormatTest {

    private static final Map<String, String> STUDY = Map.of("model", "vit_16.onnx", "seed", "1");

    @TempDir
    Path dir;

    @Test
    void anOldCheckpointResumesAndTakesCertifiedRowsAfterIt() throws IOException {
        Path file = dir.resolve("trials.jsonl");
        Files.writeString(file, "{\"salientsi_study\":{\"model\":\"vit_16.onnx\",\"seed\":\"1\"},\"format\":1}\n"
                + "{\"trial\":0,\"seed\":1000,\"selective_p\":0.25,\"oc_p\":0.5,\"naive_p\":0.01,\"statistic\":-1.25,"
                + "\"sigma_t\":0.75,\"region_size\":7,\"pieces\":300,\"empty_draws\":0,\"seconds\":0.0}\n");
        TrialRow old = new TrialRow(0, 1000L, 0.25, 0.5, 0.01, -1.25, 0.75, 7, 300, 0, 0.0);
        TrialRow cert = TrialRow.certified(1, 1001L, 0.5, 0.5078125, 0.50390625, 0.3, 0.25, 1.0, 16, 12, 2, 0.5);
        try (TrialCheckpoint c = TrialCheckpoint.open(file, STUDY)) {
            assertThat(c.rows()).containsExactly(old);
            assertThat(c.tornLines()).isZero();
            c.accept(cert);
        }
        try (TrialCheckpoint c = TrialCheckpoint.open(file, STUDY)) {
            assertThat(c.rows()).containsExactly(old, cert);
        }
    }
}
