package org.salientsi.backend.onnx;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.salientsi.api.backend.ModelBackend;
import org.salientsi.api.spi.Parameters;
import org.salientsi.core.conformance.BackendConformanceKit;

/**
 * The shared backend conformance kit on the single smooth-op models and the Vision Transformers of
 * {@code make_vit.py} (float32, against ONNX Runtime within 1e-5 of the output's largest magnitude). The kit's line
 * test takes the models whose smooth ops are all final (or absent) and skips those with a smooth op before the output
 * ({@link #SMOOTH_INSIDE}, the ViTs: the exact line walk refuses them by design); its segment-bounds test takes them
 * all (the certified search's ground). {@link SmoothOpConformanceTest} checks them point-wise in float64 as well.
 */
class SmoothOpKitConformanceTest extends BackendConformanceKit {

    /** Models whose output depends on a smooth op through further nodes. */
    static final Set<String> SMOOTH_INSIDE = Set.of("op_sigmoid_inside.onnx", "op_erf_mul.onnx",
            "op_div_broadcast.onnx", "op_matmul_rank2.onnx");

    /** Models refused by translation (tested in {@link SmoothOpTranslationTest}). */
    static final Set<String> REFUSED = Set.of("op_softmax_opset11_axis2.onnx", "op_layernorm_axis2.onnx");

    private static final List<Case> CASES = new ArrayList<>();

    @BeforeAll
    static void loadModels() throws Exception {
        ModelBackend backend = new OnnxBackendProvider().backend();
        for (String file : VitFixtures.singleOpModels()) {
            if (!REFUSED.contains(file)) {
                CASES.add(new Case(file, backend.load(VitFixtures.dir().resolve(file), Parameters.empty())));
            }
        }
        for (String file : List.of("vit_16.onnx", "vit_16_opset14.onnx", "vit_32.onnx")) {
            CASES.add(new Case(file, backend.load(VitFixtures.dir().resolve(file), Parameters.empty())));
        }
    }

    @AfterAll
    static void closeModels() throws Exception {
        for (Case c : CASES) {
            c.model().close();
        }
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
}
