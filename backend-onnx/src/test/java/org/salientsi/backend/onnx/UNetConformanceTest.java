package org.salientsi.backend.onnx;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.salientsi.api.backend.ModelBackend;
import org.salientsi.api.spi.Parameters;
import org.salientsi.core.conformance.BackendConformanceKit;

/**
 * The shared backend conformance kit on the U-Nets with transposed convolutions of {@link UNetFixtures}
 * (8, 16 and 32 px, sigmoid outputs): the IR's forward pass equals ONNX Runtime's within 1e-5 (float32),
 * measured against an output scale of at least 1 (the probabilities of a float32 runtime, whose
 * saturated sigmoid outputs are tiny; the logits themselves are checked against PyTorch in
 * {@link UNetFixturesTest}); line evaluation equals point evaluation inside each piece, and the pieces
 * tile the range (two images per model, lines over [-2, 2]).
 */
class UNetConformanceTest extends BackendConformanceKit {

    private static final List<Case> CASES = new ArrayList<>();

    @BeforeAll
    static void loadModels() throws Exception {
        ModelBackend backend = new OnnxBackendProvider().backend();
        for (Path unet : UNetFixtures.models()) {
            CASES.add(new Case(unet.getFileName().toString(), backend.load(unet, Parameters.empty())));
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
        return 1e-5;
    }

    /** Two images per model (the 32 px U-Net has thousands of pieces on a line), to keep the suite fast. */
    @Override
    protected int imagesPerModel() {
        return 2;
    }

    @Override
    protected double lineRange() {
        return 2.0;
    }

    @Override
    protected double outputScaleFloor() {
        return 1.0;
    }
}
