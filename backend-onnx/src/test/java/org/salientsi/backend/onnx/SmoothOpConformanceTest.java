package org.salientsi.backend.onnx;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.salientsi.api.backend.LoadedModel;
import org.salientsi.api.backend.ModelBackend;
import org.salientsi.api.image.Image;
import org.salientsi.api.image.ImageShape;
import org.salientsi.api.ir.Network;
import org.salientsi.api.spi.Parameters;
import org.salientsi.core.eval.CompiledNetwork;
import org.salientsi.core.eval.PointEvaluator;

/**
 * Point evaluation of the translated smooth-op models and Vision Transformers against independent references, each
 * error measured relative to the reference's largest magnitude: ONNX Runtime on the models rewritten in float64
 * ({@link DoubleModels}; the float32 weights widen exactly, so the float64 run is the model's arithmetic to
 * rounding) within 1e-9; where ONNX Runtime has no float64 kernel (Erf, Conv) PyTorch's float64 run within 1e-9
 * ({@code ops_reference.json}, and the ViTs' logits and class-token attention rows in {@code vit_reference.json});
 * and ONNX Runtime on the float32 models within 1e-5. The errors measured are written to
 * {@code target/smooth-op-conformance.txt}.
 */
class SmoothOpConformanceTest {

    /** Models that translate to a typed refusal (tested in {@link SmoothOpTranslationTest}). */
    private static final Set<String> REFUSED = Set.of("op_softmax_opset11_axis2.onnx", "op_layernorm_axis2.onnx");

    /** Models with ops ONNX Runtime has no float64 kernel for (Erf, Conv): PyTorch float64 is their reference. */
    private static final Set<String> NO_FLOAT64_RUNTIME = Set.of("op_erf.onnx", "op_gelu.onnx", "op_gelu_variant.onnx",
            "op_erf_mul.onnx", "op_sigmoid_inside.onnx");

    private static final List<String> MEASURED = new ArrayList<>();

    private final ModelBackend backend = new OnnxBackendProvider().backend();

    @TempDir
    Path dir;

    @AfterAll
    static void writeMeasured() throws Exception {
        Path target = Path.of("target");
        if (java.nio.file.Files.isDirectory(target)) {
            java.nio.file.Files.write(target.resolve("smooth-op-conformance.txt"), MEASURED);
        }
    }

    private static Image randomImage(ImageShape shape, SplittableRandom rng) {
        double[] v = new double[shape.size()];
        for (int i = 0; i < v.length; i++) {
            double u = rng.nextDouble();
            double w = rng.nextDouble();
            v[i] = Math.sqrt(-2 * Math.log1p(-u)) * Math.cos(2 * Math.PI * w);
        }
        return Image.of(shape, v);
    }

    /** @return max |a - b| divided by max |b| (at least 1e-300) */
    private static double relativeError(double[] a, double[] b) {
        assertThat(a).hasSameSizeAs(b);
        double scale = 1e-300;
        double err = 0;
        for (int i = 0; i < a.length; i++) {
            scale = Math.max(scale, Math.abs(b[i]));
            err = Math.max(err, Math.abs(a[i] - b[i]));
        }
        return err / scale;
    }

    /** @return the largest relative error of IR point evaluation against the model's runtime on 3 images */
    private static double worstAgainstRuntime(LoadedModel m, long seed) {
        ImageShape shape = m.imageShape();
        Network net = m.network(shape);
        PointEvaluator eval = CompiledNetwork.compile(net).pointEvaluator();
        SplittableRandom rng = new SplittableRandom(seed);
        double worst = 0;
        for (int k = 0; k < 3; k++) {
            Image image = randomImage(shape, rng);
            double[] ir = eval.evaluate(image.toChw()).value(net.output()).clone();
            worst = Math.max(worst, relativeError(ir, m.predict(image)));
        }
        return worst;
    }

    @Test
    void singleOpModelsEqualOnnxRuntimeInFloat64AndFloat32() throws Exception {
        for (String file : VitFixtures.singleOpModels()) {
            if (REFUSED.contains(file)) {
                continue;
            }
            Path f32 = VitFixtures.dir().resolve(file);
            double e64 = Double.NaN;
            if (!NO_FLOAT64_RUNTIME.contains(file)) {
                try (LoadedModel m = backend.load(DoubleModels.convert(f32, dir.resolve(file)), Parameters.empty())) {
                    e64 = worstAgainstRuntime(m, 24);
                }
                assertThat(e64).as("%s against ONNX Runtime in float64", file).isLessThanOrEqualTo(1e-9);
            }
            double e32;
            try (LoadedModel m = backend.load(f32, Parameters.empty())) {
                e32 = worstAgainstRuntime(m, 24);
            }
            MEASURED.add(String.format("%s: float64 ORT %.3e, float32 ORT %.3e", file, e64, e32));
            assertThat(e32).as("%s against ONNX Runtime in float32", file).isLessThanOrEqualTo(1e-5);
        }
    }

    @Test
    void modelsWithErfOrConvEqualPyTorchFloat64() throws Exception {
        JsonNode cases = VitFixtures.json("ops_reference.json").get("cases");
        assertThat(cases).hasSize(3 * NO_FLOAT64_RUNTIME.size());
        for (JsonNode c : cases) {
            String file = c.get("file").asText();
            assertThat(NO_FLOAT64_RUNTIME).contains(file);
            try (LoadedModel m = backend.load(VitFixtures.dir().resolve(file), Parameters.empty())) {
                Network net = m.network(m.imageShape());
                PointEvaluator eval = CompiledNetwork.compile(net).pointEvaluator();
                double[] got = eval.evaluate(doubles(c.get("input"))).value(net.output()).clone();
                double e = relativeError(got, doubles(c.get("output")));
                MEASURED.add(String.format("%s: PyTorch float64 %.3e", file, e));
                assertThat(e).as("%s against PyTorch float64", file).isLessThanOrEqualTo(1e-9);
            }
        }
    }

    /**
     * ONNX Runtime's float64 run is unavailable for the ViTs (no float64 {@code Conv} or {@code Erf} kernel): they
     * are checked against PyTorch's float64 run at 1e-9 below, and against ONNX Runtime's float32 run here.
     */
    @Test
    void visionTransformersEqualOnnxRuntimeInFloat32() throws Exception {
        for (JsonNode model : VitFixtures.reference().get("models")) {
            String file = model.get("file").asText();
            double e32;
            try (LoadedModel m = backend.load(VitFixtures.dir().resolve(file), Parameters.empty())) {
                e32 = worstAgainstRuntime(m, 16);
            }
            MEASURED.add(String.format("%s: float32 ORT %.3e", file, e32));
            assertThat(e32).as("%s against ONNX Runtime in float32", file).isLessThanOrEqualTo(1e-5);
        }
    }

    @Test
    void visionTransformerLogitsAndClassTokenAttentionEqualPyTorchFloat64() throws Exception {
        for (JsonNode model : VitFixtures.reference().get("models")) {
            String file = model.get("file").asText();
            int size = model.get("size").asInt();
            int tokens = model.get("tokens").asInt();
            try (LoadedModel m = backend.load(VitFixtures.dir().resolve(file), Parameters.empty())) {
                Network net = m.network(ImageShape.of(size, size, 1));
                PointEvaluator eval = CompiledNetwork.compile(net).pointEvaluator();
                double worstLogit = 0;
                double worstAttention = 0;
                for (JsonNode img : model.get("images")) {
                    double[] x = doubles(img.get("image"));
                    eval.evaluate(x);
                    worstLogit = Math.max(worstLogit,
                            relativeError(eval.value(net.output()).clone(), doubles(img.get("logits"))));
                    JsonNode blocks = img.get("cls_attention");
                    for (int b = 0; b < blocks.size(); b++) {
                        String name = model.get("softmax").get(b).get("output").asText();
                        double[] a = eval.value(net.node(name).orElseThrow().id());
                        for (int h = 0; h < blocks.get(b).size(); h++) {
                            double[] want = doubles(blocks.get(b).get(h));
                            double[] got = new double[tokens];
                            System.arraycopy(a, h * tokens * tokens, got, 0, tokens);
                            worstAttention = Math.max(worstAttention, relativeError(got, want));
                        }
                    }
                }
                MEASURED.add(String.format("%s: PyTorch float64 logits %.3e, class-token attention %.3e", file,
                        worstLogit, worstAttention));
                assertThat(worstLogit).as("%s logits against PyTorch float64", file).isLessThanOrEqualTo(1e-9);
                assertThat(worstAttention).as("%s attention against PyTorch float64", file).isLessThanOrEqualTo(1e-9);
            }
        }
    }

    private static double[] doubles(JsonNode array) {
        double[] v = new double[array.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = array.get(i).asDouble();
        }
        return v;
    }
}
