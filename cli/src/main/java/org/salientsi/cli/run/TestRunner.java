package org.salientsi.cli.run;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.salientsi.api.backend.LoadedModel;
import org.salientsi.api.error.InvalidInputException;
import org.salientsi.api.error.ShapeMismatchException;
import org.salientsi.api.image.Image;
import org.salientsi.api.image.ImageShape;
import org.salientsi.api.ir.Network;
import org.salientsi.api.result.Provenance;
import org.salientsi.api.result.SelectiveResult;
import org.salientsi.api.saliency.SaliencyMap;
import org.salientsi.api.saliency.SaliencyMethod;
import org.salientsi.api.spi.Parameters;
import org.salientsi.api.statistic.Observation;
import org.salientsi.core.eval.CompiledNetwork;
import org.salientsi.core.plugin.Plugins;
import org.salientsi.core.search.NoiseModel;
import org.salientsi.core.search.Selection;
import org.salientsi.core.search.SelectiveTest;

/**
 * Selective tests of many images against one loaded model with one set of {@link TestSettings}: what
 * {@code test}, {@code batch}, {@code demo} and {@code serve} share. The network, the saliency method,
 * the selection and the configured {@link SelectiveTest} are built once per image shape and reused.
 * Thread-safe: {@link #test} may run concurrently. The model stays owned by the caller, who closes it.
 *
 * <pre>{@code
 * TestRunner runner = new TestRunner(plugins, model, "dl4j 1.0.0-M2.1", TestSettings.defaults(1.0));
 * SelectiveResult r = runner.test(ImageFiles.read(x), List.of(ImageFiles.read(ref)));
 * SaliencyMap map = runner.map(image);     // for a report
 * }</pre>
 */
public final class TestRunner {

    private record Key(ImageShape shape, boolean reference) {
    }

    private record Prepared(Selection selection, SelectiveTest test) {
    }

    private final Plugins plugins;
    private final LoadedModel model;
    private final TestSettings settings;
    private final Provenance base;
    private final ConcurrentHashMap<Key, Prepared> prepared = new ConcurrentHashMap<>();

    /**
     * Checks the settings against the model at once: an unknown method, selector or statistic, a
     * method that is not piecewise linear, a target or CAM layer the model does not have, or a
     * covariance of the wrong size fails here, before any image is tested (for models of a fixed input
     * size; for the others, at the first image).
     *
     * @param plugins the installed plugins
     * @param model the loaded model
     * @param backendLabel the backend's name and version, for provenance
     * @param settings the test's options
     * @throws org.salientsi.api.error.InvalidInputException naming the option of an unknown name
     */
    public TestRunner(Plugins plugins, LoadedModel model, String backendLabel, TestSettings settings) {
        this.plugins = Objects.requireNonNull(plugins, "plugins");
        this.model = Objects.requireNonNull(model, "model");
        this.settings = Objects.requireNonNull(settings, "settings");
        TestSettings.option("--method", () -> plugins.methods().get(settings.method()));
        TestSettings.option("--selector", () -> plugins.selector(settings.selector()));
        if (settings.statistic() != null) {
            TestSettings.option("--statistic", () -> plugins.statistic(settings.statistic(), Parameters.empty()));
        }
        Provenance p = Provenance.empty().withModel(model.sha256(), backendLabel);
        if (settings.covariance() != null) {
            p = p.withOption("covariance", settings.covariance().file());
        }
        if (settings.target() != null) {
            p = p.withOption("target", settings.target().toString());
        }
        for (var e : settings.methodOptions().entrySet()) {
            p = p.withOption("method." + e.getKey(), e.getValue());
        }
        if (settings.camLayer() != null) {
            p = p.withOption("cam-layer", settings.camLayer());
        }
        this.base = p;
        if (model.fixedSize()) {
            // what depends only on the model and the options fails now, not once per image
            ImageShape shape = model.imageShape();
            prepared.computeIfAbsent(new Key(shape, false), k -> build(null, k));
        }
    }

    /** @return the settings */
    public TestSettings settings() {
        return settings;
    }

    /** @return the provenance every result starts from: model hash, backend and options */
    public Provenance provenance() {
        return base;
    }

    /**
     * Tests the region the saliency map selects in one image.
     *
     * @param image the test image
     * @param references its references (their mean is used), or an empty list for an in-image test
     * @return the result, labelled with the image's name
     * @throws org.salientsi.api.error.InvalidInputException for an image or reference that does not fit
     *     the model or each other (naming the file), an empty region, or an option the model refuses
     * @throws org.salientsi.api.error.NumericalBreakdownException if the search loses precision
     */
    public SelectiveResult test(Image image, List<Image> references) {
        Observation observation = Observation.withReferences(image, references);
        Prepared p = prepare(image, observation.hasReference());
        Provenance provenance = base;
        if (references.size() == 1 && references.get(0).name() != null) {
            provenance = provenance.withOption("reference", references.get(0).name());
        }
        return p.test().run(p.selection(), observation, provenance);
    }

    /**
     * @param image an image
     * @return its saliency map, at input resolution, under the settings' method and target
     */
    public SaliencyMap map(Image image) {
        Selection s = prepare(image, false).selection();
        return s.method().map(s.network().pointEvaluator().evaluate(image.toChw()));
    }

    private Prepared prepare(Image image, boolean reference) {
        return prepared.computeIfAbsent(new Key(image.shape(), reference), k -> build(image, k));
    }

    private Prepared build(Image image, Key key) {
        Network network;
        try {
            network = model.network(key.shape());
        } catch (ShapeMismatchException e) {
            if (image == null) {
                throw e;
            }
            throw new ShapeMismatchException("image " + image.name() + " does not fit the model: " + e.getMessage());
        }
        SaliencyMethod method = plugins.method(settings.method(), network, settings.methodParameters());
        Selection selection = new Selection(CompiledNetwork.compile(network), method,
                plugins.selector(settings.selector()),
                plugins.statistic(settings.statisticName(key.reference()), Parameters.empty()));
        NoiseModel noise = settings.sigma() != null ? NoiseModel.isotropic(settings.sigma())
                : covariance(key.shape().size());
        SelectiveTest test = SelectiveTest.withDefaults().with(settings.alternative())
                .withTermination(settings.termination()).withSkipping(settings.skipping()).withRange(settings.range())
                .withConfidenceLevel(settings.confidence()).withNoise(noise)
                .withSearchThreads(settings.searchThreads());
        return new Prepared(selection, test);
    }

    private NoiseModel covariance(int n) {
        String file = settings.covariance().file();
        double[] matrix = settings.covariance().toSquareMatrix(n);
        try {
            return NoiseModel.covariance(matrix, n);
        } catch (InvalidInputException e) {
            throw new InvalidInputException("--covariance " + file + ": " + e.getMessage(), e);
        }
    }
}
