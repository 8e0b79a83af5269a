package org.salientsi.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.salientsi.cli.testplugin.OutOfMemoryMethodProvider;
import org.salientsi.cli.testplugin.StackOverflowMethodProvider;

/**
 * The catalogue of hostile model files, run through the command line in this JVM with the assertions of
 * {@link BadInputCatalogueTest}: exit code 2, one readable line on standard error naming the file and the
 * layer (or initializer) with both shapes where shapes disagree, nothing on standard output.
 *
 * <p>The models of {@code models/bad/} (written by {@code make_keras_fixtures.py} and
 * {@code make_broken_models.py}) each differ in one weight from a valid model of 8x8 grey images, which
 * gives a p-value with the same image ({@link #theValidBasesOfTheBrokenModelsGiveAPValue}): only the weight
 * checks stand between the broken files and a number.
 */
class BadInputModelCatalogueTest {

    private static final BadInputCase.Log MESSAGES = new BadInputCase.Log();
    /** Every case runs Grad-CAM, which the valid bases support (the default, CAM, needs a pooling head). */
    private static final String[] GRADCAM = {"--method", "gradcam"};

    @TempDir
    static Path dir;

    static Path x;
    static Path ref;

    @BeforeAll
    static void files() throws IOException {
        x = TestData.writeGrey(dir.resolve("x.npy"), 11, 8, 3.0);
        ref = TestData.writeGrey(dir.resolve("r.npy"), 12, 8, 0);
        // an HDF5 signature and superblock-sized noise: the Java HDF5 reader must refuse it
        byte[] noise = new byte[4096];
        new SplittableRandom(7).nextBytes(noise);
        byte[] sig = {(byte) 0x89, 'H', 'D', 'F', '\r', '\n', 0x1a, '\n', 0};
        System.arraycopy(sig, 0, noise, 0, sig.length);
        Files.write(dir.resolve("hdf5_noise.h5"), noise);
        // the valid Keras model with its last 2 KiB cut off
        byte[] base = Files.readAllBytes(bad("grey8_base.h5"));
        Files.write(dir.resolve("grey8_cut.h5"), Arrays.copyOf(base, base.length - 2048));
    }

    private static Path bad(String name) {
        return TestData.model("bad/" + name);
    }

    private static String[] testWith(Path model, String... extra) {
        List<String> a = new ArrayList<>(List.of("test", "--model", model.toString(), "--image", x.toString(),
                "--reference", ref.toString(), "--sigma", "1"));
        a.addAll(List.of(extra));
        return a.toArray(String[]::new);
    }

    /** A case whose error names the file and the given words. */
    private static BadInputCase c(String name, String file, String... names) {
        Path model = file.startsWith("/") ? Path.of(file) : bad(file);
        List<String> all = new ArrayList<>(List.of(model.getFileName().toString()));
        all.addAll(List.of(names));
        return new BadInputCase(name, testWith(model, GRADCAM), all.toArray(String[]::new));
    }

    /** A case refused by the translation of one node: the error names the node (the layer), not the file. */
    private static BadInputCase node(String name, String file, String... names) {
        return new BadInputCase(name, testWith(bad(file), GRADCAM), names);
    }

    static Stream<BadInputCase> catalogue() {
        return Stream.of(
                // Keras weights against the architecture
                c("Keras Dense kernel transposed", "dense_kernel_transposed.h5", "'hidden'", "[3, 72]", "[72, 3]"),
                c("Keras Dense kernel for another input size", "dense_kernel_wrong_in.h5", "'hidden'", "[64, 3]",
                        "[72, 3]"),
                c("Keras Conv2D kernel in PyTorch order", "conv_kernel_transposed.h5", "'conv'", "[2, 1, 3, 3]",
                        "[3, 3, 1, 2]"),
                c("Keras layer missing its bias", "missing_weight.h5", "'score'", "bias", "missing"),
                c("Keras layer with an extra weight", "extra_weight.h5", "'hidden'", "gamma", "extra"),
                c("Keras Flatten layer holding a weight", "flatten_with_weight.h5", "'flatten'", "extra"),
                c("Keras weights for a layer the architecture lacks", "stray_layer_weights.h5", "'ghost'"),
                c("Keras NaN weight", "nan_weight.h5", "'conv'", "NaN"),
                c("Keras infinite weight", "inf_weight.h5", "'score'", "Infinity"),
                c("Keras bias of the wrong length", "bias_wrong_length.h5", "'conv'", "[3]", "[2]"),
                // sizes before allocation
                c("Keras weight claiming 1 GB in a small file", "huge_dataset.h5", "'hidden'", "[16000, 16000]"),
                c("Keras compressed weight claiming 1 GB", "huge_chunked.h5", "'hidden'", "compressed"),
                c("Keras weight claiming 40 GB (over the parameter cap)", "huge_cap.h5", "'hidden'",
                        "[100000, 100000]"),
                c("Keras model_config nested 5000 levels", "deep_config.h5", "model_config", "1000"),
                c("HDF5 signature followed by noise", dir.resolve("hdf5_noise.h5").toString(), "HDF5"),
                c("Keras file cut short", dir.resolve("grey8_cut.h5").toString(), "truncated"),
                // ONNX initializers
                c("ONNX raw_data shorter than its dims", "raw_data_short.onnx", "conv.weight", "[2, 1, 3, 3]"),
                c("ONNX negative dimension", "negative_dim.onnx", "conv.bias", "[-2]"),
                c("ONNX dims whose product overflows", "overflowing_dims.onnx", "conv.bias", "overflows"),
                node("ONNX Conv weight of rank 3", "conv_weight_rank3.onnx", "/conv/Conv", "rank 3"),
                node("ONNX Conv weight for 3 channels on a grey image", "conv_channels.onnx", "/conv/Conv",
                        "[2, 3, 3, 3]"),
                c("ONNX NaN initializer", "nan_initializer.onnx", "conv.weight", "NaN"),
                c("ONNX infinite initializer", "inf_initializer.onnx", "fc.weight", "Infinity"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("catalogue")
    void badModelIsOneLineExitTwoAndNoPValue(BadInputCase c) {
        CliRun r = CliRun.of(c.args());
        c.assertRefused(r, MESSAGES);
    }

    /** Keeps the messages for review (target/cli-bad-model-messages.txt). */
    @AfterAll
    static void writeMessages() throws IOException {
        MESSAGES.write("cli-bad-model-messages.txt");
    }

    @Test
    void theCatalogueHasAtLeastFifteenModelCases() {
        assertThat(catalogue().count()).isGreaterThanOrEqualTo(15);
    }

    @Test
    void theValidBasesOfTheBrokenModelsGiveAPValue() {
        for (String base : new String[] {"grey8_base.h5", "grey8_base.onnx"}) {
            CliRun r = CliRun.of(testWith(bad(base), "--method", "gradcam", "--json"));
            assertThat(r.code()).as("%s: %s", base, r).isZero();
            assertThat(r.out()).contains("\"selective_p\"");
        }
    }

    @Test
    void runningOutOfHeapIsOneLineAndExitOne() {
        CliRun r = CliRun.of(testWith(bad("grey8_base.onnx"), "--method", OutOfMemoryMethodProvider.NAME));
        assertThat(r.code()).as("%s", r).isEqualTo(1);
        assertThat(r.out()).isEmpty();
        assertThat(r.err().strip().lines().toList()).singleElement().asString()
                .startsWith("salientsi: out of memory").contains("SALIENTSI_JAVA_OPTS").doesNotContain("\tat ");
    }

    @Test
    void overflowingTheStackIsOneLineAndExitOne() {
        CliRun r = CliRun.of(testWith(bad("grey8_base.onnx"), "--method", StackOverflowMethodProvider.NAME));
        assertThat(r.code()).as("%s", r).isEqualTo(1);
        assertThat(r.out()).isEmpty();
        assertThat(r.err().strip().lines().toList()).singleElement().asString()
                .isEqualTo("salientsi: stack overflow: the input nests too deeply to be processed");
    }

    @Test
    void nativeMemoryIsCappedByDefaultAndTheCapsCanBeOverridden() {
        assertThat(System.getProperty(NativeMemory.MAX_BYTES)).as("set by Main.run unless given").isNotNull();
        long heap = 2L << 30;
        assertThat(NativeMemory.defaults(heap)).containsEntry(NativeMemory.MAX_BYTES, "4g")
                .containsEntry(NativeMemory.MAX_PHYSICAL_BYTES, Long.toString((4L + 2 + 1) << 30));
        String before = System.getProperty(NativeMemory.MAX_BYTES);
        System.setProperty(NativeMemory.MAX_BYTES, "123m");
        try {
            NativeMemory.capDefaults();
            assertThat(System.getProperty(NativeMemory.MAX_BYTES)).isEqualTo("123m");
        } finally {
            System.setProperty(NativeMemory.MAX_BYTES, before);
        }
    }
}
