package org.salientsi.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.salientsi.api.backend.LoadedModel;
import org.salientsi.api.backend.ModelBackend;
import org.salientsi.api.error.ModelLoadException;
import org.salientsi.api.image.Image;
import org.salientsi.api.image.ImageShape;
import org.salientsi.api.ir.Network;
import org.salientsi.api.spi.Parameters;
import org.salientsi.api.statistic.Observation;
import org.salientsi.core.eval.CompiledNetwork;
import org.salientsi.core.eval.PointEvaluator;
import org.salientsi.core.plugin.Plugins;
import org.salientsi.core.search.Selection;

/**
 * The paper's four trained CAM models ({@code examples/models/paper/model_{8,16,32,64}.h5}, through the
 * DL4J backend) and their null images: test image X and reference R with i.i.d. N(0, 1) pixels, sigma 1,
 * region CAM &gt;= 0 (a draw whose region is empty is redrawn, as the paper does), ref-mean statistic.
 */
public final class PaperModels {

    /** The image sides of the four models. */
    public static final int[] SIZES = {8, 16, 32, 64};

    private PaperModels() {
    }

    /**
     * @return the folder of the models: the system property {@code salientsi.models}, else
     *     {@code examples/models/paper} in the working directory or one of its parents
     * @throws ModelLoadException if there is none
     */
    public static Path directory() throws ModelLoadException {
        return findUp("salientsi.models", "examples/models/paper", "model_8.h5");
    }

    /**
     * @param property a system property that names the folder, if set
     * @param relative the folder's path relative to the working directory or one of its parents
     * @param marker a file the folder must hold
     * @return the folder
     * @throws ModelLoadException if there is none
     */
    static Path findUp(String property, String relative, String marker) throws ModelLoadException {
        String value = System.getProperty(property);
        if (value != null && !value.isBlank()) {
            return Path.of(value);
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve(relative);
            if (Files.isRegularFile(candidate.resolve(marker))) {
                return candidate;
            }
        }
        Path expected = Path.of(relative);
        throw new ModelLoadException(expected, "no " + expected + " (with " + marker + ") in the working directory "
                + "or a parent; set -D" + property + "=DIR", null);
    }

    /**
     * @param size 8, 16, 32 or 64
     * @return the model's selection: CAM, threshold 0, ref-mean
     * @throws ModelLoadException if the model cannot be read
     */
    public static Selection selection(int size) throws ModelLoadException {
        return camSelection("dl4j", directory().resolve("model_" + size + ".h5"));
    }

    /**
     * @param backend the backend's name
     * @param file a model file it reads
     * @return the model's selection: CAM, threshold 0, ref-mean
     * @throws ModelLoadException if the model cannot be read
     */
    static Selection camSelection(String backend, Path file) throws ModelLoadException {
        Plugins plugins = Plugins.load();
        ModelBackend reader = plugins.backends().get(backend).backend();
        Network net;
        try (LoadedModel model = reader.load(file, Parameters.empty())) {
            net = model.network();
        }
        return new Selection(CompiledNetwork.compile(net), plugins.method("cam", net, Parameters.empty()),
                plugins.selector("threshold:0"), plugins.statistic("ref-mean", Parameters.empty()));
    }

    /**
     * Draws null images, redrawing those whose region is empty.
     *
     * @param selection the model's selection
     * @param seed the seed of the draws
     * @param count how many
     * @return the observations (X with its reference R)
     */
    public static Observation[] nullImages(Selection selection, long seed, int count) {
        Network net = selection.network().network();
        int h = net.inputShape().height();
        int w = net.inputShape().width();
        PointEvaluator point = selection.network().pointEvaluator();
        SplittableRandom rng = new SplittableRandom(seed);
        Observation[] out = new Observation[count];
        for (int k = 0; k < count; k++) {
            Image x;
            do {
                x = Image.of("null-" + (k + 1), ImageShape.of(h, w, 1), gaussian(rng, h * w));
            } while (selection.selector().select(selection.method().map(point.evaluate(x.toChw()))).isEmpty());
            out[k] = Observation.of(x, Image.grey(h, w, gaussian(rng, h * w)));
        }
        return out;
    }

    /** {@code n} independent N(0, 1) draws. */
    static double[] gaussian(SplittableRandom rng, int n) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = rng.nextGaussian();
        }
        return v;
    }
}
