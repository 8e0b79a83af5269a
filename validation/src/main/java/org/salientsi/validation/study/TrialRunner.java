package org.salientsi.validation.study;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.salientsi.api.backend.LoadedModel;
import org.salientsi.api.error.InvalidInputException;
import org.salientsi.api.image.Image;
import org.salientsi.api.image.ImageShape;
import org.salientsi.api.result.CertifiedBounds;
import org.salientsi.api.result.Provenance;
import org.salientsi.api.result.SelectiveResult;
import org.salientsi.core.engine.TestEngine;
import org.salientsi.core.plugin.Plugins;
import org.salientsi.core.search.Selection;
import org.salientsi.core.search.SelectiveTest;
import org.salientsi.validation.generate.GaussianNoise;

/**
 * Runs the trials of a study on a loaded model. Thread-safe: one runner serves any number of
 * threads ({@link Selection} and {@link SelectiveTest} are shared, every trial has its own data).
 *
 * <p>A trial draws with a {@link SplittableRandom} seeded by {@link TrialSeeds#seed}; when the
 * selected region is empty (or full, for statistics that need a background) it redraws from the
 * same generator, up to {@value #MAX_EMPTY_DRAWS} times in a row.
 *
 * <p>On a network that is not piecewise linear the engine's search is certified: the row then holds the
 * bounds' upper end as its selective p-value, the lower end and the midpoint, and no OC p-value.
 */
public final class TrialRunner {

    /** The most consecutive empty regions a trial accepts before the study is declared hopeless. */
    public static final int MAX_EMPTY_DRAWS = 10_000;

    private final Study study;
    private final ImageShape shape;
    private final TestEngine engine;

    /**
     * @param study the study
     * @param model the loaded model; the caller keeps and closes it
     * @param plugins the installed plugins
     * @throws InvalidInputException if the model cannot take the study's image size, a plugin name
     *     is unknown, or the statistic and the number of references do not fit
     */
    public TrialRunner(Study study, LoadedModel model, Plugins plugins) {
        this.study = study;
        ImageShape own = model.imageShape();
        this.shape = study.size() == null ? own : ImageShape.of(study.size(), study.size(), own.channels());
        String statistic = study.statisticName();
        int refs = study.referenceCount();
        if (refs == 0 && statistic.startsWith("ref-")) {
            throw new InvalidInputException("statistic " + statistic + " compares with a reference, but the study "
                    + "draws none (--references 0)");
        }
        Provenance provenance = Provenance.empty().withModel(model.sha256(), model.backend())
                .withPlugins(study.method(), study.selector(), statistic).withSigma(study.sigma())
                .withSeed(study.seed()).withOptions(study.describe());
        this.engine = TestEngine.create(plugins, model, model.backend(), study.spec()).withProvenance(provenance);
        engine.selection(shape, refs > 0); // fails now if the model cannot take the study's images
    }

    /** @return the shape of the images the trials draw */
    public ImageShape shape() {
        return shape;
    }

    /** @return the provenance of the study's results on this model */
    public Provenance provenance() {
        return engine.provenance();
    }

    /**
     * Runs trial {@code index}.
     *
     * @param index the trial's index
     * @return its row
     * @throws InvalidInputException if {@value #MAX_EMPTY_DRAWS} draws in a row select nothing
     * @throws org.salientsi.api.error.NumericalBreakdownException if the search loses precision
     */
    public TrialRow run(int index) {
        long start = System.nanoTime();
        long seed = TrialSeeds.seed(study.seed(), index);
        SplittableRandom rng = new SplittableRandom(seed);
        int n = shape.size();
        double[] x = new double[n];
        double[] r = new double[n];
        int refs = study.referenceCount();
        for (int empty = 0; empty < MAX_EMPTY_DRAWS; empty++) {
            study.generator().draw(rng, shape, study.sigma(), x);
            List<Image> references = new ArrayList<>(refs);
            for (int k = 0; k < refs; k++) {
                GaussianNoise.fill(rng, study.sigma(), r);
                references.add(Image.of(shape, r));
            }
            SelectiveResult result = engine.test(Image.of(shape, x), references);
            if (!result.tested()) {
                continue; // no region, or (contrast) every pixel: redrawn, as the paper does
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            CertifiedBounds bounds = result.certified();
            if (bounds != null) {
                // the upper bound is the valid p-value (selective_p); the lower bound and midpoint are reported
                return TrialRow.certified(index, seed, bounds.pLower(), result.selectiveP(), bounds.pMidpoint(),
                        result.naiveP(), result.statistic(), result.sigmaT(), result.regionSize(), result.pieces(),
                        empty, seconds);
            }
            return new TrialRow(index, seed, result.selectiveP(), result.ocP(), result.naiveP(), result.statistic(),
                    result.sigmaT(), result.regionSize(), result.pieces(), empty, seconds);
        }
        throw new InvalidInputException("trial " + index + ": the selector (" + study.selector() + ") chose an empty "
                + "region in " + MAX_EMPTY_DRAWS + " draws in a row; the study has nothing to test");
    }
}
