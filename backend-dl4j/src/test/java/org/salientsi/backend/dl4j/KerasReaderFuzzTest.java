package org.salientsi.backend.dl4j;

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
 * Fuzzes the Keras reader: any bytes, written to an {@code .h5} file and loaded, give a typed error or a
 * model, nothing else (no other exception, no out-of-memory error, no hang, no crash of the JVM: the file is
 * read in Java and never reaches HDF5's C library). Without {@code JAZZER_FUZZ=1} the seed corpus
 * ({@code KerasReaderFuzzTestInputs/loadGivesATypedErrorOrAModel/}: the valid 8x8 model and two broken ones)
 * runs as a regression test.
 */
class KerasReaderFuzzTest {

    private static final ModelBackend BACKEND = TestModels.backend();

    @FuzzTest(maxDuration = "60s")
    void loadGivesATypedErrorOrAModel(byte[] data) throws IOException {
        Path file = Files.createTempFile("fuzz", ".h5");
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
