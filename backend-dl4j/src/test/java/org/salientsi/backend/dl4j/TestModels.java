package org.salientsi.backend.dl4j;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.salientsi.api.backend.ModelBackend;
import org.salientsi.api.backend.ModelBackendProvider;
import org.salientsi.api.spi.PluginRegistry;

/** Where the test models are, and readers for the reference files. */
final class TestModels {

    private TestModels() {
    }

    /** @return the dl4j backend, found as the CLI finds it */
    static ModelBackend backend() {
        return PluginRegistry.load(ModelBackendProvider.class, "backend").get("dl4j").backend();
    }

    /**
     * @param size 8, 16, 32 or 64
     * @return the paper's model, read in place from examples/models/paper (system property
     *     {@code salientsi.paperModels}, set by the module's surefire configuration)
     */
    static Path paperModel(int size) {
        String dir = System.getProperty("salientsi.paperModels", "../examples/models/paper");
        Path p = Path.of(dir, "model_" + size + ".h5");
        assertThat(p).as("the paper's model (see examples/models/paper/README.md)").isRegularFile();
        return p;
    }

    /**
     * @param name a resource under org/salientsi/backend/dl4j/
     * @return it, copied to a file in {@code dir} (DL4J's HDF5 reader needs a file)
     */
    static Path resourceFile(String name, Path dir) {
        try (InputStream in = TestModels.class.getResourceAsStream(name)) {
            assertThat(in).as("test resource %s", name).isNotNull();
            Path out = dir.resolve(Path.of(name).getFileName().toString());
            Files.write(out, in.readAllBytes());
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Reads a reference file: {@code #} comment lines, then lines {@code key v1 v2 ...}.
     *
     * @param name a resource under org/salientsi/backend/dl4j/
     * @return values by key (repeated keys get suffixes {@code #1}, {@code #2}, ...)
     */
    static Map<String, double[]> reference(String name) {
        try (InputStream in = TestModels.class.getResourceAsStream(name)) {
            assertThat(in).as("test resource %s", name).isNotNull();
            Map<String, double[]> out = new HashMap<>();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] parts = line.strip().split("\\s+");
                String key = parts[0];
                int k = 0;
                while (out.containsKey(k == 0 ? key : key + "#" + k)) {
                    k++;
                }
                out.put(k == 0 ? key : key + "#" + k,
                        Arrays.stream(parts, 1, parts.length).mapToDouble(Double::parseDouble).toArray());
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The paper input, batch 0: {@code sin(0.37 (h S + w) + 0.1)}, row-major. */
    static double[] sineImage(int size) {
        double[] x = new double[size * size];
        for (int i = 0; i < x.length; i++) {
            x[i] = Math.sin(0.37 * i + 0.1);
        }
        return x;
    }

    /** The paper input, batch 1: {@code java.util.Random(42).nextGaussian()}, row-major. */
    static double[] gaussianImage(int size) {
        Random r = new Random(42);
        double[] x = new double[size * size];
        for (int i = 0; i < x.length; i++) {
            x[i] = r.nextGaussian();
        }
        return x;
    }

    /** max |a - b| / max |b|. */
    static double relativeError(double[] a, double[] b) {
        assertThat(a).hasSameSizeAs(b);
        double err = 0;
        double scale = 0;
        for (int i = 0; i < a.length; i++) {
            err = Math.max(err, Math.abs(a[i] - b[i]));
            scale = Math.max(scale, Math.abs(b[i]));
        }
        return err / Math.max(scale, Double.MIN_NORMAL);
    }
}
