package org.salientsi.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.salientsi.cli.testplugin.NotPiecewiseMethodProvider;

/**
 * The catalogue of bad input, run through the command line in this JVM: each case exits with code 2,
 * prints one readable line on standard error that names the file, option or layer, no stack trace,
 * and no p-value (nothing on standard output).
 */
class BadInputCatalogueTest {

    private static final BadInputCase.Log MESSAGES = new BadInputCase.Log();

    @TempDir
    static Path dir;

    static Path model8;
    static Path x;
    static Path ref;

    @BeforeAll
    static void files() throws IOException {
        model8 = TestData.paperModel(8);
        x = TestData.writeGrey(dir.resolve("x.npy"), 11, 8, 3.0);
        ref = TestData.writeGrey(dir.resolve("r.npy"), 12, 8, 0);
        TestData.writeGrey(dir.resolve("big.npy"), 13, 16, 0);
        TestData.write(dir.resolve("rgb.npy"), new int[] {8, 8, 3}, TestData.image(14, 8, 3, 0));
        double[] nan = TestData.image(15, 8, 1, 0);
        nan[9] = Double.NaN;
        TestData.write(dir.resolve("nan.npy"), new int[] {8, 8}, nan);
        double[] inf = TestData.image(16, 8, 1, 0);
        inf[63] = Double.POSITIVE_INFINITY;
        TestData.write(dir.resolve("inf.npy"), new int[] {8, 8}, inf);
        TestData.write(dir.resolve("refnan.npy"), new int[] {8, 8}, nan);
        Files.write(dir.resolve("empty.npy"), new byte[0]);
        Files.writeString(dir.resolve("text.npy"), "this is not a numpy array\n");
        byte[] good = Files.readAllBytes(x);
        Files.write(dir.resolve("cut.npy"), Arrays.copyOf(good, good.length - 100));
        Files.copy(TestData.resource("/npy/int32.npy"), dir.resolve("int32.npy"));
        Files.copy(TestData.resource("/npy/rank4.npy"), dir.resolve("rank4.npy"));
        TestData.write(dir.resolve("flat.npy"), new int[] {64}, TestData.image(17, 8, 1, 0));
        // PNG files written by the JDK's encoder
        BufferedImage grey16 = new BufferedImage(8, 8, BufferedImage.TYPE_USHORT_GRAY);
        ImageIO.write(grey16, "png", dir.resolve("deep.png").toFile());
        BufferedImage argb = new BufferedImage(8, 8, BufferedImage.TYPE_INT_ARGB);
        ImageIO.write(argb, "png", dir.resolve("alpha.png").toFile());
        BufferedImage grey = new BufferedImage(8, 8, BufferedImage.TYPE_BYTE_GRAY);
        ImageIO.write(grey, "png", dir.resolve("grey.png").toFile());
        byte[] png = Files.readAllBytes(dir.resolve("grey.png"));
        Files.write(dir.resolve("cut.png"), Arrays.copyOf(png, png.length / 2));
        Files.writeString(dir.resolve("notes.txt"), "an image?\n");
        Files.createDirectories(dir.resolve("no-images"));
        Files.writeString(dir.resolve("no-images/readme.txt"), "nothing here\n");
        TestData.write(dir.resolve("cov3.npy"), new int[] {3, 3}, new double[] {1, 0, 0, 0, 1, 0, 0, 0, 1});
        double[] notSpd = new double[64 * 64];
        for (int i = 0; i < 64; i++) {
            notSpd[i * 64 + i] = i == 5 ? -1 : 1;
        }
        TestData.write(dir.resolve("cov-neg.npy"), new int[] {64, 64}, notSpd);
        // model files
        Files.write(dir.resolve("empty.h5"), new byte[0]);
        Files.writeString(dir.resolve("garbage.h5"), "not an HDF5 file at all, just text\n".repeat(20));
        byte[] h5 = Files.readAllBytes(model8);
        Files.write(dir.resolve("cut.h5"), Arrays.copyOf(h5, h5.length / 2));
        Files.write(dir.resolve("garbage.onnx"), "\u0001\u0002not protobuf".getBytes(StandardCharsets.ISO_8859_1));
        byte[] onnx = Files.readAllBytes(TestData.model("paper_cam.onnx"));
        Files.write(dir.resolve("cut.onnx"), Arrays.copyOf(onnx, onnx.length / 2));
        Files.writeString(dir.resolve("model.txt"), "weights\n");
        Files.write(dir.resolve("empty.onnx"), new byte[0]);
    }

    private static String f(String name) {
        return dir.resolve(name).toString();
    }

    /** {@code test} with the paper's 8x8 model, the image, the reference and sigma 1, then extra options. */
    private static String[] test(String... extra) {
        List<String> a = new ArrayList<>(List.of("test", "--model", model8.toString(), "--image", x.toString(),
                "--reference", ref.toString(), "--sigma", "1"));
        a.addAll(List.of(extra));
        return a.toArray(String[]::new);
    }

    /** {@code test} with the given model, image and reference, sigma 1. */
    private static String[] testWith(String model, String image, String reference, String... extra) {
        List<String> a = new ArrayList<>(List.of("test", "--model", model, "--image", image));
        if (reference != null) {
            a.addAll(List.of("--reference", reference));
        }
        a.addAll(List.of(extra));
        if (!a.contains("--sigma") && !a.contains("--covariance")) {
            a.addAll(List.of("--sigma", "1"));
        }
        return a.toArray(String[]::new);
    }

    private static BadInputCase c(String name, String[] args, String... names) {
        return new BadInputCase(name, args, names);
    }

    static Stream<BadInputCase> catalogue() {
        String m = model8.toString();
        String xs = x.toString();
        String rs = ref.toString();
        return Stream.of(
                // model files
                c("missing model file", testWith(f("no-such-model.h5"), xs, rs), "no-such-model.h5"),
                c("empty Keras model file", testWith(f("empty.h5"), xs, rs), "empty.h5"),
                c("corrupt Keras model file", testWith(f("garbage.h5"), xs, rs), "garbage.h5"),
                c("truncated Keras model file", testWith(f("cut.h5"), xs, rs), "cut.h5"),
                c("empty ONNX model file", testWith(f("empty.onnx"), xs, rs), "empty.onnx"),
                c("corrupt ONNX model file", testWith(f("garbage.onnx"), xs, rs), "garbage.onnx"),
                c("truncated ONNX model file", testWith(f("cut.onnx"), xs, rs), "cut.onnx"),
                c("model of an unknown file type", testWith(f("model.txt"), xs, rs), "model.txt"),
                c("unknown backend", test("--backend", "tensorflow"), "tensorflow"),
                c("Keras model with an unsupported layer (GRU)",
                        testWith(TestData.model("gru_layer.h5").toString(), xs, rs), "GRU"),
                c("ONNX model with an unsupported op (Softplus)",
                        testWith(TestData.model("softplus_layer.onnx").toString(), xs, rs), "Softplus"),
                // image files
                c("missing image file", testWith(m, f("no-such-image.npy"), rs), "no-such-image.npy"),
                c("empty image file", testWith(m, f("empty.npy"), rs), "empty.npy"),
                c("corrupt image file (not .npy)", testWith(m, f("text.npy"), rs), "text.npy"),
                c("truncated image file", testWith(m, f("cut.npy"), rs), "cut.npy"),
                c("image of an unsupported dtype (int32)", testWith(m, f("int32.npy"), rs), "int32.npy"),
                c("image with a NaN pixel", testWith(m, f("nan.npy"), rs), "nan.npy", "NaN"),
                c("image with an infinite pixel", testWith(m, f("inf.npy"), rs), "inf.npy"),
                c("image of rank 4", testWith(m, f("rank4.npy"), rs), "rank4.npy"),
                c("image of rank 1", testWith(m, f("flat.npy"), rs), "flat.npy"),
                c("image of the wrong size for the model", testWith(m, f("big.npy"), null), "big.npy", "16x16"),
                c("image with the wrong channels for the model", testWith(m, f("rgb.npy"), null), "rgb.npy"),
                c("16-bit PNG", testWith(m, f("deep.png"), null), "deep.png", "16-bit"),
                c("PNG with an alpha channel", testWith(m, f("alpha.png"), null), "alpha.png", "alpha"),
                c("truncated PNG", testWith(m, f("cut.png"), null), "cut.png", "truncated"),
                c("image of an unsupported file type", testWith(m, f("notes.txt"), null), "notes.txt"),
                // references
                c("missing reference", testWith(m, xs, f("no-such-ref.npy")), "no-such-ref.npy"),
                c("reference of another shape", testWith(m, xs, f("big.npy")), "big.npy", "x.npy"),
                c("reference with a NaN pixel", testWith(m, xs, f("refnan.npy")), "refnan.npy"),
                c("reference folder without images",
                        testWith(m, xs, null, "--references", f("no-images")), "--references", "no-images"),
                c("reference folder that is a file", testWith(m, xs, null, "--references", rs), "--references"),
                // noise
                c("sigma zero", testWith(m, xs, rs, "--sigma", "0"), "--sigma"),
                c("sigma negative", testWith(m, xs, rs, "--sigma", "-1"), "--sigma"),
                c("sigma not a number (NaN)", testWith(m, xs, rs, "--sigma", "NaN"), "--sigma"),
                c("sigma not a number (text)", testWith(m, xs, rs, "--sigma", "one"), "--sigma"),
                c("sigma infinite", testWith(m, xs, rs, "--sigma", "Infinity"), "--sigma"),
                c("sigma and covariance together", testWith(m, xs, rs, "--sigma", "1", "--covariance", f("cov3.npy")),
                        "--sigma", "--covariance"),
                c("covariance of the wrong size", testWith(m, xs, rs, "--covariance", f("cov3.npy")), "cov3.npy"),
                c("covariance not positive definite", testWith(m, xs, rs, "--covariance", f("cov-neg.npy")),
                        "--covariance", "cov-neg.npy", "positive definite"),
                // (an empty region, or a whole-image region under contrast, is an outcome, exit 3: NothingToTestTest)
                // names and options
                c("unknown method", test("--method", "lime-ish"), "--method", "lime-ish"),
                c("unknown selector", test("--selector", "biggest:3"), "--selector", "biggest"),
                c("selector with a bad argument", test("--selector", "threshold:high"), "threshold"),
                c("unknown statistic", test("--statistic", "median"), "--statistic", "median"),
                c("unknown alternative", test("--alternative", "sideways"), "--alternative", "sideways"),
                c("unknown termination rule", test("--termination", "whenever"), "--termination", "whenever"),
                c("search range zero", test("--range", "0"), "--range"),
                c("confidence level above 1", test("--confidence", "1.5"), "--confidence"),
                c("unknown option", test("--frobnicate"), "--frobnicate"),
                c("missing required option", new String[] {"test", "--image", xs, "--sigma", "1"}, "--model"),
                c("unknown command", new String[] {"frobnicate"}, "frobnicate"),
                c("target beyond the model's outputs", test("--target", "5"), "target", "5"),
                c("negative target", test("--target", "-2"), "--target"),
                c("unknown CAM layer", test("--cam-layer", "no_such_layer"), "no_such_layer"),
                c("malformed image shape", test("--image-shape", "eight"), "--image-shape", "eight"),
                c("method that cannot give a selective p-value",
                        test("--method", NotPiecewiseMethodProvider.NAME), NotPiecewiseMethodProvider.NAME,
                        "not piecewise linear"),
                // report and batch
                c("report into a missing folder", test("--report", f("no-such-dir/out.html")), "--report"),
                c("batch: images folder without images",
                        new String[] {"batch", "--model", m, "--images", f("no-images"), "--sigma", "1"}, "no-images"),
                c("batch: glob that matches nothing",
                        new String[] {"batch", "--model", m, "--images", f("*.nothing"), "--sigma", "1"}, "*.nothing"),
                c("batch: missing paired-references folder",
                        new String[] {"batch", "--model", m, "--images", xs, "--paired-references", f("no-refs"),
                            "--sigma", "1"}, "--paired-references"),
                c("map: corrupt image", new String[] {"map", "--model", m, "--image", f("text.npy")}, "text.npy"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("catalogue")
    void badInputIsOneLineExitTwoAndNoPValue(BadInputCase c) {
        CliRun r = CliRun.of(c.args());
        c.assertRefused(r, MESSAGES);
    }

    /** Keeps the messages for review (target/cli-bad-input-messages.txt). */
    @AfterAll
    static void writeMessages() throws IOException {
        MESSAGES.write("cli-bad-input-messages.txt");
    }

    @Test
    void theCatalogueHasAtLeastThirtyCases() {
        assertThat(catalogue().count()).isGreaterThanOrEqualTo(30);
    }

    @Test
    void debugAddsTheStackTrace() {
        CliRun r = CliRun.of(testWith(model8.toString(), f("nan.npy"), ref.toString(), "--debug"));
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("InvalidPixelException").contains("\tat ").contains("nan.npy");
        assertThat(r.out()).isEmpty();
    }

    @Test
    void theGoodInputOfTheCatalogueGivesAPValue() {
        // the catalogue's cases differ from this command line in one thing each
        CliRun r = CliRun.of(test("--json"));
        assertThat(r.code()).as("%s", r).isZero();
        assertThat(r.out()).contains("\"selective_p\"");
        assertThat(r.err()).isEmpty();
    }
}
