package org.salientsi.core.engine;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.salientsi.api.backend.LoadedModel;
import org.salientsi.api.error.InvalidOptionException;
import org.salientsi.api.error.ShapeMismatchException;
import org.salientsi.api.image.Image;
import org.salientsi.api.image.ImageShape;
import org.salientsi.api.ir.Network;
import org.salientsi.api.result.Alternative;
import org.salientsi.api.result.ComponentTests;
import org.salientsi.api.result.Provenance;
import org.salientsi.api.result.SelectiveResult;
import org.salientsi.api.saliency.SaliencyMap;
import org.salientsi.api.saliency.SaliencyMethod;
import org.salientsi.api.selection.RegionSelector;
import org.salientsi.api.spi.Capabilities;
import org.salientsi.api.spi.Parameters;
import org.salientsi.api.statistic.ChiStatistic;
import org.salientsi.api.statistic.Observation;
import org.salientsi.core.eval.CompiledNetwork;
import org.salientsi.core.plugin.Plugins;
import org.salientsi.core.search.SegmentExecutor;
import org.salientsi.core.region.ComponentSplit;
import org.salientsi.core.search.Selection;
import org.salientsi.core.search.SelectiveTest;

/**
 * Runs the selective test of a {@link TestSpec} on one loaded model: the one engine behind
 * {@code salientsi test}, {@code batch}, {@code demo}, {@code serve}, the Java facade and the validation
 * studies. The compiled network, the saliency method and the selector are built once per image shape; the
 * selection and the configured {@link SelectiveTest} once per shape and "with or without a reference" (which
 * picks the default statistic); all are reused. Thread-safe: {@link #test} may run concurrently. The model
 * stays owned by the caller, who closes it.
 *
 * <pre>{@code
 * TestEngine engine = TestEngine.create(plugins, model, "onnxruntime 1.28.0",
 *         TestSpec.defaults().withNoise(NoiseSpec.sigma(1.0)));
 * SelectiveResult r = engine.test(image, List.of(reference));
 * }</pre>
 */
public final class TestEngine {

    private record Key(ImageShape shape, boolean reference) {
    }

    private record Prepared(Selection selection, SelectiveTest test) {
    }

    /** What depends only on the images' shape: the compiled network, the method bound to it, the selector. */
    private record Bound(CompiledNetwork network, SaliencyMethod method, RegionSelector selector) {
    }

    private final Plugins plugins;
    private final LoadedModel model;
    private final String backendLabel;
    private final TestSpec spec;
    private final Provenance base;
    private final ConcurrentHashMap<ImageShape, Bound> bound;
    private final ConcurrentHashMap<Key, Prepared> prepared;

    private TestEngine(Plugins plugins, LoadedModel model, String backendLabel, TestSpec spec, Provenance base,
                       ConcurrentHashMap<ImageShape, Bound> bound, ConcurrentHashMap<Key, Prepared> prepared) {
        this.plugins = plugins;
        this.model = model;
        this.backendLabel = backendLabel;
        this.spec = spec;
        this.base = base;
        this.bound = bound;
        this.prepared = prepared;
    }

    /**
     * Checks the specification against the model at once: an unknown method, method option, selector or
     * statistic, a method that is not piecewise linear, a target or CAM layer the model does not have, or a
     * covariance of the wrong size fails here, before any image is tested (for models of a fixed input
     * size; for the others, at the first image).
     *
     * @param plugins the installed plugins
     * @param model the loaded model
     * @param backendLabel the backend's name and version, for provenance
     * @param spec the test, with its noise
     * @return the engine
     * @throws org.salientsi.api.error.InvalidInputException for an option the plugins or the model refuse
     *     (an {@link org.salientsi.api.error.InvalidOptionException} naming it where it is one option's)
     * @throws NullPointerException if the specification has no noise
     */
    public static TestEngine create(Plugins plugins, LoadedModel model, String backendLabel, TestSpec spec) {
        Objects.requireNonNull(model, "model");
        TestEngine e = new TestEngine(Objects.requireNonNull(plugins, "plugins"), model, backendLabel,
                checked(spec), describe(model, backendLabel, spec), new ConcurrentHashMap<>(),
                new ConcurrentHashMap<>());
        e.checkPlugins();
        return e;
    }

    private static TestSpec checked(TestSpec spec) {
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(spec.noise(), "the specification has no noise (give a sigma or a covariance)");
        return spec;
    }

    /**
     * The provenance every result starts from: the model's hash, the backend, and the options covariance,
     * target, method options and CAM layer.
     */
    private static Provenance describe(LoadedModel model, String backendLabel, TestSpec spec) {
        Provenance p = Provenance.empty().withModel(model.sha256(), backendLabel);
        if (spec.noise().label() != null) {
            p = p.withOption("covariance", spec.noise().label());
        }
        p = p.withOptions(spec.noise().provenance());
        if (spec.target() != null) {
            p = p.withOption("target", spec.target().toString());
        }
        for (Map.Entry<String, String> e : spec.methodOptions().entrySet()) {
            p = p.withOption("method." + e.getKey(), e.getValue());
        }
        if (spec.camLayer() != null) {
            p = p.withOption("cam-layer", spec.camLayer());
        }
        return p;
    }

    private void checkPlugins() {
        TestSpec.parse("method", () -> plugins.methods().get(spec.method()));
        plugins.checkMethodOptions(spec.method(), spec.methodParameters());
        TestSpec.parse("selector", () -> plugins.selector(spec.selector()));
        if (spec.statistic() != null) {
            TestSpec.parse("statistic", () -> plugins.statistic(spec.statistic(), Parameters.empty()));
        }
        if (model.fixedSize()) {
            // what depends only on the model and the options fails now, not once per image
            prepare(model.imageShape(), false, null);
        }
    }

    /**
     * A copy that runs another specification on the same model; it shares the compiled selections when
     * both choose regions the same way and the noise is the same.
     *
     * @param next the specification
     * @return the engine for it (checked as {@link #create} does)
     */
    public TestEngine with(TestSpec next) {
        checked(next);
        Provenance p = describe(model, backendLabel, next);
        if (next.sameSelection(spec)) {
            // the compiled selections carry over; the configured tests follow the new options
            ConcurrentHashMap<Key, Prepared> carried = new ConcurrentHashMap<>();
            prepared.forEach((k, v) -> carried.put(k, new Prepared(v.selection(), configure(next, k))));
            return new TestEngine(plugins, model, backendLabel, next, p, bound, carried);
        }
        TestEngine e = new TestEngine(plugins, model, backendLabel, next, p, new ConcurrentHashMap<>(),
                new ConcurrentHashMap<>());
        e.checkPlugins();
        return e;
    }

    /**
     * @param provenance what every result of the copy starts from (a study's seed and description, ...)
     * @return a copy whose results start from that provenance instead of the model's and options' own
     */
    public TestEngine withProvenance(Provenance provenance) {
        return new TestEngine(plugins, model, backendLabel, spec, Objects.requireNonNull(provenance, "provenance"),
                bound, prepared);
    }

    /** @return the specification */
    public TestSpec spec() {
        return spec;
    }

    /** @return the model */
    public LoadedModel model() {
        return model;
    }

    /** @return the provenance every result starts from: model hash, backend and options */
    public Provenance provenance() {
        return base;
    }

    /**
     * Tests the region the saliency map selects in one image. Nothing to test is an outcome, not an error: when
     * the selector selects no pixel, or (for {@code contrast}) every pixel, the result has
     * {@link org.salientsi.api.result.Outcome#NO_REGION} or {@link org.salientsi.api.result.Outcome#FULL_REGION},
     * the region and the saliency map, and no p-value ({@link SelectiveTest#test}).
     *
     * @param image the test image (values in the units of the noise)
     * @param references its references (their mean is used), or an empty list for an in-image test
     * @return the result, tested or not ({@link SelectiveResult#outcome()})
     * @throws org.salientsi.api.error.InvalidInputException for an image or reference that does not fit
     *     the model or each other (naming the image), or an option the model refuses
     * @throws org.salientsi.api.error.NumericalBreakdownException if the search loses precision (never a
     *     p-value then)
     */
    public SelectiveResult test(Image image, List<Image> references) {
        return test(image, references, null);
    }

    /**
     * Tests as {@link #test(Image, List)} does, with the search's segments walked by an executor
     * ({@link SelectiveTest#test(Selection, Observation, Provenance, SegmentExecutor)}).
     *
     * @param image the test image
     * @param references its references, or an empty list
     * @param segments the executor of the search's segments, or {@code null} for the specification's
     *     search threads
     * @return the result, tested or not
     * @throws org.salientsi.api.error.InvalidInputException as {@link #test(Image, List)}, and when segments
     *     are asked for a search that is not exhaustive or has a time limit
     */
    public SelectiveResult test(Image image, List<Image> references, SegmentExecutor segments) {
        Observation observation = Observation.withReferences(Objects.requireNonNull(image, "image"), references);
        Prepared p = prepare(image.shape(), observation.hasReference(), image);
        Provenance provenance = base;
        if (references.size() == 1 && references.get(0).name() != null) {
            provenance = provenance.withOption("reference", references.get(0).name());
        }
        return segments == null ? p.test().test(p.selection(), observation, provenance)
                : p.test().test(p.selection(), observation, provenance, segments);
    }

    /**
     * Tests the selected region and each of its connected components ({@link SelectiveTest#testComponents}): every
     * component's contrast is the statistic's contrast on its pixels, conditioned on the whole selected region.
     *
     * @param image the test image
     * @param references its references, or an empty list for an in-image test
     * @param split connectivity and minimum component size
     * @return the region's result and its components' (not adjusted for multiplicity)
     * @throws org.salientsi.api.error.InvalidOptionException naming {@code components} if the statistic does not
     *     declare {@link Capabilities#SUB_REGIONS} (its contrast may not be defined on part of a region)
     * @throws org.salientsi.api.error.InvalidInputException as {@link #test} does
     */
    public ComponentTests testComponents(Image image, List<Image> references, ComponentSplit split) {
        Objects.requireNonNull(split, "split");
        Observation observation = Observation.withReferences(Objects.requireNonNull(image, "image"), references);
        checkSubRegions(observation.hasReference());
        Prepared p = prepare(image.shape(), observation.hasReference(), image);
        Provenance provenance = base.withOption("components", Integer.toString(split.connectivity()))
                .withOption("min_component_size", Integer.toString(split.minSize()));
        if (references.size() == 1 && references.get(0).name() != null) {
            provenance = provenance.withOption("reference", references.get(0).name());
        }
        return p.test().testComponents(p.selection(), observation, provenance, split);
    }

    /**
     * @param hasReference whether the tests have references (which picks the default statistic)
     * @throws org.salientsi.api.error.InvalidOptionException naming {@code components} unless the statistic's
     *     contrast is defined on parts of a region
     */
    public void checkSubRegions(boolean hasReference) {
        String name = spec.statisticName(hasReference);
        if (!plugins.statistics().get(name).hasCapability(Capabilities.SUB_REGIONS)) {
            throw InvalidOptionException.of("components", "cannot split the region for statistic '" + name
                    + "': it does not declare that its contrast is defined on a part of a region (capability "
                    + Capabilities.SUB_REGIONS + ")");
        }
    }

    /**
     * @param image an image
     * @return its saliency map, at input resolution, under the specification's method and target
     */
    public SaliencyMap map(Image image) {
        Selection s = prepare(image.shape(), false, image).selection();
        return s.method().map(s.network().pointEvaluator().evaluate(image.toChw()));
    }

    /**
     * Builds (once) what testing images of a shape needs, so that a caller can fail early.
     *
     * @param shape the images' shape
     * @param reference whether the tests have references (which picks the default statistic)
     * @return the selection for such images
     * @throws org.salientsi.api.error.InvalidInputException if the model cannot take the shape, or an option
     *     does not fit the model
     */
    public Selection selection(ImageShape shape, boolean reference) {
        return prepare(shape, reference, null).selection();
    }

    private Prepared prepare(ImageShape shape, boolean reference, Image image) {
        return prepared.computeIfAbsent(new Key(shape, reference), k -> build(k, image));
    }

    /**
     * The selection for a shape and "with or without a reference": the compiled network, the method and the
     * selector are shared by both (compiled once per shape: a network's transposed weights are its largest
     * copy), only the default statistic differs.
     */
    private Prepared build(Key key, Image image) {
        Bound b = bound.computeIfAbsent(key.shape(), shape -> bind(shape, image));
        Selection selection = new Selection(b.network(), b.method(), b.selector(),
                plugins.statistic(spec.statisticName(key.reference()), Parameters.empty()));
        if (spec.noise().conservative() && !(selection.statistic() instanceof ChiStatistic)
                && spec.alternative() != Alternative.ABS) {
            throw InvalidOptionException.of("sigma-upper", "needs --alternative abs (or a chi statistic): only then "
                    + "does the p-value not decrease as sigma grows, which makes the upper limit conservative; got "
                    + spec.alternative().label());
        }
        SelectiveTest test = configure(spec, key);
        test.searchFor(selection); // refuses a search the network, method or selector cannot run, before any image
        return new Prepared(selection, test);
    }

    private Bound bind(ImageShape shape, Image image) {
        Network network;
        try {
            network = model.network(shape);
        } catch (ShapeMismatchException e) {
            if (image == null) {
                throw e;
            }
            throw new ShapeMismatchException("image " + (image.name() == null ? "" : image.name() + " ")
                    + "does not fit the model: " + e.getMessage());
        }
        return new Bound(CompiledNetwork.compile(network), plugins.method(spec.method(), network,
                spec.methodParameters()), plugins.selector(spec.selector()));
    }

    private static SelectiveTest configure(TestSpec spec, Key key) {
        return SelectiveTest.withDefaults().with(spec.alternative()).withTermination(spec.termination())
                .withSkipping(spec.skipping()).withRange(spec.range()).withConfidenceLevel(spec.confidence())
                .withNoise(spec.noise().model(key.shape().size())).withSearchThreads(spec.searchThreads())
                .withTimeLimit(spec.timeLimit()).withSearch(spec.search()).withWidthLimit(spec.widthLimit());
    }
}
