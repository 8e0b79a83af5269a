package org.salientsi.backend.onnx;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.salientsi.api.backend.LoadedModel;
import org.salientsi.api.image.Image;
import org.salientsi.api.image.ImageShape;
import org.salientsi.api.ir.AvgPool;
import org.salientsi.api.ir.Dense;
import org.salientsi.api.ir.GlobalAvgPool;
import org.salientsi.api.ir.GlobalMaxPool;
import org.salientsi.api.ir.LeakyRelu;
import org.salientsi.api.ir.Network;
import org.salientsi.api.ir.Node;
import org.salientsi.api.ir.Op;
import org.salientsi.api.ir.Pad;
import org.salientsi.api.ir.Padding;
import org.salientsi.api.ir.Softmax;
import org.salientsi.api.ir.Transpose;
import org.salientsi.api.ir.Upsample;
import org.salientsi.api.ir.Upsample.CoordinateTransform;
import org.salientsi.api.ir.Upsample.Interpolation;
import org.salientsi.api.ir.Upsample.NearestRounding;
import org.salientsi.api.spi.Parameters;
import org.salientsi.core.eval.CompiledNetwork;
import org.salientsi.core.eval.PointEvaluator;

/**
 * The models written from Java ({@link GeneratedModels}: opsets 18 to 21 and other forms the
 * fixtures lack): each translates into the expected IR ops, and its IR forward pass equals ONNX
 * Runtime's on random images.
 */
class GeneratedModelsTest {

    private static final List<String> REPORT = new ArrayList<>();

    @TempDir
    Path dir;

    static Stream<GeneratedModels.Generated> models() {
        return GeneratedModels.all().stream();
    }

    @AfterAll
    static void writeReport() throws IOException {
        Path target = Path.of("target");
        if (Files.isDirectory(target)) {
            Files.write(target.resolve("onnx-generated-errors.txt"), REPORT);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("models")
    void irForwardEqualsOnnxRuntimeOnRandomImages(GeneratedModels.Generated g) throws IOException {
        try (LoadedModel model = new OnnxBackendProvider().backend().load(g.write(dir), Parameters.empty())) {
            Network net = model.network();
            PointEvaluator eval = CompiledNetwork.compile(net).pointEvaluator();
            SplittableRandom rng = new SplittableRandom(g.name().hashCode());
            double worst = 0;
            double[] previous = null;
            boolean varies = false;
            for (int k = 0; k < 5; k++) {
                Image image = gaussianImage(model.imageShape(), rng);
                double[] ir = eval.evaluate(image.toChw()).value(net.output()).clone();
                double[] ort = model.predict(image);
                double err = FixtureOutputsTest.relative(ir, ort);
                worst = Math.max(worst, err);
                assertThat(err).as("%s image %d: |IR - ORT| / max|ORT|", g.name(), k).isLessThanOrEqualTo(1e-5);
                varies |= previous != null && !Arrays.equals(previous, ort);
                previous = ort;
            }
            assertThat(varies).as("%s: the output depends on the image", g.name()).isTrue();
            synchronized (REPORT) {
                REPORT.add(String.format(Locale.ROOT, "%-46s opset %d  IR-ORT %.2e", g.name(), g.opset(), worst));
            }
        }
    }

    static Image gaussianImage(ImageShape shape, SplittableRandom rng) {
        double[] v = new double[shape.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = Math.sqrt(-2 * Math.log1p(-rng.nextDouble())) * Math.cos(2 * Math.PI * rng.nextDouble());
        }
        return Image.of(shape, v);
    }

    private Network load(String name) throws IOException {
        GeneratedModels.Generated g = GeneratedModels.all().stream().filter(m -> m.name().equals(name)).findFirst()
                .orElseThrow();
        try (LoadedModel model = new OnnxBackendProvider().backend().load(g.write(dir), Parameters.empty())) {
            return model.network();
        }
    }

    private static <T extends Op> List<T> ops(Network net, Class<T> type) {
        List<T> list = new ArrayList<>();
        for (Node n : net.nodes()) {
            if (type.isInstance(n.op())) {
                list.add(type.cast(n.op()));
            }
        }
        return list;
    }

    @Test
    void reduceMeanWithAxesInputBecomesGlobalAveragePoolingAndGemmScalesByAlphaAndBeta() throws IOException {
        Network net = load("reducemean_axes_input_op18");
        assertThat(ops(net, GlobalAvgPool.class)).hasSize(1);
        assertThat(net.node(net.output()).op()).isInstanceOf(Dense.class);
        assertThat(net.outputShape().channels()).isEqualTo(2);
    }

    @Test
    void resizeAttributesMapToTheIrUpsample() throws IOException {
        Map<String, Upsample> expected = Map.of(
                "resize_nearest_asymmetric_prefer_floor_op18", new Upsample(2, 2, 8, 8, Interpolation.NEAREST,
                        CoordinateTransform.ASYMMETRIC, NearestRounding.ROUND_PREFER_FLOOR),
                "resize_nearest_asymmetric_prefer_ceil_op19", new Upsample(2, 2, 8, 8, Interpolation.NEAREST,
                        CoordinateTransform.ASYMMETRIC, NearestRounding.ROUND_PREFER_CEIL),
                "resize_nearest_align_corners_sizes_op20", new Upsample(1.75, 1.75, 7, 7, Interpolation.NEAREST,
                        CoordinateTransform.ALIGN_CORNERS, NearestRounding.ROUND_PREFER_FLOOR),
                "resize_linear_align_corners_sizes_op21", new Upsample(1.75, 2.25, 7, 9, Interpolation.BILINEAR,
                        CoordinateTransform.ALIGN_CORNERS, NearestRounding.ROUND_PREFER_FLOOR),
                "resize_linear_pytorch_half_pixel_op18", new Upsample(0.25, 1.5, 1, 6, Interpolation.BILINEAR,
                        CoordinateTransform.PYTORCH_HALF_PIXEL, NearestRounding.ROUND_PREFER_FLOOR),
                "resize_nearest_half_pixel_ceil_op20", new Upsample(1.5, 2.5, 6, 10, Interpolation.NEAREST,
                        CoordinateTransform.HALF_PIXEL, NearestRounding.CEIL),
                "resize_nearest_floor_downsample_op19", new Upsample(0.5, 0.5, 2, 2, Interpolation.NEAREST,
                        CoordinateTransform.HALF_PIXEL, NearestRounding.FLOOR),
                "resize_linear_axes_scales_op18", new Upsample(2, 2, 8, 8, Interpolation.BILINEAR,
                        CoordinateTransform.HALF_PIXEL, NearestRounding.ROUND_PREFER_FLOOR),
                "resize_keep_aspect_not_larger_op18", new Upsample(1.5, 1.5, 6, 6, Interpolation.NEAREST,
                        CoordinateTransform.HALF_PIXEL, NearestRounding.ROUND_PREFER_CEIL));
        for (Map.Entry<String, Upsample> e : expected.entrySet()) {
            assertThat(ops(load(e.getKey()), Upsample.class)).as(e.getKey()).containsExactly(e.getValue());
        }
    }

    @Test
    void padWithAxesInputLeakyReluAveragePoolAndMatMulPlusAddTranslate() throws IOException {
        Network net = load("leakyrelu_pad_axes_avgpool_op18");
        assertThat(ops(net, LeakyRelu.class)).containsExactly(new LeakyRelu(0.2));
        assertThat(ops(net, Pad.class)).containsExactly(new Pad(Padding.of(1, 2, 0, 1)));
        assertThat(ops(net, AvgPool.class)).containsExactly(new AvgPool(3, 3, 2, 2, Padding.symmetric(1), true, true));
        assertThat(ops(net, GlobalMaxPool.class)).hasSize(1);
        Node out = net.node(net.output());
        assertThat(out.op()).as("MatMul and its bias Add fuse into one Dense").isInstanceOf(Dense.class);
        assertThat(out.name()).isEqualTo("output");
        assertThat(((Dense) out.op()).bias()).doesNotContain(0.0);
    }

    @Test
    void batchNormTransposeAndFinalSoftmaxTranslate() throws IOException {
        Network net = load("batchnorm_transpose_softmax_op21");
        assertThat(ops(net, Transpose.class)).containsExactly(new Transpose(new int[] {0, 2, 1}));
        assertThat(net.node(net.output()).op()).isInstanceOf(Softmax.class);
        assertThat(net.inputShape()).isEqualTo(org.salientsi.api.ir.TensorShape.of(2, 9, 7));
    }

    @Test
    void shapeArithmeticFoldsIntoConstantSizesAndReshapeTargets() throws IOException {
        Network net = load("shape_folding_op18");
        assertThat(ops(net, Upsample.class)).singleElement()
                .satisfies(u -> assertThat(new int[] {u.outHeight(), u.outWidth()}).containsExactly(8, 8));
        assertThat(net.outputShape().channels()).isEqualTo(2);
        assertThat(net.nodes()).noneMatch(n -> n.name().contains("Shape") || n.name().contains("Gather"));
    }
}
