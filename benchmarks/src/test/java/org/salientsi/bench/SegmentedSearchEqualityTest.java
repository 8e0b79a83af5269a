package org.salientsi.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.salientsi.api.error.ModelLoadException;
import org.salientsi.api.result.Provenance;
import org.salientsi.api.result.SelectiveResult;
import org.salientsi.api.statistic.Observation;
import org.salientsi.core.search.SegmentExecutor;
import org.salientsi.core.search.SegmentSkipping;
import org.salientsi.core.search.Selection;
import org.salientsi.core.search.SelectiveTest;
import org.salientsi.core.search.SplitSearches;

/**
 * On the committed networks (the paper's trained models at 8, 16 and 32 px; the ladder's trained 32 px
 * VGG and U-Net; two residual networks with batch normalisation: the ONNX backend's 8 px fixture and the
 * 16 px ResNet-class model of the cluster test), an exhaustive search whose sides are cut into 2, 3 and 7
 * segments, merged in any order (as given, reversed, shuffled, through serialisation), finds the
 * truncation set of the plain walking search (one thread, every piece walked): interval ends within
 * {@code 1e-9 max(|end|, sigma_T)}, the selective p-value within {@code 1e-12} relative, the same OC
 * interval and p-value ({@link SplitSearches#assertEquivalent}). The ladder's models search
 * T +- (|T| + 2 sigma_T) to bound the walking search's time (as {@link LadderEqualityTest} does with 3).
 */
class SegmentedSearchEqualityTest {

    private static final long SEED = 20_261_208L;
    private static final int[] SEGMENTS = {2, 3, 7};

    @Test
    void segmentsOnTheCommittedNetworksFindTheWalkingSearchsTruncationSet() throws ModelLoadException {
        List<Case> cases = new ArrayList<>();
        for (int size : new int[] {8, 16, 32}) {
            Selection selection = PaperModels.selection(size);
            for (Observation obs : PaperModels.nullImages(selection, SEED + size, size == 8 ? 2 : 1)) {
                cases.add(new Case("paper " + size + " px", selection, obs, 10));
            }
        }
        for (String file : new String[] {"vgg-32-trained.onnx", "unet-32-trained.onnx"}) {
            Selection selection = LadderModels.selection(file);
            SplittableRandom rng = new SplittableRandom(SEED + file.hashCode());
            cases.add(new Case(file + " signal", selection, LadderModels.pair(selection, rng, true), 2));
        }
        Selection residual = PaperModels.camSelection("onnx", PaperModels.findUp("salientsi.residualFixtures",
                "backend-onnx/src/test/resources/fixtures", "residual.onnx").resolve("residual.onnx"));
        for (Observation obs : PaperModels.nullImages(residual, SEED, 2)) {
            cases.add(new Case("residual 8 px", residual, obs, 10));
        }
        Selection resnet = PaperModels.camSelection("onnx", PaperModels.findUp("salientsi.resnet16",
                "spark-cluster-test/src/test/resources/models", "resnet-16.onnx").resolve("resnet-16.onnx"));
        for (Observation obs : PaperModels.nullImages(resnet, SEED + 16, 1)) {
            cases.add(new Case("resnet 16 px", resnet, obs, 10));
        }
        SplittableRandom rng = new SplittableRandom(SEED);
        SplitSearches.Order[] orders = SplitSearches.Order.values();
        int compared = 0;
        long walkingPieces = 0;
        long splitPieces = 0;
        for (Case c : cases) {
            SelectiveTest base = SelectiveTest.withDefaults().withRange(c.range()).withConfidenceLevel(0);
            SelectiveResult walking = base.withSkipping(SegmentSkipping.NEVER).withSearchThreads(1)
                    .run(c.selection(), c.observation(), Provenance.empty());
            for (int k : SEGMENTS) {
                SplitSearches.Order order = orders[compared % orders.length];
                SegmentExecutor executor = SplitSearches.reordering(SegmentExecutor.local(2, k), order,
                        rng.nextLong());
                SelectiveResult split = base.test(c.selection(), c.observation(), Provenance.empty(), executor);
                SplitSearches.assertEquivalent(split, walking, c.name() + ", " + k + " segments per side, " + order);
                walkingPieces += walking.pieces();
                splitPieces += split.pieces();
                compared++;
            }
        }
        System.out.printf("segmented searches: %d compared on %d images; walking %d pieces, split (certified) %d%n",
                compared, cases.size(), walkingPieces, splitPieces);
        assertThat(compared).isEqualTo(SEGMENTS.length * cases.size());
    }

    private record Case(String name, Selection selection, Observation observation, double range) {
    }
}
