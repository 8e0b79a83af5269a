package org.salientsi.validation.study;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.salientsi.api.backend.LoadedModel;
import org.salientsi.api.error.EmptyRegionException;
import org.salientsi.api.error.InvalidInputException;
import org.salientsi.api.error.ShapeMismatchException;
import org.salientsi.api.image.Image;
import org.salientsi.api.ir.Network;
import org.salientsi.api.result.Alternative;
import org.salientsi.api.result.Provenance;
import org.salientsi.api.result.SelectiveResult;
import org.salientsi.api.spi.Parameters;
import org.salientsi.api.statistic.Observation;
import org.salientsi.core.eval.CompiledNetwork;
import org.salientsi.core.plugin.Plugins;
import org.salientsi.core.search.NoiseModel;
import org.salientsi.core.search.Selection;
import org.salientsi.core.search.SelectiveTest;
import org.salientsi.methods.cam.CamMethod;
import org.salientsi.methods.selector.ThresholdSelector;
import org.salientsi.core.statistic.ReferenceMeanStatistic;
import org.salientsi.validation.PaperModels;
import org.salientsi.validation.generate.ImageGenerator;

/**
 * A trial on the paper's 8x8 model equals the selective test run by hand on the data the trial's
 * seed defines (drawn here with the JDK's {@link SplittableRandom} and Box-Muller written out), with
 * the empty draws counted and redrawn.
 */
class TrialRunnerTest {

    private static final Plugins PLUGINS = Plugins.load();
    private static LoadedModel model;

    @BeforeAll
    static void load() {
        model = PaperModels.source(8).open(PLUGINS);
    }

    @AfterAll
    static void close() {
        model.close();
    }

    private static double[] boxMuller(SplittableRandom rng, int n, double sigma) {
        double[] v = new double[n];
        for (int i = 0; i < n; i += 2) {
            double u1 = rng.nextDouble();
            double u2 = rng.nextDouble();
            double r = StrictMath.sqrt(-2 * StrictMath.log1p(-u1)) * sigma;
            v[i] = r * StrictMath.cos(2 * StrictMath.PI * u2);
            if (i + 1 < n) {
                v[i + 1] = r * StrictMath.sin(2 * StrictMath.PI * u2);
            }
        }
        return v;
    }

    @Test
    void aTrialIsTheSelectiveTestOfTheDataItsSeedDefines() {
        assertThat(checkTrials(1.5, 2.0)).as("signal trials checked").isEqualTo(12);
        int redrawn = 12 - checkTrials(1.0, 0.0);
        assertThat(redrawn).as("null trials that had to redraw (the 8x8 model often selects nothing)").isPositive();
    }

    /** @return how many of 12 trials needed no redraw */
    private static int checkTrials(double sigma, double delta) {
        Study study = Study.of(PaperModels.source(8)).withSeed(99).withSigma(sigma)
                .withGenerator(ImageGenerator.signal(delta)).withAlternative(Alternative.ABS);
        TrialRunner runner = new TrialRunner(study, model, PLUGINS);
        Network net = model.network();
        Selection selection = new Selection(CompiledNetwork.compile(net),
                new CamMethod.Provider().create(net, Parameters.empty()), new ThresholdSelector(0),
                new ReferenceMeanStatistic());
        SelectiveTest test = SelectiveTest.withDefaults().with(Alternative.ABS).withConfidenceLevel(0)
                .withNoise(NoiseModel.isotropic(sigma));
        int clean = 0;
        for (int i = 0; i < 12; i++) {
            TrialRow row = runner.run(i);
            SplittableRandom rng = new SplittableRandom(TrialSeeds.seed(99, i));
            int empty = 0;
            SelectiveResult expected = null;
            while (expected == null) {
                double[] x = boxMuller(rng, 64, sigma);
                if (delta != 0) {
                    int top = rng.nextInt(5);
                    int left = rng.nextInt(5);
                    for (int h = top; h < top + 4; h++) {
                        for (int w = left; w < left + 4; w++) {
                            x[h * 8 + w] += delta;
                        }
                    }
                }
                double[] r = boxMuller(rng, 64, sigma);
                try {
                    expected = test.run(selection, Observation.of(Image.grey(8, 8, x), Image.grey(8, 8, r)),
                            Provenance.empty());
                } catch (EmptyRegionException e) {
                    empty++;
                }
            }
            assertThat(row.trial()).isEqualTo(i);
            assertThat(row.seed()).isEqualTo(TrialSeeds.seed(99, i));
            assertThat(row.emptyDraws()).isEqualTo(empty);
            assertThat(row.selectiveP()).isEqualTo(expected.selectiveP());
            assertThat(row.ocP()).isEqualTo(expected.ocP());
            assertThat(row.naiveP()).isEqualTo(expected.naiveP());
            assertThat(row.statistic()).isEqualTo(expected.statistic());
            assertThat(row.sigmaT()).isEqualTo(expected.sigmaT());
            assertThat(row.regionSize()).isEqualTo(expected.regionSize());
            assertThat(row.pieces()).isEqualTo(expected.pieces());
            clean += empty == 0 ? 1 : 0;
        }
        return clean;
    }

    @Test
    void severalReferencesAreAveraged() {
        Study study = Study.of(PaperModels.source(8)).withSeed(5).withReferences(3);
        TrialRow row = new TrialRunner(study, model, PLUGINS).run(0);
        // sigma_T of the mean difference over |O| pixels with 3 references: sqrt(1/|O| + 1/(3|O|))
        assertThat(row.sigmaT()).isCloseTo(Math.sqrt((1 + 1 / 3.0) / row.regionSize()),
                org.assertj.core.api.Assertions.within(1e-12));
    }

    @Test
    void badStudiesAreTypedErrors() {
        assertThatThrownBy(() -> new TrialRunner(Study.of(PaperModels.source(8)).withReferences(0)
                .withStatistic("ref-mean"), model, PLUGINS)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("--references 0");
        assertThatThrownBy(() -> new TrialRunner(Study.of(PaperModels.source(8)).withSize(16), model, PLUGINS))
                .isInstanceOf(ShapeMismatchException.class);
        assertThatThrownBy(() -> new TrialRunner(Study.of(PaperModels.source(8)).withSelector("nosuch:1"), model,
                PLUGINS)).isInstanceOf(InvalidInputException.class).hasMessageContaining("nosuch");
        assertThatThrownBy(() -> Study.of(PaperModels.source(8)).withTrials(0)).isInstanceOf(
                InvalidInputException.class).hasMessageContaining("--trials");
        assertThatThrownBy(() -> Study.of(PaperModels.source(8)).withTermination("sometimes"))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("sometimes");
    }
}
