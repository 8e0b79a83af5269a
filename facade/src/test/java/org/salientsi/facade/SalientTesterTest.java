package org.salientsi.facade;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.lang.reflect.RecordComponent;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.salientsi.api.backend.LoadedModel;
import org.salientsi.api.error.InvalidInputException;
import org.salientsi.api.error.ModelLoadException;
import org.salientsi.api.error.UnknownPluginException;
import org.salientsi.api.image.Image;
import org.salientsi.api.ir.Network;
import org.salientsi.api.result.Alternative;
import org.salientsi.api.result.Provenance;
import org.salientsi.api.result.SelectiveResult;
import org.salientsi.api.result.StopReason;
import org.salientsi.api.spi.Parameters;
import org.salientsi.api.statistic.Observation;
import org.salientsi.core.eval.CompiledNetwork;
import org.salientsi.core.plugin.Plugins;
import org.salientsi.core.search.NoiseModel;
import org.salientsi.core.search.Selection;
import org.salientsi.core.search.SelectiveTest;
import org.salientsi.core.search.Termination;

/** The facade on the paper's 8x8 Keras model: wiring, defaults, copies, threads, closing and bad options. */
class SalientTesterTest {

    /** Seed of the test images, fixed before the first run. */
    private static final long SEED = 20240613L;
    private static final int SIZE = 8;

    private static SalientTester tester;
    private static List<Image> images;
    private static List<Image> references;

    static Path paperModel(int size) {
        try {
            return Path.of(Objects.requireNonNull(SalientTesterTest.class.getResource("/paper/model_" + size + ".h5"),
                    "the paper's model (copied by the pom)").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Standard normal pixels, plus a block of {@code delta} in the top-left quarter. */
    static Image image(SplittableRandom rng, String name, double delta) {
        double[] v = new double[SIZE * SIZE];
        for (int i = 0; i < v.length; i++) {
            v[i] = rng.nextGaussian() + (i / SIZE < SIZE / 2 && i % SIZE < SIZE / 2 ? delta : 0);
        }
        return Image.of(name, org.salientsi.api.image.ImageShape.of(SIZE, SIZE, 1), v);
    }

    @BeforeAll
    static void load() throws ModelLoadException {
        tester = SalientSI.builder().model(paperModel(SIZE)).method("cam").selector("threshold:0")
                .statistic("ref-mean").sigma(1).build();
        SplittableRandom rng = new SplittableRandom(SEED);
        images = new ArrayList<>();
        references = new ArrayList<>();
        while (images.size() < 6) {
            int k = images.size();
            Image x = image(rng, "x" + k, k % 2 == 0 ? 2 : 0);
            Image r = image(rng, "r" + k, 0);
            if (!tester.test(x, r).tested()) {
                continue; // nothing selected: redraw, as the paper does
            }
            images.add(x);
            references.add(r);
        }
    }

    @AfterAll
    static void close() {
        tester.close();
    }

    /** Every field but the wall time and the provenance. */
    static void assertSameResult(SelectiveResult actual, SelectiveResult expected) {
        for (RecordComponent c : SelectiveResult.class.getRecordComponents()) {
            if (c.getName().equals("seconds") || c.getName().equals("provenance")) {
                continue;
            }
            try {
                assertThat(Objects.deepEquals(c.getAccessor().invoke(actual), c.getAccessor().invoke(expected)))
                        .as("%s: %s vs %s", c.getName(), c.getAccessor().invoke(actual),
                                c.getAccessor().invoke(expected)).isTrue();
            } catch (ReflectiveOperationException e) {
                throw new AssertionError(e);
            }
        }
    }

    /** The facade's result is the one of the engine wired by hand, as the README's Java API section does. */
    @Test
    void givesTheResultOfTheEngineWiredByHand() throws Exception {
        Plugins plugins = Plugins.load();
        Path file = paperModel(SIZE);
        try (LoadedModel model = plugins.backendFor(file, null).backend().load(file, Parameters.empty())) {
            Network net = model.network();
            Selection selection = new Selection(CompiledNetwork.compile(net),
                    plugins.method("cam", net, Parameters.empty()), plugins.selector("threshold:0"),
                    plugins.statistic("ref-mean", Parameters.empty()));
            SelectiveTest engine = SelectiveTest.withDefaults().withNoise(NoiseModel.isotropic(1.0));
            for (int k = 0; k < 3; k++) {
                SelectiveResult expected = engine.run(selection, Observation.of(images.get(k), references.get(k)),
                        Provenance.empty());
                SelectiveResult actual = tester.test(images.get(k), references.get(k));
                assertSameResult(actual, expected);
                assertThat(actual.image()).isEqualTo("x" + k);
                assertThat(actual.provenance().modelSha256()).isEqualTo(model.sha256());
                assertThat(actual.provenance().backend()).startsWith("dl4j ");
                assertThat(actual.provenance().options()).containsEntry("reference", "r" + k);
            }
        }
    }

    /** Thread safety: 4 threads testing the same images at once give the sequential results. */
    @Test
    void concurrentTestsGiveTheSequentialResults() throws Exception {
        List<SelectiveResult> sequential = new ArrayList<>();
        for (int k = 0; k < images.size(); k++) {
            sequential.add(tester.test(images.get(k), references.get(k)));
        }
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<SelectiveResult>> futures = new ArrayList<>();
            for (int round = 0; round < 3; round++) {
                for (int k = 0; k < images.size(); k++) {
                    int i = k;
                    futures.add(pool.submit(() -> tester.test(images.get(i), references.get(i))));
                }
            }
            for (int j = 0; j < futures.size(); j++) {
                assertSameResult(futures.get(j).get(60, TimeUnit.SECONDS), sequential.get(j % images.size()));
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * Alternatives: with {@code F} the truncated CDF at {@code T}, greater is {@code 1 - F}, less is
     * {@code F} and two-sided is {@code 2 min(F, 1 - F)} (DESIGN.md section 2).
     */
    @Test
    void alternativeCopiesObeyTheTailRelations() {
        Image x = images.get(0);
        Image r = references.get(0);
        double twoSided = tester.test(x, r).selectiveP();
        double greater = tester.withAlternative(Alternative.GREATER).test(x, r).selectiveP();
        double less = tester.withAlternative(Alternative.LESS).test(x, r).selectiveP();
        assertThat(greater + less).isCloseTo(1.0, within(1e-12));
        assertThat(twoSided).isCloseTo(2 * Math.min(greater, less), within(1e-12));
    }

    /** A covariance of {@code 4 I} is the noise of sigma 2: the same truncation set and p-values. */
    @Test
    void covarianceOfFourIdentityMatchesSigmaTwo() {
        int n = SIZE * SIZE;
        double[] cov = new double[n * n];
        for (int i = 0; i < n; i++) {
            cov[i * n + i] = 4;
        }
        Image x = images.get(2);
        Image r = references.get(2);
        SelectiveResult bySigma = tester.withSigma(2).test(x, r);
        SelectiveResult byCovariance = tester.withCovariance(cov).test(x, r);
        assertThat(byCovariance.sigmaT()).isCloseTo(bySigma.sigmaT(), within(1e-12 * bySigma.sigmaT()));
        assertThat(byCovariance.selectiveP()).isCloseTo(bySigma.selectiveP(), within(1e-9));
        assertThat(byCovariance.region()).isEqualTo(bySigma.region());
        assertThat(byCovariance.provenance().sigma()).isNull();
        assertThat(byCovariance.provenance().options().get("covariance")).startsWith("64x64 sha256:");
    }

    /** An early stop at alpha brackets the exhaustive p-value. */
    @Test
    void decisionTerminationBracketsTheExhaustivePValue() {
        Image x = images.get(4);
        Image r = references.get(4);
        double exact = tester.test(x, r).selectiveP();
        SelectiveResult early = tester.withTermination(Termination.decision(0.05)).test(x, r);
        assertThat(early.stopReason()).isIn(StopReason.DECISION, StopReason.EXHAUSTIVE);
        assertThat(early.pBounds().lower()).isLessThanOrEqualTo(exact + 1e-12);
        assertThat(early.pBounds().upper()).isGreaterThanOrEqualTo(exact - 1e-12);
        assertThat(early.reject(0.05)).isEqualTo(exact <= 0.05);
    }

    /** References given once are what {@code test(image)} uses: the mean of two, recorded in provenance. */
    @Test
    void referencesCopyIsUsedByTestOfOneImage() {
        Image x = images.get(0);
        List<Image> refs = List.of(references.get(0), references.get(1));
        SelectiveResult once = tester.withReferences(refs).test(x);
        assertSameResult(once, tester.test(x, refs));
        assertThat(once.provenance().options()).containsEntry("references", "2");
        // the mean of two references has half the variance: sigma_T^2 = sigma^2 (1/|O| + 1/(2|O|))
        assertThat(once.sigmaT()).isCloseTo(Math.sqrt(1.5 / once.regionSize()), within(1e-12));
    }

    /** Copies share the model: closing one closes all, and a closed tester refuses to test. */
    @Test
    void closingACopyReleasesTheSharedModelOnce() throws Exception {
        SalientTester own = SalientSI.builder().model(paperModel(SIZE)).sigma(1).build();
        SalientTester copy = own.withAlternative(Alternative.ABS);
        assertThat(copy.test(images.get(0), references.get(0)).alternative()).isEqualTo(Alternative.ABS);
        copy.close();
        assertThat(own.isClosed()).isTrue();
        own.close(); // a second close does nothing
        assertThatThrownBy(() -> own.test(images.get(0), references.get(0)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
    }

    @Test
    void badOptionsFailWithTypedErrorsNamingTheOption() {
        Path model = paperModel(SIZE);
        assertThatThrownBy(() -> SalientSI.builder().model(model).build())
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("sigma(S) or covariance(matrix)");
        assertThatThrownBy(() -> SalientSI.builder().sigma(1).build())
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("model(Path)");
        assertThatThrownBy(() -> SalientSI.builder().model(model).sigma(1).method("lime-ish").build())
                .isInstanceOf(UnknownPluginException.class).hasMessageContaining("lime-ish");
        assertThatThrownBy(() -> SalientSI.builder().model(model).sigma(1).target(5).build())
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("5");
        assertThatThrownBy(() -> SalientSI.builder().model(model.resolveSibling("no-such.h5")).sigma(1).build())
                .isInstanceOf(ModelLoadException.class).hasMessageContaining("not found");
        assertThatThrownBy(() -> SalientSI.builder().sigma(0))
                .isInstanceOf(InvalidInputException.class).hasMessageStartingWith("sigma must be");
        assertThatThrownBy(() -> tester.withCovariance(new double[5]))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("n x n");
        assertThatThrownBy(() -> tester.withCovariance(new double[] {1, 2, 2, 1}))
                .isInstanceOf(InvalidInputException.class).hasMessageStartingWith("covariance: ");
        assertThatThrownBy(() -> tester.withRange(Double.POSITIVE_INFINITY))
                .isInstanceOf(InvalidInputException.class).hasMessageStartingWith("range must be");
        assertThatThrownBy(() -> tester.test(Image.grey(4, 4, new double[16]), Image.grey(4, 4, new double[16])))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("does not fit the model");
    }
}
