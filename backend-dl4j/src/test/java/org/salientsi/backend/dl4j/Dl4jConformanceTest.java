package org.salientsi.backend.dl4j;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.salientsi.api.backend.ModelBackend;
import org.salientsi.api.spi.Parameters;
import org.salientsi.core.conformance.BackendConformanceKit;

/**
 * The shared backend conformance kit on the paper's four Keras models, two Keras fixtures (a functional
 * model with batch norm, padding, pooling, add, concat and flatten; a Sequential model; a functional
 * model that flattens its input first; two with smooth activations inside, whose lines the kit skips and whose
 * segment bounds it checks) and the DL4J
 * networks of {@link TestNetworks}, each saved as a zip and loaded back through the provider. DL4J runs
 * in double precision, so the IR must match it to 1e-10 of the output's largest magnitude.
 */
class Dl4jConformanceTest extends BackendConformanceKit {

    @TempDir
    static Path dir;

    private static final List<Case> CASES = new ArrayList<>();

    @BeforeAll
    static void loadModels() throws Exception {
        ModelBackend backend = TestModels.backend();
        for (int size : new int[] {8, 16, 32, 64}) {
            CASES.add(new Case("paper model_" + size, backend.load(TestModels.paperModel(size), Parameters.empty())));
        }
        for (String keras : new String[] {"keras/functional_mixed.h5", "keras/sequential_flatten.h5",
                "keras/functional_mlp.h5", "keras/functional_unet.h5", "keras/functional_smooth_cnn.h5",
                "keras/sequential_smooth_mlp.h5"}) {
            CASES.add(new Case(keras, backend.load(TestModels.resourceFile(keras, dir), Parameters.empty())));
        }
        for (TestNetworks.Spec spec : TestNetworks.all()) {
            CASES.add(new Case(spec.label(), backend.load(spec.save(dir), spec.options())));
        }
    }

    @AfterAll
    static void closeModels() {
        CASES.forEach(c -> c.model().close());
        CASES.clear();
    }

    @Override
    protected List<Case> cases() {
        return CASES;
    }

    @Override
    protected double forwardTolerance() {
        return 1e-10;
    }
}
