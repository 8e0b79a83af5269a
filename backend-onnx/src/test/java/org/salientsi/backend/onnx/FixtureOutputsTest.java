package org.salientsi.backend.onnx;

import static org.assertj.core.api.Assertions.assertThat;

import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.salientsi.api.backend.LoadedModel;
import org.salientsi.api.eval.PointEvaluation;
import org.salientsi.api.image.Image;
import org.salientsi.api.ir.Network;
import org.salientsi.api.ir.Node;
import org.salientsi.api.ir.TensorShape;
import org.salientsi.api.spi.Parameters;
import org.salientsi.core.eval.CompiledNetwork;
import org.salientsi.io.Npy;

/**
 * The IR of every fixture against PyTorch's float64 outputs and CAMs (the reference that
 * {@code make_fixtures.py} stored), and ONNX Runtime against the same outputs. The torch reference
 * runs in float64 from the float32 weights, as the IR does, so the two agree to rounding (float
 * attributes such as LeakyRelu's alpha are widened through their decimal form, see
 * {@link org.salientsi.backend.onnx.model.Attributes}).
 */
class FixtureOutputsTest {

    /** |IR - torch| relative to the largest |torch| output (measured: at most 8.1e-15). */
    private static final double IR_OUTPUT_TOLERANCE = 1e-13;
    /** |IR CAM - torch CAM| relative to the largest |torch CAM| (measured: at most 1.1e-15). */
    private static final double IR_CAM_TOLERANCE = 1e-13;
    /** |ONNX Runtime - torch| relative to the largest |torch| output: float32 rounding. */
    private static final double ORT_TOLERANCE = 1e-5;

    private static final List<String> REPORT = new ArrayList<>();

    static Stream<Fixtures.Fixture> fixtures() {
        return Fixtures.all().stream();
    }

    @AfterAll
    static void writeReport() throws IOException {
        Path target = Path.of("target");
        if (Files.isDirectory(target)) {
            Files.write(target.resolve("onnx-fixture-errors.txt"), REPORT);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void irForwardMatchesTorchFloat64OutputAndOnnxRuntime(Fixtures.Fixture fixture) throws IOException {
        try (LoadedModel model = new OnnxBackendProvider().backend().load(fixture.model(), Parameters.empty())) {
            double irWorst = 0;
            double ortWorst = 0;
            double irOrtWorst = 0;
            for (Fixtures.Sample sample : fixture.samples()) {
                Image image = sample.image();
                Network net = model.network(image.shape());
                PointEvaluation eval = CompiledNetwork.compile(net).pointEvaluator().evaluate(image.toChw());
                double[] ir = eval.value(net.output());
                double[] torch = Npy.read(sample.output()).data();
                double[] ort = model.predict(image);
                assertThat(ir).as("%s %s output length", fixture, sample.input().getFileName()).hasSameSizeAs(torch);
                double irErr = relative(ir, torch);
                double ortErr = relative(ort, torch);
                double irOrt = relative(ir, ort);
                irWorst = Math.max(irWorst, irErr);
                ortWorst = Math.max(ortWorst, ortErr);
                irOrtWorst = Math.max(irOrtWorst, irOrt);
                assertThat(irErr).as("%s %s: |IR - torch| / max|torch|", fixture, sample.input().getFileName())
                        .isLessThanOrEqualTo(IR_OUTPUT_TOLERANCE);
                assertThat(ortErr).as("%s %s: |ORT - torch| / max|torch|", fixture, sample.input().getFileName())
                        .isLessThanOrEqualTo(ORT_TOLERANCE);
            }
            synchronized (REPORT) {
                REPORT.add(String.format(Locale.ROOT, "%-24s output  IR-torch %.2e  ORT-torch %.2e  IR-ORT %.2e",
                        fixture.name(), irWorst, ortWorst, irOrtWorst));
            }
        }
    }

    static Stream<Fixtures.Fixture> camFixtures() {
        return Fixtures.all().stream().filter(f -> f.featureNode() != null);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("camFixtures")
    void camFromIrFeaturesMatchesTorchCam(Fixtures.Fixture fixture) throws IOException {
        double[][] head = headWeights(fixture);
        try (LoadedModel model = new OnnxBackendProvider().backend().load(fixture.model(), Parameters.empty())) {
            double worst = 0;
            for (Fixtures.Sample sample : fixture.samples()) {
                Image image = sample.image();
                Network net = model.network(image.shape());
                Node feature = net.node(fixture.featureNode()).orElseThrow(
                        () -> new AssertionError(fixture + ": no IR node named " + fixture.featureNode()));
                PointEvaluation eval = CompiledNetwork.compile(net).pointEvaluator().evaluate(image.toChw());
                double[] cam = cam(eval.value(feature.id()), feature.shape(), head[sample.camTarget()],
                        image.shape().height(), image.shape().width());
                double[] torch = Npy.read(sample.cam()).data();
                double err = relative(cam, torch);
                worst = Math.max(worst, err);
                assertThat(err).as("%s %s: |IR CAM - torch CAM| / max|torch CAM|", fixture,
                        sample.input().getFileName()).isLessThanOrEqualTo(IR_CAM_TOLERANCE);
            }
            synchronized (REPORT) {
                REPORT.add(String.format(Locale.ROOT, "%-24s cam     IR-torch %.2e", fixture.name(), worst));
            }
        }
    }

    /** The Gemm's weight W[target][k] read from the ONNX initializer (transB = 1 in every fixture). */
    private static double[][] headWeights(Fixtures.Fixture fixture) throws IOException {
        ModelProto m = ModelProto.parseFrom(Files.readAllBytes(fixture.model()));
        String gemmWeight = m.getGraph().getNodeList().stream().filter(n -> n.getName().equals(fixture.headNode()))
                .findFirst().orElseThrow().getInput(1);
        TensorProto t = m.getGraph().getInitializerList().stream().filter(i -> i.getName().equals(gemmWeight))
                .findFirst().orElseThrow();
        int rows = (int) t.getDims(0);
        int cols = (int) t.getDims(1);
        double[][] w = new double[rows][cols];
        ByteBuffer raw = t.getRawData().asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                w[r][c] = t.hasRawData() ? raw.getFloat() : t.getFloatData(r * cols + c);
            }
        }
        return w;
    }

    /**
     * {@code cam(h, w) = sum_k W[k] F_k(h, w)}, with F bilinearly upsampled (half-pixel centres,
     * edges clamped: PyTorch's {@code align_corners=False}) when smaller than the input.
     */
    static double[] cam(double[] f, TensorShape s, double[] w, int height, int width) {
        int fh = s.height();
        int fw = s.width();
        double[] cam = new double[height * width];
        for (int y = 0; y < height; y++) {
            double sy = Math.max((y + 0.5) * fh / height - 0.5, 0);
            int y0 = (int) sy;
            int y1 = Math.min(y0 + 1, fh - 1);
            double ly = sy - y0;
            for (int x = 0; x < width; x++) {
                double sx = Math.max((x + 0.5) * fw / width - 0.5, 0);
                int x0 = (int) sx;
                int x1 = Math.min(x0 + 1, fw - 1);
                double lx = sx - x0;
                double v = 0;
                for (int k = 0; k < s.channels(); k++) {
                    double a = f[s.index(k, y0, x0)];
                    double b = f[s.index(k, y0, x1)];
                    double c = f[s.index(k, y1, x0)];
                    double d = f[s.index(k, y1, x1)];
                    v += w[k] * ((1 - ly) * ((1 - lx) * a + lx * b) + ly * ((1 - lx) * c + lx * d));
                }
                cam[y * width + x] = v;
            }
        }
        return cam;
    }

    static double relative(double[] got, double[] expected) {
        double scale = 0;
        double err = 0;
        for (int i = 0; i < expected.length; i++) {
            scale = Math.max(scale, Math.abs(expected[i]));
            err = Math.max(err, Math.abs(got[i] - expected[i]));
        }
        return err / Math.max(scale, Double.MIN_NORMAL);
    }
}
