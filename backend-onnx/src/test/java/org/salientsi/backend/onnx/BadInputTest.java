package org.salientsi.backend.onnx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.salientsi.backend.onnx.OnnxGraph.attr;
import static org.salientsi.backend.onnx.OnnxGraph.in;
import static org.salientsi.backend.onnx.OnnxGraph.intList;

import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.StringStringEntryProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.salientsi.api.backend.LoadedModel;
import org.salientsi.api.backend.ModelBackend;
import org.salientsi.api.error.ModelLoadException;
import org.salientsi.api.error.ShapeMismatchException;
import org.salientsi.api.error.UnsupportedLayerException;
import org.salientsi.api.image.Image;
import org.salientsi.api.image.ImageShape;
import org.salientsi.api.spi.Parameters;

/**
 * Bad model files and bad images: each is refused with a typed exception whose message is one
 * readable line naming the file, the node and op, or both shapes.
 */
class BadInputTest {

    private static final List<String> MESSAGES = new ArrayList<>();

    private final ModelBackend backend = new OnnxBackendProvider().backend();

    @TempDir
    Path dir;

    @AfterAll
    static void writeMessages() throws IOException {
        Path target = Path.of("target");
        if (Files.isDirectory(target)) {
            Files.write(target.resolve("onnx-bad-input-messages.txt"), MESSAGES);
        }
    }

    private static <T extends Throwable> T recorded(String label, T e) {
        assertThat(e).as(label).isNotNull();
        assertThat(e.getMessage()).as("one line").doesNotContain("\n");
        synchronized (MESSAGES) {
            MESSAGES.add(label + ": " + e.getClass().getSimpleName() + ": " + e.getMessage());
        }
        return e;
    }

    private ModelLoadException loadFails(String label, Path file) {
        return recorded(label, catchThrowableOfType(ModelLoadException.class,
                () -> backend.load(file, Parameters.empty())));
    }

    private UnsupportedLayerException translationFails(String label, OnnxGraph g, int opset) {
        Path file = g.write(dir, label + ".onnx", opset);
        return recorded(label, catchThrowableOfType(UnsupportedLayerException.class,
                () -> backend.load(file, Parameters.empty())));
    }

    private Path write(String name, byte[] bytes) throws IOException {
        return Files.write(dir.resolve(name), bytes);
    }

    private static byte[] paperCam() throws IOException {
        return Files.readAllBytes(Fixtures.dir().resolve("paper_cam.onnx"));
    }

    @Test
    void missingFileIsAModelLoadErrorNamingTheFile() {
        Path file = dir.resolve("nowhere.onnx");
        ModelLoadException e = loadFails("missing file", file);
        assertThat(e.file()).isEqualTo(file);
        assertThat(e.getMessage()).contains("nowhere.onnx").contains("no such file");
    }

    @Test
    void emptyFileIsRefusedAsEmpty() throws IOException {
        ModelLoadException e = loadFails("empty file", write("empty.onnx", new byte[0]));
        assertThat(e.getMessage()).contains("empty.onnx").contains("empty");
    }

    @Test
    void randomBytesAreNotAnOnnxModel() throws IOException {
        byte[] noise = new byte[4096];
        new Random(42).nextBytes(noise);
        ModelLoadException e = loadFails("non-ONNX file (random bytes)", write("noise.onnx", noise));
        assertThat(e.getMessage()).contains("noise.onnx").contains("not an ONNX model");
    }

    @Test
    void textFileIsNotAnOnnxModel() throws IOException {
        ModelLoadException e = loadFails("text file",
                write("readme.onnx", "this is not a model\n".getBytes(StandardCharsets.UTF_8)));
        assertThat(e.getMessage()).contains("readme.onnx").contains("not an ONNX model");
    }

    @Test
    void halfOfAModelIsTruncated() throws IOException {
        byte[] model = paperCam();
        ModelLoadException e = loadFails("truncated model (first half of paper_cam.onnx)",
                write("half.onnx", Arrays.copyOf(model, model.length / 2)));
        assertThat(e.getMessage()).contains("half.onnx").contains("truncated");
    }

    @Test
    void everyProperPrefixOfAModelIsRefused() throws IOException {
        byte[] model = paperCam();
        Path file = dir.resolve("prefix.onnx");
        for (int n = 1; n < model.length; n++) {
            Files.write(file, Arrays.copyOf(model, n));
            int length = n;
            assertThat(catchThrowableOfType(ModelLoadException.class, () -> backend.load(file, Parameters.empty())))
                    .as("prefix of %d bytes", length).isNotNull();
        }
    }

    @Test
    void protobufWithoutGraphIsNotAnOnnxModel() throws IOException {
        ModelLoadException e = loadFails("protobuf without a graph",
                write("nograph.onnx", ModelProto.newBuilder().setIrVersion(7).build().toByteArray()));
        assertThat(e.getMessage()).contains("nograph.onnx").contains("no graph");
    }

    @Test
    void externalDataTensorsAreRefusedNamingTheInitializer() throws IOException {
        ModelProto.Builder m = ModelProto.parseFrom(paperCam()).toBuilder();
        TensorProto.Builder w = m.getGraphBuilder().getInitializerBuilderList().stream()
                .filter(t -> t.getName().equals("fc.weight")).findFirst().orElseThrow();
        w.clearRawData().setDataLocation(TensorProto.DataLocation.EXTERNAL)
                .addExternalData(StringStringEntryProto.newBuilder().setKey("location").setValue("weights.bin"))
                .addExternalData(StringStringEntryProto.newBuilder().setKey("offset").setValue("0"))
                .addExternalData(StringStringEntryProto.newBuilder().setKey("length").setValue("16"));
        ModelLoadException e = loadFails("external-data tensor", write("external.onnx", m.build().toByteArray()));
        assertThat(e.getMessage()).contains("external.onnx").contains("'fc.weight'").contains("external")
                .contains("weights.bin");
    }

    @Test
    void unsupportedOpsNameTheNodeAndTheOp() {
        for (String op : new String[] {"Softplus", "Sin"}) {
            OnnxGraph g = new OnnxGraph("bad", 1).input("input", 1, 1, 6, 6);
            String x = g.conv3("input", 1, 2);
            x = g.node(op, in(x));
            g.head(x, 2, 1, "output");
            UnsupportedLayerException e = translationFails("unsupported op " + op, g, 13);
            assertThat(e.layerType()).isEqualTo(op);
            assertThat(e.layerName()).isEqualTo("/" + op + "_3");
            assertThat(e.getMessage()).contains("/" + op + "_3").contains(op);
        }
    }

    @Test
    void recurrentLayerIsUnsupported() {
        OnnxGraph g = new OnnxGraph("lstm", 1).input("input", 1, 1, 6, 6);
        String x = g.node("Flatten", in("input"));
        x = g.node("Unsqueeze", in(x, g.ints("axes", 1)));
        x = g.node("LSTM", in(x, g.weight("W", 0.1, 1, 8, 36), g.weight("R", 0.1, 1, 8, 2)), attr("hidden_size", 2L));
        g.head(x, 2, 1, "output");
        UnsupportedLayerException e = translationFails("unsupported op LSTM", g, 13);
        assertThat(e.layerType()).isEqualTo("LSTM");
        assertThat(e.getMessage()).contains("LSTM").contains("/LSTM_");
    }

    @Test
    void softmaxOverTwoAxesTogetherIsRefused() {
        OnnxGraph g = new OnnxGraph("softmax", 1).input("input", 1, 1, 6, 6);
        String x = g.node("Softmax", in(g.conv3("input", 1, 2)), attr("axis", 2L));
        g.head(x, 2, 1, "output");
        UnsupportedLayerException e = translationFails("Softmax over rows and columns together at opset 11", g, 11);
        assertThat(e.layerType()).isEqualTo("Softmax");
        assertThat(e.getMessage()).contains("/Softmax_").contains("axes 2 to 3").contains("together");
    }

    @Test
    void productOfImageTensorsThatDoNotBroadcastIsRefused() {
        OnnxGraph g = new OnnxGraph("mul", 1).input("input", 1, 1, 6, 6);
        String a = g.conv3("input", 1, 2);
        String b = g.conv3("input", 1, 3);
        String x = g.node("Mul", in(a, b));
        g.head(x, 2, 1, "output");
        UnsupportedLayerException e = translationFails("Mul of image tensors that do not broadcast", g, 13);
        assertThat(e.layerType()).isEqualTo("Mul");
        assertThat(e.getMessage()).contains("do not broadcast");
    }

    @Test
    void transposeThatMovesTheBatchAxisIsRefused() {
        OnnxGraph g = new OnnxGraph("transpose", 1).input("input", 1, 1, 6, 6);
        String x = g.node("Transpose", in(g.conv3("input", 1, 2)), intList("perm", 1, 0, 2, 3));
        g.head(x, 1, 1, "output");
        UnsupportedLayerException e = translationFails("Transpose moving the batch axis", g, 13);
        assertThat(e.getMessage()).contains("batch axis");
    }

    @Test
    void customDomainOpIsRefused() {
        OnnxGraph g = new OnnxGraph("custom", 1).input("input", 1, 1, 6, 6);
        String x = g.conv3("input", 1, 2);
        g.head(x, 2, 1, "output");
        ModelProto.Builder m = g.model(13).toBuilder();
        m.getGraphBuilder().getNodeBuilder(0).setDomain("com.microsoft").setOpType("FusedConv");
        UnsupportedLayerException e = recorded("custom-domain op", catchThrowableOfType(
                UnsupportedLayerException.class, () -> backend.load(write("custom.onnx", m.build().toByteArray()),
                        Parameters.empty())));
        assertThat(e.getMessage()).contains("com.microsoft").contains("FusedConv");
    }

    @Test
    void twoImageInputsAreRefused() throws IOException {
        OnnxGraph g = new OnnxGraph("two", 1).input("image", 1, 1, 6, 6).input("mask", 1, 1, 6, 6);
        String x = g.node("Add", in("image", "mask"));
        g.head(g.conv3(x, 1, 2), 2, 1, "output");
        ModelLoadException e = loadFails("two image inputs", g.write(dir, "two_inputs.onnx", 13));
        assertThat(e.getMessage()).contains("two_inputs.onnx").contains("2 image inputs").contains("'image'")
                .contains("'mask'");
    }

    @Test
    void unsupportedOpsetIsRefused() throws IOException {
        OnnxGraph g = new OnnxGraph("old", 1).input("input", 1, 1, 6, 6);
        g.head(g.conv3("input", 1, 2), 2, 1, "output");
        ModelLoadException e = loadFails("opset 8", g.write(dir, "opset8.onnx", 8));
        assertThat(e.getMessage()).contains("opset 8").contains("9 to 21");
    }

    @Test
    void imageOfAnotherSizeDoesNotFitAFixedSizeModel() throws IOException {
        try (LoadedModel model = backend.load(Fixtures.dir().resolve("paper_cam.onnx"), Parameters.empty())) {
            ShapeMismatchException e = recorded("9x9 image for the 8x8 model (network)", catchThrowableOfType(
                    ShapeMismatchException.class, () -> model.network(ImageShape.of(9, 9, 1))));
            assertThat(e.getMessage()).contains("paper_cam.onnx").contains("8x8").contains("9x9");
            Image image = Image.of(ImageShape.of(9, 9, 1), new double[81]);
            ShapeMismatchException p = recorded("9x9 image for the 8x8 model (predict)", catchThrowableOfType(
                    ShapeMismatchException.class, () -> model.predict(image)));
            assertThat(p.getMessage()).contains("8x8").contains("9x9");
        }
    }

    @Test
    void imageWithOtherChannelsDoesNotFitADynamicSizeModel() throws IOException {
        try (LoadedModel model = backend.load(Fixtures.dir().resolve("dynamic_fcn.onnx"), Parameters.empty())) {
            ShapeMismatchException e = recorded("12x10x3 image for the dynamic 1-channel model", catchThrowableOfType(
                    ShapeMismatchException.class, () -> model.network(ImageShape.of(12, 10, 3))));
            assertThat(e.getMessage()).contains("dynamic_fcn.onnx").contains("?x?").contains("12x10x3")
                    .contains("3 channels");
        }
    }

    @Test
    void imageTooSmallForTheNetworkIsAShapeMismatch() throws IOException {
        OnnxGraph g = new OnnxGraph("dyn", 1).input("input", 1, 1, "H", "W");
        String x = g.conv("input", 1, 2, 5, intList("kernel_shape", 5, 5));
        g.head(x, 2, 1, "output");
        try (LoadedModel model = backend.load(g.write(dir, "dyn5.onnx", 13), Parameters.empty())) {
            ShapeMismatchException e = recorded("3x3 image for a 5x5 convolution", catchThrowableOfType(
                    ShapeMismatchException.class, () -> model.network(ImageShape.of(3, 3, 1))));
            assertThat(e.getMessage()).contains("dyn5.onnx").contains("3x3");
        }
    }

    @Test
    void optionContradictingAFixedDimensionIsRefused() {
        ModelLoadException e = recorded("option height=9 for an 8x8 model", catchThrowableOfType(
                ModelLoadException.class, () -> backend.load(Fixtures.dir().resolve("paper_cam.onnx"),
                        Parameters.empty().with("height", "9"))));
        assertThat(e.getMessage()).contains("height").contains("8");
    }

    @Test
    void closedModelNoLongerPredicts() throws IOException {
        LoadedModel model = backend.load(Fixtures.dir().resolve("paper_cam.onnx"), Parameters.empty());
        Image image = Image.of(ImageShape.of(8, 8, 1), new double[64]);
        model.predict(image);
        model.close();
        model.close();
        IllegalStateException e = recorded("predict after close", catchThrowableOfType(
                IllegalStateException.class, () -> model.predict(image)));
        assertThat(e.getMessage()).contains("closed");
        assertThat(model.network()).as("the IR outlives the session").isNotNull();
    }
}
