package org.salientsi.backend.onnx;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.salientsi.api.backend.LoadedModel;
import org.salientsi.api.backend.ModelBackend;
import org.salientsi.api.error.InvalidInputException;
import org.salientsi.api.error.ModelLoadException;
import org.salientsi.api.error.UnsupportedLayerException;
import org.salientsi.api.spi.Parameters;

/**
 * Fuzzes the ONNX reader: any bytes, written to a file and loaded, give a typed error or a model, nothing
 * else (no other exception, no out-of-memory error, no hang). Without {@code JAZZER_FUZZ=1} the seed corpus
 * ({@code OnnxReaderFuzzTestInputs/loadGivesATypedErrorOrAModel/}: the valid and broken 8x8 models and single
 * smooth-op models of {@code make_vit.py}: GELU, decomposed LayerNorm, class-token Concat and Gather, MatMul) runs as a
 * regression test.
 */
class OnnxReaderFuzzTest {

    private static final ModelBackend BACKEND = new OnnxBackendProvider().backend();

    @FuzzTest(maxDuration = "60s")
    void loadGivesATypedErrorOrAModel(byte[] data) throws IOException {
        Path file = Files.createTempFile("fuzz", ".onnx");
        try {
            Files.write(file, data);
            try (LoadedModel m = BACKEND.load(file, Parameters.empty())) {
                assertThat(m.imageShape()).isNotNull();
            } catch (ModelLoadException | InvalidInputException | UnsupportedLayerException e) {
                assertThat(e.getMessage()).isNotBlank();
            }
        } finally {
            Files.deleteIfExists(file);
        }
    }
}
