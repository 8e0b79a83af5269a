package org.salientsi.examples.sanity;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.salientsi.io.Npy;
import org.salientsi.io.NpyDtype;
import org.salientsi.sanity.shift.CrossDistractor;

/**
 * Writes images as {@code .npy} files (float32, shape (28, 28)) for {@code salientsi sanity}: the first N
 * Fashion-MNIST test images with a {@code labels.csv}, or (with {@code --synthetic SEED}) shifted images of
 * the synthetic benchmark with their masks in {@code DIR/masks}. Arguments: {@code --out DIR} (required),
 * {@code --count N} (200), {@code --synthetic SEED}, {@code --data DIR}.
 */
public final class ExportImages {

    private ExportImages() {
    }

    /**
     * @param args see the class documentation
     * @throws IOException on failure
     */
    public static void main(String[] args) throws IOException {
        Args a = Args.parse(args);
        Path out = Path.of(a.get("out", "fashion-mnist-test"));
        int count = a.getInt("count", 200);
        Files.createDirectories(out);
        StringBuilder labels = new StringBuilder("file,label\n");
        if (a.values().containsKey("synthetic")) {
            Path masks = Files.createDirectories(out.resolve("masks"));
            int i = 0;
            for (CrossDistractor.Sample s : CrossDistractor.generate(count, a.getLong("synthetic", 3L), true)) {
                String name = String.format(Locale.ROOT, "synth-%04d.npy", i++);
                write(out.resolve(name), s.image());
                double[] m = new double[s.mask().length];
                for (int k = 0; k < m.length; k++) {
                    m[k] = s.label() == 1 && s.mask()[k] ? 1 : 0;
                }
                write(masks.resolve(name), m);
                labels.append(name).append(',').append(s.label()).append('\n');
            }
        } else {
            Path data = Path.of(a.get("data", Idx.FASHION_MNIST.toString()));
            float[][] x = Idx.images(data.resolve("t10k-images-idx3-ubyte.gz"), count);
            int[] y = Idx.labels(data.resolve("t10k-labels-idx1-ubyte.gz"), count);
            for (int i = 0; i < x.length; i++) {
                String name = String.format(Locale.ROOT, "fmnist-%04d.npy", i);
                double[] v = new double[x[i].length];
                for (int k = 0; k < v.length; k++) {
                    v[k] = x[i][k];
                }
                write(out.resolve(name), v);
                labels.append(name).append(',').append(y[i]).append('\n');
            }
        }
        Files.writeString(out.resolve("labels.csv"), labels.toString(), StandardCharsets.UTF_8);
        System.out.println("wrote " + count + " images to " + out);
    }

    /**
     * Writes a square float32 array (side the square root of the length) in C order.
     *
     * @param file destination
     * @param values side x side values, row-major
     * @throws IOException on write failure
     */
    static void write(Path file, double[] values) throws IOException {
        int side = (int) Math.round(Math.sqrt(values.length));
        Npy.write(file, new int[] {side, side}, values, NpyDtype.FLOAT32);
    }
}
