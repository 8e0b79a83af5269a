package org.salientsi.validation.spark;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.salientsi.api.backend.LoadedModel;
import org.salientsi.api.error.ShapeMismatchException;
import org.salientsi.api.image.Image;
import org.salientsi.api.image.ImageShape;
import org.salientsi.api.result.Outcome;
import org.salientsi.api.spi.Parameters;
import org.salientsi.core.engine.NoiseSpec;
import org.salientsi.core.engine.TestEngine;
import org.salientsi.core.engine.TestSpec;
import org.salientsi.core.plugin.Plugins;
import org.salientsi.validation.batch.BatchImage;
import org.salientsi.validation.batch.BatchOutcome;
import org.salientsi.validation.batch.ImageBatchExecutor;
import org.salientsi.validation.batch.ImageBatchExecutors;
import org.salientsi.validation.study.ModelSource;

/**
 * The spark batch executor on local[2] gives, for every image of a batch, what the local batch's test gives (the
 * driver's {@link TestEngine#test}): equal results but for wall times (tested and with nothing to test), and the
 * same exception for an image the model cannot take (refused on the driver) and for a reference that does not fit
 * its image (refused on an executor); with one reference shared by every image and with a reference per image.
 */
class SparkBatchExecutorTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ImageShape SHAPE = ImageShape.of(8, 8, 1);

    private static ImageBatchExecutor spark;
    private static LoadedModel model;
    private static TestEngine engine;

    @BeforeAll
    static void start() {
        spark = ImageBatchExecutors.create("spark", Parameters.empty().with("master", "local[2]")
                .with("partitions", "3"));
        Path file = Path.of(System.getProperty("salientsi.paperModels", "../examples/models/paper"), "model_8.h5");
        Plugins plugins = Plugins.load();
        model = ModelSource.of(file).open(plugins);
        engine = TestEngine.create(plugins, model, "dl4j (test)", TestSpec.defaults().withSelector("threshold:0")
                .withNoise(NoiseSpec.sigma(1.0)));
    }

    @AfterAll
    static void stop() {
        spark.close();
        model.close();
    }

    private static Image noise(String name, ImageShape shape, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[] v = new double[shape.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = rng.nextGaussian();
        }
        return Image.of(name, shape, v);
    }

    /**
     * Null images of the 8 px model, each with a fresh reference, until one selects no pixel and five select some
     * (as the local test sees them); then an image of 16 px and an image whose reference is 4 px.
     */
    private static List<BatchImage> mixedBatch() {
        List<BatchImage> batch = new ArrayList<>();
        int tested = 0;
        boolean empty = false;
        for (long seed = 1; tested < 5 || !empty; seed += 2) {
            assertThat(seed).as("no null image of 200 selected no pixel").isLessThan(400);
            Image x = noise("null-" + seed + ".npy", SHAPE, seed);
            Image r = noise("null-" + seed + ".npy", SHAPE, seed + 1);
            boolean has = engine.test(x, List.of(r)).tested();
            if (has ? tested++ < 5 : !empty) {
                empty |= !has;
                batch.add(new BatchImage(batch.size(), x, List.of(r)));
            }
        }
        batch.add(new BatchImage(batch.size(), noise("big.npy", ImageShape.of(16, 16, 1), 7), List.of(noise("r",
                ImageShape.of(16, 16, 1), 8))));
        batch.add(new BatchImage(batch.size(), noise("small-ref.npy", SHAPE, 9), List.of(noise("r4",
                ImageShape.of(4, 4, 1), 10))));
        return batch;
    }

    /** @return the local batch's outcome of each image: the driver's test, its exception caught */
    private static List<BatchOutcome> local(List<BatchImage> batch) {
        List<BatchOutcome> out = new ArrayList<>();
        for (BatchImage b : batch) {
            try {
                out.add(BatchOutcome.of(b.position(), engine.test(b.image(), b.references())));
            } catch (RuntimeException e) {
                out.add(BatchOutcome.failed(b.position(), e));
            }
        }
        return out;
    }

    private static Map<Integer, BatchOutcome> onSpark(List<BatchImage> batch) {
        Map<Integer, BatchOutcome> got = new TreeMap<>();
        spark.run(engine, batch, o -> assertThat(got.put(o.position(), o)).as("position %d twice", o.position())
                .isNull());
        return got;
    }

    /** @return the result's JSON without its wall time and its run's start */
    private static ObjectNode comparable(BatchOutcome o) {
        ObjectNode n = JSON.valueToTree(o.result());
        n.remove("seconds");
        ((ObjectNode) n.get("provenance")).remove("started");
        return n;
    }

    private static void assertSameOutcomes(List<BatchOutcome> expected, Map<Integer, BatchOutcome> got) {
        assertThat(got.keySet()).containsExactlyElementsOf(expected.stream().map(BatchOutcome::position).toList());
        for (BatchOutcome e : expected) {
            BatchOutcome g = got.get(e.position());
            assertThat(g.ok()).as("position %d succeeded", e.position()).isEqualTo(e.ok());
            if (e.ok()) {
                assertThat(comparable(g)).as("position %d", e.position()).isEqualTo(comparable(e));
                assertThat(g.result().image()).isEqualTo(e.result().image());
            } else {
                assertThat(g.error()).as("position %d", e.position()).hasSameClassAs(e.error())
                        .hasMessage(e.error().getMessage());
            }
        }
    }

    @Test
    void everyImageGetsTheLocalTestsResultOrError() {
        List<BatchImage> batch = mixedBatch();
        List<BatchOutcome> expected = local(batch);
        assertThat(expected).extracting(o -> o.ok() ? o.result().outcome() : null)
                .contains(Outcome.TESTED, Outcome.NO_REGION, null);
        assertThat(expected.get(batch.size() - 2).error()).isInstanceOf(ShapeMismatchException.class)
                .hasMessageContaining("big.npy");
        assertThat(expected.get(batch.size() - 1).error()).isInstanceOf(ShapeMismatchException.class);
        assertSameOutcomes(expected, onSpark(batch));
    }

    @Test
    void aReferenceSharedByEveryImageGivesTheLocalResults() {
        Image shared = noise("ref.npy", SHAPE, 1000);
        List<BatchImage> batch = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            batch.add(new BatchImage(10 + 3 * i, noise("x" + i + ".npy", SHAPE, 2000 + i), List.of(shared)));
        }
        List<BatchOutcome> expected = local(batch);
        assertThat(expected).allMatch(BatchOutcome::ok);
        assertThat(expected.get(0).result().provenance().options()).containsEntry("reference", "ref.npy");
        assertSameOutcomes(expected, onSpark(batch));
    }

    @Test
    void anEmptyBatchRunsNothing() {
        assertThat(onSpark(List.of())).isEmpty();
    }
}
