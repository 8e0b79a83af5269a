package org.salientsi.backend.onnx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.salientsi.backend.onnx.OnnxGraph.attr;
import static org.salientsi.backend.onnx.OnnxGraph.in;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.salientsi.api.backend.LoadedModel;
import org.salientsi.api.image.Image;
import org.salientsi.api.image.ImageShape;
import org.salientsi.api.ir.Network;
import org.salientsi.api.ir.Upsample;
import org.salientsi.api.spi.Parameters;
import org.salientsi.core.eval.CompiledNetwork;

/**
 * Every Resize form the backend translates, on its own ({@code input -> Resize -> output}), against
 * ONNX Runtime: nearest (four rounding modes) and linear, four coordinate transformations, scales
 * and sizes, up- and downsampling, non-integer factors and an output of length 1; opsets 11, 13, 18
 * to 21. Inputs are small integers, so that ties of the nearest modes are exact in float32 too.
 */
class ResizeAgainstOnnxRuntimeTest {

    private static final String[] TRANSFORMS = {"half_pixel", "pytorch_half_pixel", "align_corners", "asymmetric"};
    private static final String[] NEAREST = {"round_prefer_floor", "round_prefer_ceil", "floor", "ceil"};
    /** Output sizes from a 4x5 input: scales {h, w} (as float) or sizes. */
    private static final double[][] SCALES = {{2, 2}, {1.5, 2.4}, {0.5, 0.8}, {3, 1}};
    private static final long[][] SIZES = {{7, 9}, {1, 6}, {3, 2}, {8, 5}};
    private static final int[] OPSETS = {11, 13, 18, 19, 20, 21};

    @TempDir
    Path dir;

    static Stream<Arguments> cases() {
        List<Arguments> list = new ArrayList<>();
        int k = 0;
        for (String transform : TRANSFORMS) {
            for (String mode : new String[] {"nearest", "linear"}) {
                for (String nearest : mode.equals("nearest") ? NEAREST : new String[] {"round_prefer_floor"}) {
                    for (double[] s : SCALES) {
                        list.add(Arguments.of(mode, transform, nearest, s, null, OPSETS[k++ % OPSETS.length]));
                    }
                    for (long[] s : SIZES) {
                        list.add(Arguments.of(mode, transform, nearest, null, s, OPSETS[k++ % OPSETS.length]));
                    }
                }
            }
        }
        return list.stream();
    }

    @ParameterizedTest(name = "{0} {1} {2} scales={3} sizes={4} opset {5}")
    @MethodSource("cases")
    void resizeInIrEqualsOnnxRuntime(String mode, String transform, String nearest, double[] scales, long[] sizes,
                                     int opset) throws IOException {
        OnnxGraph g = new OnnxGraph("resize", 5).input("input", 1, 2, 4, 5);
        String[] inputs = scales != null
                ? in("input", g.floats("roi", new double[0]), g.floats("scales", 1, 1, scales[0], scales[1]))
                : in("input", g.floats("roi", new double[0]), opset == 11 ? g.floats("no_scales", new double[0]) : "",
                        g.ints("sizes", 1, 2, sizes[0], sizes[1]));
        if (opset >= 13 && scales != null) {
            inputs[1] = "";
        }
        g.node("Resize", inputs, new String[] {"output"}, attr("mode", mode),
                attr("coordinate_transformation_mode", transform), attr("nearest_mode", nearest));
        g.output("output");
        Path file = g.write(dir, "resize.onnx", opset);
        try (LoadedModel model = new OnnxBackendProvider().backend().load(file, Parameters.empty())) {
            Network net = model.network();
            Upsample up = (Upsample) net.node(net.output()).op();
            assertThat(up.interpolation()).isEqualTo(mode.equals("nearest") ? Upsample.Interpolation.NEAREST
                    : Upsample.Interpolation.BILINEAR);
            SplittableRandom rng = new SplittableRandom(opset);
            for (int k = 0; k < 3; k++) {
                double[] hwc = new double[4 * 5 * 2];
                for (int i = 0; i < hwc.length; i++) {
                    hwc[i] = rng.nextInt(-8, 9);
                }
                Image image = Image.of(ImageShape.of(4, 5, 2), hwc);
                double[] ir = CompiledNetwork.compile(net).pointEvaluator().evaluate(image.toChw()).value(net.output());
                double[] ort = model.predict(image);
                assertThat(ir).hasSameSizeAs(ort);
                double scale = 1;
                double err = 0;
                for (int i = 0; i < ir.length; i++) {
                    scale = Math.max(scale, Math.abs(ort[i]));
                    err = Math.max(err, Math.abs(ir[i] - ort[i]));
                }
                assertThat(err).as("max |IR - ORT| of %s", net.outputShape()).isLessThanOrEqualTo(1e-6 * scale);
            }
        }
    }
}
