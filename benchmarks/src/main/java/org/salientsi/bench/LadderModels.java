package org.salientsi.bench;

import java.nio.file.Path;
import java.util.SplittableRandom;
import org.salientsi.api.error.ModelLoadException;
import org.salientsi.api.image.Image;
import org.salientsi.api.image.ImageShape;
import org.salientsi.api.ir.Network;
import org.salientsi.api.statistic.Observation;
import org.salientsi.core.eval.PointEvaluator;
import org.salientsi.core.search.Selection;

/**
 * The scale ladder's ONNX models ({@code benchmarks/ladder/make_ladder.py}: VGG-, U-Net- and ResNet-class
 * CNNs exported from PyTorch) with the default test of {@code salientsi test} (CAM of the arg-max class,
 * {@code threshold:0}, {@code ref-mean}), and seeded image pairs drawn in Java: null pairs (X and R
 * i.i.d. N(0, 1)) and signal pairs (X with a square of side H/4 and intensity {@code delta} added; the
 * ladder's models were trained to find such squares).
 */
public final class LadderModels {

    /** Intensity of the signal square, as the generator trains with. */
    public static final double DELTA = 2.0;

    private LadderModels() {
    }

    /**
     * @return the ladder folder: the system property {@code salientsi.ladder}, else
     *     {@code benchmarks/ladder/small} in the working directory or one of its parents
     * @throws ModelLoadException if there is none
     */
    public static Path directory() throws ModelLoadException {
        return PaperModels.findUp("salientsi.ladder", "benchmarks/ladder/small", "ladder.json");
    }

    /**
     * @param file a model file of the ladder, e.g. {@code vgg-32-trained.onnx}
     * @return the model's selection: CAM, threshold 0, ref-mean
     * @throws ModelLoadException if the model cannot be read
     */
    public static Selection selection(String file) throws ModelLoadException {
        return PaperModels.camSelection("onnx", directory().resolve(file));
    }

    /**
     * Draws an image pair, redrawing while the region is empty.
     *
     * @param selection the model's selection
     * @param rng the draws
     * @param signal whether X carries the square (at a random place)
     * @return X with its reference R
     */
    public static Observation pair(Selection selection, SplittableRandom rng, boolean signal) {
        Network net = selection.network().network();
        int h = net.inputShape().height();
        int w = net.inputShape().width();
        int c = net.inputShape().channels();
        PointEvaluator point = selection.network().pointEvaluator();
        Image x;
        do {
            double[] v = PaperModels.gaussian(rng, h * w * c);
            if (signal) {
                int side = h / 4;
                int top = rng.nextInt(h - side + 1);
                int left = rng.nextInt(w - side + 1);
                for (int i = top; i < top + side; i++) {
                    for (int j = left; j < left + side; j++) {
                        for (int k = 0; k < c; k++) {
                            v[(i * w + j) * c + k] += DELTA;
                        }
                    }
                }
            }
            x = Image.of((signal ? "signal" : "null"), ImageShape.of(h, w, c), v);
        } while (selection.selector().select(selection.method().map(point.evaluate(x.toChw()))).isEmpty());
        double[] reference = PaperModels.gaussian(rng, h * w * c);
        return Observation.of(x, Image.of("reference", ImageShape.of(h, w, c), reference));
    }
}
