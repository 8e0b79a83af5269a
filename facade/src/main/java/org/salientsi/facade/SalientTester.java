package org.salientsi.facade;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import org.salientsi.api.backend.LoadedModel;
import org.salientsi.api.error.InvalidInputException;
import org.salientsi.api.error.InvalidOptionException;
import org.salientsi.api.image.Image;
import org.salientsi.api.image.ImageShape;
import org.salientsi.api.result.Alternative;
import org.salientsi.api.result.Provenance;
import org.salientsi.api.result.ComponentTests;
import org.salientsi.api.result.SelectiveResult;
import org.salientsi.api.saliency.SaliencyMap;
import org.salientsi.core.engine.TestEngine;
import org.salientsi.core.multiplicity.ComponentFamily;
import org.salientsi.core.multiplicity.FdrMethod;
import org.salientsi.core.region.ComponentSplit;
import org.salientsi.core.plugin.Plugins;
import org.salientsi.core.search.SearchMode;
import org.salientsi.core.search.Termination;

/**
 * Selective tests of the salient regions of images under one loaded model (built by
 * {@link SalientSI#builder()}). Thread-safe: any number of threads may call {@link #test} at once;
 * the model's IR and the compiled network are shared read-only, and each test has its own evaluators.
 *
 * <p>Options are changed TTest-style: every {@code withX} returns a configured copy that shares the
 * loaded model (and, when the region is chosen the same way, the compiled selection), so copies are
 * cheap. {@link #close()} releases the model for the tester and all its copies: close it once, when no
 * copy is used any more.
 *
 * <pre>{@code
 * try (SalientTester tester = SalientSI.builder().model(Path.of("model_16.h5")).sigma(1).build()) {
 *     SelectiveResult r = tester.test(image, reference);                  // ref-mean, two-sided
 *     SelectiveResult q = tester.withTermination(Termination.decision(0.05))
 *             .test(image, reference);                                    // stops once p <= 0.05 is decided
 * }
 * }</pre>
 */
public final class SalientTester implements AutoCloseable {

    /** The model and what every copy shares. */
    private record Shared(Plugins plugins, LoadedModel model, String backendLabel, AtomicBoolean closed) {
    }

    private final Shared shared;
    private final TesterSettings settings;
    private final TestEngine engine;

    private SalientTester(Shared shared, TesterSettings settings, TestEngine engine) {
        this.shared = shared;
        this.settings = settings;
        this.engine = engine;
    }

    /**
     * Checks the options against the model: an unknown method, selector or statistic, a method that
     * is not piecewise linear, a target or CAM layer the model does not have fail here (for models of
     * a fixed input size; for the others, at the first image).
     */
    static SalientTester create(Plugins plugins, LoadedModel model, String backendLabel, TesterSettings settings) {
        settings.checkNoise();
        return new SalientTester(new Shared(plugins, model, backendLabel, new AtomicBoolean()), settings,
                plainErrors(() -> TestEngine.create(plugins, model, backendLabel, settings.spec())));
    }

    private SalientTester with(TesterSettings next) {
        return new SalientTester(shared, next, plainErrors(() -> engine.with(next.spec())));
    }

    /**
     * Runs {@code make}, giving a plugin's or the model's refusal of an option as it was thrown (an
     * {@link org.salientsi.api.error.UnknownPluginException}, ...): the engine names the option for the
     * command line, whereas a Java caller knows which method it called.
     */
    private static TestEngine plainErrors(java.util.function.Supplier<TestEngine> make) {
        try {
            return make.get();
        } catch (InvalidOptionException e) {
            if (e.getCause() instanceof InvalidInputException cause) {
                throw cause;
            }
            throw e;
        }
    }

    /**
     * Tests the region the saliency map selects in an image against the references given to the builder
     * or to {@link #withReferences} (their mean), or, without references, against the image's background
     * ({@code contrast}).
     *
     * @param image the test image (its values in the units of sigma)
     * @return the result
     * @throws org.salientsi.api.error.InvalidInputException for an image that does not fit the model or
     *     its references, or an option the model refuses (an empty region is an outcome:
     *     {@link #test(Image, List)})
     * @throws org.salientsi.api.error.NumericalBreakdownException if the search loses precision (never a
     *     p-value then)
     * @throws IllegalStateException if the tester was closed
     */
    public SelectiveResult test(Image image) {
        return test(image, settings.references());
    }

    /**
     * Tests the region the saliency map selects in an image against a reference image of the same scene.
     *
     * @param image the test image
     * @param reference the reference image, of the image's shape
     * @return the result, tested or with nothing to test (see {@link #test(Image, List)})
     * @throws org.salientsi.api.error.InvalidInputException for images that do not fit the model or each
     *     other, or an option the model refuses
     * @throws org.salientsi.api.error.NumericalBreakdownException if the search loses precision
     * @throws IllegalStateException if the tester was closed
     */
    public SelectiveResult test(Image image, Image reference) {
        return test(image, List.of(Objects.requireNonNull(reference, "reference")));
    }

    /**
     * Tests the region the saliency map selects in an image against the mean of several references of
     * the same scene (an empty list: an in-image test).
     *
     * @param image the test image
     * @param references its references, each of the image's shape
     * @return the result; nothing to test is an outcome, not an error: check
     *     {@link org.salientsi.api.result.SelectiveResult#outcome()} ({@code TESTED}, or {@code NO_REGION} when
     *     the selector selects no pixel, {@code FULL_REGION} when {@code contrast} would compare the region with an
     *     empty background), which then carries the saliency map and no p-value
     * @throws org.salientsi.api.error.InvalidInputException for images that do not fit the model or each
     *     other, or an option the model refuses
     * @throws org.salientsi.api.error.NumericalBreakdownException if the search loses precision
     * @throws IllegalStateException if the tester was closed
     */
    public SelectiveResult test(Image image, List<Image> references) {
        checkOpen();
        return engine.test(image, references);
    }

    /**
     * Tests the selected region and each of its connected components on its own: every component's contrast is
     * the statistic's contrast on its pixels (e.g. the mean of X - reference over the component), conditioned on
     * the whole selected region, which fixes the components and the size filter, so each component's p-value is
     * valid. The components' valid p-values ({@code p_bounds[1]}) are adjusted within the image by
     * Benjamini-Yekutieli (false discovery rate under any dependence), as {@code salientsi test --components}
     * does; for a family over several images, adjust them together with
     * {@link org.salientsi.core.multiplicity.ComponentFamily#adjust}.
     *
     * @param image the test image
     * @param references its references (an empty list: an in-image test)
     * @param connectivity 4 (edge neighbours) or 8 (edge and corner neighbours)
     * @param minComponentSize components with fewer pixels are listed as too small and not tested, {@code >= 1}
     * @return the region's result and its components' (none when nothing was tested), with {@code fdr_p}
     * @throws org.salientsi.api.error.InvalidOptionException for a connectivity other than 4 or 8, a size below 1,
     *     or a statistic whose contrast is not defined on part of a region
     * @throws org.salientsi.api.error.InvalidInputException as {@link #test(Image, List)}
     * @throws IllegalStateException if the tester was closed
     */
    public ComponentTests testComponents(Image image, List<Image> references, int connectivity,
                                         int minComponentSize) {
        return testComponents(image, references, connectivity, minComponentSize, FdrMethod.BY);
    }

    /**
     * {@link #testComponents(Image, List, int, int)} with the adjustment within the image chosen: {@code BY}
     * (Benjamini-Yekutieli, valid under any dependence) or {@code BH} (Benjamini-Hochberg, not proven for these
     * p-values, which share the selection event; the result's {@code fdr_note} says so).
     *
     * @param image the test image
     * @param references its references (an empty list: an in-image test)
     * @param connectivity 4 or 8
     * @param minComponentSize the smallest component tested, {@code >= 1}
     * @param fdr the adjustment
     * @return the region's result and its components', with {@code fdr_p}
     * @throws IllegalStateException if the tester was closed
     */
    public ComponentTests testComponents(Image image, List<Image> references, int connectivity,
                                         int minComponentSize, FdrMethod fdr) {
        checkOpen();
        ComponentTests parts = engine.testComponents(image, references,
                new ComponentSplit(connectivity, minComponentSize));
        return ComponentFamily.adjust(List.of(parts), java.util.Objects.requireNonNull(fdr, "fdr")).get(0);
    }

    /**
     * @param image an image
     * @return its saliency map at input resolution, under this tester's method and target
     * @throws IllegalStateException if the tester was closed
     */
    public SaliencyMap map(Image image) {
        checkOpen();
        return engine.map(image);
    }

    /** @return the shape of the images the model takes (channels last) */
    public ImageShape imageShape() {
        return shared.model().imageShape();
    }

    /** @return the provenance every result starts from: model hash, backend and options */
    public Provenance provenance() {
        return engine.provenance();
    }

    /**
     * @param sigma the noise standard deviation of each pixel, finite and {@code > 0}
     * @return a copy with isotropic noise {@code sigma^2 I}
     */
    public SalientTester withSigma(double sigma) {
        return with(settings.withSigma(sigma));
    }

    /**
     * @param matrix the noise covariance of the image, {@code n x n} row-major in HWC order, symmetric
     *     positive definite (copied)
     * @return a copy with that covariance
     */
    public SalientTester withCovariance(double[] matrix) {
        return with(settings.withCovariance(matrix));
    }

    /**
     * @param references the references {@link #test(Image)} uses (their mean), or an empty list
     * @return a copy with them
     */
    public SalientTester withReferences(List<Image> references) {
        return with(settings.withReferences(references));
    }

    /**
     * @param alternative the alternative hypothesis
     * @return a copy with it
     */
    public SalientTester withAlternative(Alternative alternative) {
        return with(settings.withAlternative(alternative));
    }

    /**
     * @param termination when the search may stop
     * @return a copy with it
     */
    public SalientTester withTermination(Termination termination) {
        return with(settings.withTermination(termination));
    }

    /**
     * @param search how the truncation set is found: {@link SearchMode#AUTO} (the default), {@link SearchMode#EXACT}
     *     or {@link SearchMode#CERTIFIED} (p-value bounds for networks that are not piecewise linear)
     * @return a copy with it
     */
    public SalientTester withSearch(SearchMode search) {
        return with(settings.withSearch(search));
    }

    /**
     * @param sigmas the certified search's width limit, in units of sigma_T (default 1e-6)
     * @return a copy with it
     */
    public SalientTester withWidthLimit(double sigmas) {
        return with(settings.withWidthLimit(sigmas));
    }

    /**
     * @param unit the output unit the map explains (class index from 0)
     * @return a copy explaining that unit
     * @throws org.salientsi.api.error.InvalidInputException if the model has no such output
     */
    public SalientTester withTarget(int unit) {
        return with(settings.withTarget(unit));
    }

    /**
     * @param k the search half-width beyond {@code |T|}, in units of {@code sigma_T}
     * @return a copy with it
     */
    public SalientTester withRange(double k) {
        return with(settings.withRange(k));
    }

    /**
     * @param level the level of the selective confidence interval in (0, 1), or 0 to skip it
     * @return a copy with it
     */
    public SalientTester withConfidence(double level) {
        return with(settings.withConfidence(level));
    }

    /** @return whether {@link #close()} was called on this tester or a copy */
    public boolean isClosed() {
        return shared.closed().get();
    }

    /** Releases the model (for this tester and every copy); later calls do nothing. */
    @Override
    public void close() {
        if (shared.closed().compareAndSet(false, true)) {
            shared.model().close();
        }
    }

    private void checkOpen() {
        if (shared.closed().get()) {
            throw new IllegalStateException("this SalientTester (or a copy of it) was closed");
        }
    }
}
