package org.salientsi.validation.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.salientsi.api.backend.LoadedModel;
import org.salientsi.api.error.InvalidInputException;
import org.salientsi.api.error.UnknownOptionException;
import org.salientsi.api.image.Image;
import org.salientsi.api.result.SelectiveResult;
import org.salientsi.api.spi.Parameters;
import org.salientsi.core.engine.NoiseSpec;
import org.salientsi.core.engine.SegmentExecutorProvider;
import org.salientsi.core.engine.TestEngine;
import org.salientsi.core.engine.TestSpec;
import org.salientsi.core.plugin.Plugins;
import org.salientsi.core.search.SegmentExecutor;
import org.salientsi.core.search.SegmentSkipping;
import org.salientsi.core.search.SplitSearches;

/**
 * The segments of one search as Spark tasks on local[2]: the paper's 16 px model's p-value walked as 3
 * segments per side, with the 95% confidence interval (whose widening walks further segments), equals the
 * plain walking search's on one machine up to rounding ({@link SplitSearches#assertEquivalent}); the
 * provenance names the executor and the segments; bad options are typed errors.
 */
class SparkSegmentExecutorTest {

    private static LoadedModel model;
    private static TestSpec spec;

    @BeforeAll
    static void load() throws Exception {
        Path file = Path.of(System.getProperty("salientsi.paperModels", "../examples/models/paper"), "model_16.h5");
        model = Plugins.load().backends().get("dl4j").backend().load(file, Parameters.empty());
        spec = TestSpec.defaults().withNoise(NoiseSpec.sigma(1));
    }

    @AfterAll
    static void close() {
        if (model != null) {
            model.close();
        }
    }

    @Test
    void segmentsWalkedAsSparkTasksGiveTheSingleMachinesTruncationSet() {
        TestEngine engine = TestEngine.create(Plugins.load(), model, "dl4j", spec);
        TestEngine walking = engine.with(spec.withSkipping(SegmentSkipping.NEVER));
        SplittableRandom rng = new SplittableRandom(20_261_207L);
        try (SegmentExecutor spark = SegmentExecutorProvider.load().get("spark").create(model, spec,
                Parameters.of(Map.of("master", "local[2]", "segments", "3")))) {
            assertThat(spark.segmentsPerSide()).isEqualTo(3);
            int compared = 0;
            while (compared < 2) {
                Image x = Image.grey(16, 16, gaussian(rng, 256));
                List<Image> refs = List.of(Image.grey(16, 16, gaussian(rng, 256)));
                SelectiveResult local = walking.test(x, refs);
                if (!local.tested()) {
                    continue;
                }
                SelectiveResult onSpark = engine.test(x, refs, spark);
                SplitSearches.assertEquivalent(onSpark, local, "image " + compared);
                assertThat(onSpark.provenance().options()).containsEntry("executor", "spark")
                        .containsEntry("search_segments", "3");
                assertThat(options(onSpark)).isEqualTo(options(local));
                assertThat(onSpark.provenance().modelSha256()).isEqualTo(local.provenance().modelSha256());
                compared++;
            }
        }
    }

    @Test
    void badOptionsAreTypedErrors() {
        SegmentExecutorProvider spark = SegmentExecutorProvider.load().get("spark");
        assertThatThrownBy(() -> spark.create(model, spec, Parameters.of(Map.of("segments", "0"))))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("segments");
        assertThatThrownBy(() -> spark.create(model, spec, Parameters.of(Map.of("partitions", "4"))))
                .isInstanceOf(UnknownOptionException.class).hasMessageContaining("partitions");
    }

    /** The options of a result's provenance but those that name the executor or count pieces. */
    private static Map<String, String> options(SelectiveResult r) {
        Map<String, String> o = new TreeMap<>(r.provenance().options());
        o.keySet().removeAll(List.of("executor", "search_segments", "segments_skipped", "segments_included"));
        return o;
    }

    private static double[] gaussian(SplittableRandom rng, int n) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = rng.nextGaussian();
        }
        return v;
    }
}
