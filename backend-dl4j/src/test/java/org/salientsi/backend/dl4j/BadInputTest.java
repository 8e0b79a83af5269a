package org.salientsi.backend.dl4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.LSTM;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.RnnOutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction;
import org.salientsi.api.backend.LoadedModel;
import org.salientsi.api.backend.ModelBackend;
import org.salientsi.api.error.InvalidInputException;
import org.salientsi.api.error.ModelLoadException;
import org.salientsi.api.error.ShapeMismatchException;
import org.salientsi.api.error.UnsupportedLayerException;
import org.salientsi.api.image.Image;
import org.salientsi.api.image.ImageShape;
import org.salientsi.api.spi.Parameters;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Bad files and bad images give typed errors with one readable line, never a raw DL4J exception.
 *
 * <p>None of these files reaches HDF5's C library except the two valid HDF5 files with an unsupported
 * layer and a Keras 3 version (the backend checks the signature and the recorded file size first), so
 * the tests print no {@code HDF5-DIAG} traces; that native stderr output cannot be captured from Java.
 */
class BadInputTest {

    private static final Logger LOG = LoggerFactory.getLogger(BadInputTest.class);

    @TempDir
    Path dir;

    private final ModelBackend backend = TestModels.backend();

    @Test
    void missingFileIsAModelLoadException() {
        Throwable e = loadError(dir.resolve("nope.h5"), Parameters.empty(), "missing file");
        assertThat(e).isInstanceOf(ModelLoadException.class).hasMessageEndingWith("nope.h5: no such file");
    }

    @Test
    void emptyFileIsAModelLoadException() throws IOException {
        Path file = Files.createFile(dir.resolve("empty.h5"));
        assertThat(loadError(file, Parameters.empty(), "empty file")).isInstanceOf(ModelLoadException.class)
                .hasMessageContaining("is empty (0 bytes)");
    }

    @Test
    void directoryIsAModelLoadException() throws IOException {
        Path sub = Files.createDirectory(dir.resolve("saved_model"));
        assertThat(loadError(sub, Parameters.empty(), "directory")).isInstanceOf(ModelLoadException.class)
                .hasMessageContaining("is a directory");
    }

    @Test
    void truncatedH5IsReportedWithBothSizes() throws IOException {
        byte[] head = Arrays.copyOf(Files.readAllBytes(TestModels.paperModel(8)), 4096);
        Path file = Files.write(dir.resolve("model_8_truncated.h5"), head);
        long full = Files.size(TestModels.paperModel(8));
        assertThat(loadError(file, Parameters.empty(), "truncated .h5 (first 4096 bytes of model_8.h5)"))
                .isInstanceOf(ModelLoadException.class)
                .hasMessageContaining("truncated HDF5 file")
                .hasMessageContaining(full + " bytes, the file has 4096");
    }

    @Test
    void randomBytesAreNotAModel() throws IOException {
        byte[] noise = new byte[2048];
        new Random(3).nextBytes(noise);
        noise[0] = 0x42; // not a signature by accident
        Path h5 = Files.write(dir.resolve("noise.h5"), noise);
        assertThat(loadError(h5, Parameters.empty(), "random bytes named .h5")).isInstanceOf(ModelLoadException.class)
                .hasMessageContaining("is not an HDF5 file");
        Path bin = Files.write(dir.resolve("noise.bin"), noise);
        assertThat(loadError(bin, Parameters.empty(), "random bytes named .bin")).isInstanceOf(ModelLoadException.class)
                .hasMessageContaining("unknown model format");
    }

    @Test
    void textFileNamedH5IsNotAModel() throws IOException {
        Path file = Files.writeString(dir.resolve("notes.h5"), "this is not an hdf5 file\n");
        assertThat(loadError(file, Parameters.empty(), "text file named .h5")).isInstanceOf(ModelLoadException.class)
                .hasMessageContaining("is not an HDF5 file");
        Path json = Files.writeString(dir.resolve("model.h5"), "{\"class_name\": \"Functional\"}");
        assertThat(loadError(json, Parameters.empty(), "JSON architecture named .h5"))
                .isInstanceOf(ModelLoadException.class).hasMessageContaining("is JSON text");
    }

    @Test
    void truncatedZipIsAModelLoadException() throws IOException {
        Path zip = TestNetworks.graphLossLayer().save(dir);
        byte[] bytes = Files.readAllBytes(zip);
        Path half = Files.write(dir.resolve("half.zip"), Arrays.copyOf(bytes, bytes.length / 2));
        assertThat(loadError(half, Parameters.empty(), "truncated zip")).isInstanceOf(ModelLoadException.class)
                .hasMessageContaining("corrupt or truncated zip file");
    }

    @Test
    void zipWithoutADl4jModelIsAModelLoadException() throws IOException {
        Path zip = zip("other.zip", "readme.txt", "hello");
        assertThat(loadError(zip, Parameters.empty(), "zip without a model")).isInstanceOf(ModelLoadException.class)
                .hasMessageContaining("not a DL4J model");
    }

    @Test
    void keras3NativeFileSaysHowToResaveIt() throws IOException {
        Path file = dir.resolve("model.keras");
        try (ZipOutputStream z = new ZipOutputStream(Files.newOutputStream(file))) {
            put(z, "metadata.json", "{\"keras_version\": \"3.3.3\", \"date_saved\": \"2024-01-01@00:00:00\"}");
            put(z, "config.json", "{\"module\": \"keras\", \"class_name\": \"Functional\"}");
            put(z, "model.weights.h5", "");
        }
        assertThat(loadError(file, Parameters.empty(), "Keras 3 .keras file")).isInstanceOf(ModelLoadException.class)
                .hasMessageContaining("Keras 3.3.3 model")
                .hasMessageContaining("model.save('m.h5')")
                .hasMessageContaining("tf_keras");
    }

    @Test
    void keras3VersionInAnH5SaysHowToResaveIt() {
        Path file = TestModels.resourceFile("keras/keras3_version.h5", dir);
        assertThat(loadError(file, Parameters.empty(), "Keras 3 keras_version in .h5"))
                .isInstanceOf(ModelLoadException.class)
                .hasMessageContaining("Keras 3.3.3 model")
                .hasMessageContaining("model.save('m.h5')");
    }

    @Test
    void kerasLayerDl4jCannotImportIsNamedWithItsType() {
        Path file = TestModels.resourceFile("keras/gru_layer.h5", dir);
        Throwable e = loadError(file, Parameters.empty(), "Keras GRU layer");
        assertThat(e).isInstanceOf(UnsupportedLayerException.class).hasMessageContaining("'conv2d_6'")
                .hasMessageContaining("GRU");
        assertThat(((UnsupportedLayerException) e).layerName()).isEqualTo("conv2d_6");
        assertThat(((UnsupportedLayerException) e).layerType()).isEqualTo("GRU");
    }

    @Test
    void dl4jRecurrentLayerIsUnsupportedByName() {
        ComputationGraphConfiguration conf = new NeuralNetConfiguration.Builder().dataType(DataType.DOUBLE)
                .graphBuilder().addInputs("image").setInputTypes(InputType.convolutional(8, 8, 1))
                .addLayer("conv", new ConvolutionLayer.Builder(3, 3).nOut(2).activation(Activation.RELU).build(),
                        "image")
                .addLayer("lstm", new LSTM.Builder().nOut(3).build(), "conv")
                .addLayer("out", new RnnOutputLayer.Builder(LossFunction.MSE).nOut(1).activation(Activation.IDENTITY)
                        .build(), "lstm")
                .setOutputs("out").build();
        ComputationGraph g = new ComputationGraph(conf);
        g.init();
        Path zip = new TestNetworks.Spec("lstm", g, Parameters.empty(), "NCHW").save(dir);
        Throwable e = loadError(zip, shape("8x8"), "DL4J LSTM layer");
        assertThat(e).isInstanceOf(UnsupportedLayerException.class);
        assertThat(((UnsupportedLayerException) e).layerName()).isEqualTo("lstm");
        assertThat(((UnsupportedLayerException) e).layerType()).isEqualTo("LSTM");
    }

    @Test
    void activationsOutsideTheIrAreUnsupportedByLayer() {
        Path elu = list("elu", Activation.ELU, Activation.RELU);
        Throwable e = loadError(elu, shape("6x6"), "elu in a hidden conv layer");
        assertThat(e).isInstanceOf(UnsupportedLayerException.class).hasMessageContaining("'conv'")
                .hasMessageContaining("ConvolutionLayer").hasMessageContaining("elu")
                .hasMessageContaining("has no IR op");

        Path softplus = list("hidden_softplus", Activation.RELU, Activation.SOFTPLUS, Activation.SOFTMAX);
        assertThat(loadError(softplus, shape("6x6"), "softplus in a hidden dense layer"))
                .isInstanceOf(UnsupportedLayerException.class).hasMessageContaining("'hidden'")
                .hasMessageContaining("softplus");

        Path gelu = list("dl4j_gelu", Activation.RELU, Activation.GELU, Activation.SOFTMAX);
        assertThat(loadError(gelu, shape("6x6"), "DL4J's own (approximate) GELU in a hidden dense layer"))
                .isInstanceOf(UnsupportedLayerException.class).hasMessageContaining("'hidden'")
                .hasMessageContaining("DL4J's GELU is an approximation").hasMessageContaining("exact erf form");
    }

    @Test
    void dl4jZipOfAnyInputSizeNeedsTheImageShapeOption() {
        Path zip = TestNetworks.graphLossLayer().save(dir);
        assertThat(loadError(zip, Parameters.empty(), "fully convolutional zip without image-shape"))
                .isInstanceOf(ModelLoadException.class)
                .hasMessageContaining("pass the backend option image-shape=HxWxC");
        assertThat(loadError(zip, shape("5x5x3"), "image-shape with the wrong channel count"))
                .isInstanceOf(ShapeMismatchException.class).hasMessageContaining("5x5x3");
        assertThat(loadError(zip, shape("five by five"), "malformed image-shape option"))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("HxW or HxWxC");
    }

    @Test
    void imageShapeOptionContradictingTheModelIsAShapeMismatch() {
        assertThat(loadError(TestModels.paperModel(8), shape("16x16"), "image-shape 16x16 for model_8"))
                .isInstanceOf(ShapeMismatchException.class).hasMessageContaining("8x8").hasMessageContaining("16x16");
    }

    @Test
    void imageThatDoesNotFitTheModelIsAShapeMismatch() throws Exception {
        try (LoadedModel model = backend.load(TestModels.paperModel(8), Parameters.empty())) {
            Throwable ir = org.assertj.core.api.Assertions.catchThrowable(
                    () -> model.network(ImageShape.of(16, 16, 1)));
            log("network(16x16) on model_8", ir);
            assertThat(ir).isInstanceOf(ShapeMismatchException.class).hasMessageContaining("8x8")
                    .hasMessageContaining("16x16");
            Image big = Image.grey(16, 16, new double[256]);
            Throwable predict = org.assertj.core.api.Assertions.catchThrowable(() -> model.predict(big));
            log("predict(16x16 image) on model_8", predict);
            assertThat(predict).isInstanceOf(ShapeMismatchException.class).hasMessageContaining("8x8")
                    .hasMessageContaining("16x16");
            Image rgb = Image.of(ImageShape.of(8, 8, 3), new double[192]);
            assertThatThrownBy(() -> model.predict(rgb)).isInstanceOf(ShapeMismatchException.class)
                    .hasMessageContaining("8x8x3");
        }
    }

    @Test
    void predictAfterCloseIsAnIllegalState() throws Exception {
        LoadedModel model = backend.load(TestModels.paperModel(8), Parameters.empty());
        model.close();
        model.close(); // idempotent
        assertThatThrownBy(() -> model.predict(Image.grey(8, 8, new double[64])))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
        assertThat(model.network().size()).isEqualTo(14); // the IR outlives the native network
    }

    private Throwable loadError(Path file, Parameters options, String what) {
        Throwable e = org.assertj.core.api.Assertions.catchThrowable(() -> backend.load(file, options).close());
        log(what, e);
        assertThat(e).as(what).isNotNull();
        assertThat(e.getMessage()).as("%s: one line", what).doesNotContain("\n");
        assertThat(e.getClass().getName()).as("%s: a SalientSI type", what).startsWith("org.salientsi.api.error.");
        return e;
    }

    private static void log(String what, Throwable e) {
        LOG.info("{} -> {}: {}", what, e == null ? "nothing" : e.getClass().getSimpleName(),
                e == null ? "" : e.getMessage());
    }

    private static Parameters shape(String s) {
        return Parameters.empty().with(Dl4jBackend.OPTION_IMAGE_SHAPE, s);
    }

    /** conv(activation) -> global average pool -> dense "hidden"(hidden) -> output(out). */
    private Path list(String name, Activation conv, Activation hidden, Activation... out) {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().dataType(DataType.DOUBLE).list()
                .layer(new ConvolutionLayer.Builder(3, 3).name("conv").nOut(2).activation(conv).build())
                .layer(new GlobalPoolingLayer.Builder(PoolingType.AVG).name("gap").build())
                .layer(new DenseLayer.Builder().name("hidden").nOut(3).activation(hidden).build())
                .layer(new OutputLayer.Builder(LossFunction.MCXENT).name("out").nOut(2)
                        .activation(out.length > 0 ? out[0] : Activation.SOFTMAX).build())
                .setInputType(InputType.convolutional(6, 6, 1)).build();
        MultiLayerNetwork n = new MultiLayerNetwork(conf);
        n.init();
        return new TestNetworks.Spec(name, n, Parameters.empty(), "NCHW").save(dir);
    }

    private Path zip(String name, String entry, String content) throws IOException {
        Path file = dir.resolve(name);
        try (ZipOutputStream z = new ZipOutputStream(Files.newOutputStream(file))) {
            put(z, entry, content);
        }
        return file;
    }

    private static void put(ZipOutputStream z, String entry, String content) throws IOException {
        z.putNextEntry(new ZipEntry(entry));
        OutputStream out = z;
        out.write(content.getBytes(StandardCharsets.UTF_8));
        z.closeEntry();
    }
}
