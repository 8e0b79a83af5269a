package org.salientsi.examples.embed;

import com.google.inject.Guice;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.salientsi.api.backend.LoadedModel;
import org.salientsi.api.error.EmptyRegionException;
import org.salientsi.api.error.ModelLoadException;
import org.salientsi.api.image.Image;
import org.salientsi.api.image.ImageShape;
import org.salientsi.api.ir.Network;
import org.salientsi.api.result.Provenance;
import org.salientsi.api.result.SelectiveResult;
import org.salientsi.api.spi.Parameters;
import org.salientsi.api.statistic.Observation;
import org.salientsi.core.eval.CompiledNetwork;
import org.salientsi.core.plugin.Plugins;
import org.salientsi.core.plugin.SalientModule;
import org.salientsi.core.search.NoiseModel;
import org.salientsi.core.search.Selection;
import org.salientsi.core.search.SelectiveTest;

/**
 * A small program that embeds SalientSI through its Java API (no command line): it loads a model with
 * the backend that {@link java.util.ServiceLoader} finds for its file type, builds one
 * {@link Selection} (method, selector and statistic resolved by name among the installed plugins,
 * custom ones included) and one {@link SelectiveTest}, and tests images with them, printing the
 * selective, over-conditioned and naive p-values.
 *
 * <pre>
 * java -cp ... org.salientsi.examples.embed.EmbeddedExample examples/models/paper/model_8.h5 \
 *     gradient top-k:10 ref-mean 5
 * </pre>
 *
 * <p>The {@link Selection} and the {@link SelectiveTest} are immutable and thread-safe: a service builds
 * them once, as {@link #open} does, and shares them across request threads.
 */
public final class EmbeddedExample implements AutoCloseable {

    private final LoadedModel model;
    private final Selection selection;
    private final SelectiveTest test;
    private final Provenance provenance;

    private EmbeddedExample(LoadedModel model, Selection selection, SelectiveTest test, Provenance provenance) {
        this.model = model;
        this.selection = selection;
        this.test = test;
        this.provenance = provenance;
    }

    /**
     * Loads a model and binds a method, a selector and a statistic to it.
     *
     * @param plugins the installed plugins (for instance from a Guice injector with {@link SalientModule})
     * @param file the model file (the backend is chosen by its type)
     * @param shape the images' shape
     * @param method a saliency method name ({@code cam}, {@code gradient}, or a plugin's)
     * @param methodOptions the method's options ({@code target}, {@code m}, ...)
     * @param selector a selector specification ({@code threshold:0}, {@code top-k:10}, ...)
     * @param statistic a statistic name ({@code ref-mean}, {@code contrast}, or a plugin's)
     * @param sigma the pixels' noise standard deviation
     * @return the bound test; close it to release the model
     * @throws ModelLoadException if the model file cannot be read
     */
    public static EmbeddedExample open(Plugins plugins, Path file, ImageShape shape, String method,
                                       Parameters methodOptions, String selector, String statistic, double sigma)
            throws ModelLoadException {
        LoadedModel model = plugins.backendFor(file, null).backend().load(file, Parameters.empty());
        try {
            Network network = model.network(shape);
            Selection selection = new Selection(CompiledNetwork.compile(network),
                    plugins.method(method, network, methodOptions), plugins.selector(selector),
                    plugins.statistic(statistic, Parameters.empty()));
            SelectiveTest test = SelectiveTest.withDefaults().withNoise(NoiseModel.isotropic(sigma));
            return new EmbeddedExample(model, selection, test,
                    Provenance.empty().withModel(model.sha256(), "embedded example"));
        } catch (RuntimeException e) {
            model.close();
            throw e;
        }
    }

    /**
     * @param observation an image (with references when the statistic needs them)
     * @return the selective test of the region the method and selector pick in it
     * @throws EmptyRegionException if the selector picks no pixel (nothing to test)
     */
    public SelectiveResult test(Observation observation) {
        return test.run(selection, observation, provenance);
    }

    @Override
    public void close() {
        model.close();
    }

    /**
     * @param shape image shape
     * @param count number of pairs
     * @param seed data seed
     * @return null observations: image and reference with i.i.d. N(0, 1) pixels
     */
    public static List<Observation> nullObservations(ImageShape shape, int count, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        List<Observation> out = new ArrayList<>();
        for (int k = 0; k < count; k++) {
            out.add(Observation.of(Image.of("null-" + k, shape, gaussian(rng, shape.size())),
                    Image.of(shape, gaussian(rng, shape.size()))));
        }
        return out;
    }

    private static double[] gaussian(SplittableRandom rng, int n) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = rng.nextGaussian();
        }
        return v;
    }

    /**
     * @param args model file, then optionally method, selector, statistic and the number of images
     * @throws ModelLoadException if the model file cannot be read
     */
    public static void main(String[] args) throws ModelLoadException {
        Path file = Path.of(args.length > 0 ? args[0] : "examples/models/paper/model_8.h5");
        String method = args.length > 1 ? args[1] : "cam";
        String selector = args.length > 2 ? args[2] : "threshold:0";
        String statistic = args.length > 3 ? args[3] : "ref-mean";
        int count = args.length > 4 ? Integer.parseInt(args[4]) : 5;
        Plugins plugins = Guice.createInjector(new SalientModule()).getInstance(Plugins.class);
        ImageShape shape = ImageShape.of(8, 8, 1);
        try (EmbeddedExample example = open(plugins, file, shape, method, Parameters.empty(), selector, statistic,
                1.0)) {
            for (Observation o : nullObservations(shape, count, 1)) {
                try {
                    SelectiveResult r = example.test(o);
                    System.out.printf(Locale.ROOT, "%-8s region %2d px  selective p %.4f  OC p %.4f  naive p %.4f"
                            + "  (%d pieces)%n", r.image(), r.regionSize(), r.selectiveP(), r.ocP(), r.naiveP(),
                            r.pieces());
                } catch (EmptyRegionException e) {
                    System.out.printf(Locale.ROOT, "%-8s no region: %s%n", o.image().name(), e.getMessage());
                }
            }
        }
    }
}
