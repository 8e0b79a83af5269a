package org.salientsi.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Start-up loads ND4J's natives only for a model that needs them: {@code list} and a test on an ONNX model run
 * in a fresh JVM (this module's test class path, so every backend is installed) without loading ND4J's factory or
 * JavaCPP's loader, while a test on a Keras model loads both (so the check can fail). The JVM's own class-loading
 * log ({@code -Xlog:class+load}) is the witness.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class NativeLoadingTest {

    private static final List<String> NATIVE = List.of("org.nd4j.linalg.factory.Nd4j ", "org.bytedeco.javacpp.Loader ");

    /** Runs the command line in a fresh JVM; returns the classes it loaded, one a line. */
    private static String loadedClasses(Path dir, String... args) throws IOException, InterruptedException {
        Path log = dir.resolve("classes-" + args[0] + "-" + System.nanoTime() + ".txt");
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-Xlog:class+load:file=" + log, "-XX:TieredStopAtLevel=1", "-cp", classPath,
                Main.class.getName()));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("out.txt").toFile()).start();
        assertThat(p.waitFor(150, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as("%s: %s", List.of(args), Files.readString(dir.resolve("out.txt"))).isZero();
        return Files.readString(log);
    }

    @Test
    void listAndAnOnnxTestLoadNoNativesOfNd4jAndAKerasTestDoes(@TempDir Path dir) throws Exception {
        String list = loadedClasses(dir, "list");
        assertThat(list).contains("org.salientsi.cli.command.ListCommand ");
        NATIVE.forEach(c -> assertThat(list).as("list").doesNotContain(c));

        Path onnx = Path.of("../backend-onnx/src/test/resources/fixtures/paper_cam.onnx").toAbsolutePath();
        assertThat(onnx).isRegularFile();
        TestData.writeGrey(dir.resolve("x.npy"), 3, 8, 3.0);
        TestData.writeGrey(dir.resolve("r.npy"), 4, 8, 0);
        String onnxTest = loadedClasses(dir, "test", "--model", onnx.toString(), "--image", "x.npy", "--reference",
                "r.npy", "--sigma", "1", "--json");
        assertThat(onnxTest).contains("org.salientsi.core.engine.TestEngine ");
        NATIVE.forEach(c -> assertThat(onnxTest).as("a test on an ONNX model").doesNotContain(c));

        Path keras = Path.of("../examples/models/paper/model_8.h5").toAbsolutePath();
        String kerasTest = loadedClasses(dir, "test", "--model", keras.toString(), "--image", "x.npy",
                "--reference", "r.npy", "--sigma", "1", "--json");
        NATIVE.forEach(c -> assertThat(kerasTest).as("a test on a Keras model").contains(c));
    }
}
