package org.salientsi.methods.validity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.salientsi.api.ir.Network;
import org.salientsi.core.testing.TestNetworks;

/**
 * Power at 16x16, behind the Maven profile {@code -Pvalidity} (tag {@code validity}): the test image
 * carries a block signal (mean {@code delta} on the central 8x8 block, 0 elsewhere) plus N(0, 1) noise,
 * the reference is N(0, 1) noise; {@value #TRIALS} tests per method and delta (2 and 3) with the ref-mean
 * statistic, on the paper's architecture with pass-through filters. Reported: the rejection rates at 0.05
 * of the selective, OC and (invalid) naive tests, pieces and seconds per p-value
 * (target/validity/power-16px.md). Checked: CAM's selective test, the paper's method, has power above the
 * null band at delta = 3 (the paper's finding; 0.01 level).
 */
@Tag("validity")
class PowerStudyTest {

    private static final int TRIALS = 100;
    private static final int SIZE = 16;
    private static final long NETWORK_SEED = 20261127L;
    private static final long DATA_SEED = 70_000L;
    private static final List<MethodStudy.Config> CONFIGS = List.of(
            MethodStudy.Config.of("cam", "threshold:0", "ref-mean"),
            MethodStudy.Config.of("gradcam", "top-k:32", "ref-mean"),
            MethodStudy.Config.of("gradient", "top-k:32", "ref-mean"),
            MethodStudy.Config.of("signed-gradient", "top-k:32", "ref-mean"),
            MethodStudy.Config.of("grad-x-input", "top-k:32", "ref-mean"),
            MethodStudy.Config.of("smoothgrad", "top-k:32", "ref-mean", "m", "4", "noise", "0.5"),
            MethodStudy.Config.of("integrated-gradients", "top-k:32", "ref-mean", "m", "4"));

    @Test
    void powerOfEveryMethodWithABlockSignal() throws Exception {
        Network net = TestNetworks.paperCam(SIZE, NETWORK_SEED, true);
        double[] deltas = {2, 3};
        List<Callable<NullStudy.Outcome>> studies = new ArrayList<>();
        for (int k = 0; k < CONFIGS.size(); k++) {
            for (int d = 0; d < deltas.length; d++) {
                MethodStudy.Config c = CONFIGS.get(k);
                double[] signal = block(deltas[d]);
                long seed = DATA_SEED + 10L * k + d;
                studies.add(() -> NullStudy.run(c.selection(net), TRIALS, seed, false, signal));
            }
        }
        List<NullStudy.Outcome> outcomes = NullStudy.runAll(studies);
        StringBuilder table = new StringBuilder("| method + selector | delta | selective | OC | naive (invalid) "
                + "| pieces/p | s/p |\n|---|---|---|---|---|---|---|\n");
        for (int k = 0; k < CONFIGS.size(); k++) {
            for (int d = 0; d < deltas.length; d++) {
                NullStudy.Outcome o = outcomes.get(k * deltas.length + d);
                table.append(String.format(Locale.ROOT, "| %s | %.0f | %.2f | %.2f | %.2f | %.1f | %.3f |%n",
                        CONFIGS.get(k).label(), deltas[d], rate(o, o.selective()), rate(o, o.oc()),
                        rate(o, o.naive()), o.pieces() / (double) TRIALS, o.seconds() / TRIALS));
            }
        }
        MethodStudy.report("power-16px.md", table.toString());
        int[] nullBand = NullStudy.binomialBand(TRIALS, 0.05, 0.01);
        NullStudy.Outcome cam3 = outcomes.get(1);
        assertThat(cam3.rejections(cam3.selective(), 0.05)).as("CAM selective rejections at delta 3")
                .isGreaterThan(nullBand[1]);
    }

    private static double rate(NullStudy.Outcome o, double[] p) {
        return o.rejections(p, 0.05) / (double) p.length;
    }

    private static double[] block(double delta) {
        double[] s = new double[SIZE * SIZE];
        for (int h = SIZE / 4; h < 3 * SIZE / 4; h++) {
            for (int w = SIZE / 4; w < 3 * SIZE / 4; w++) {
                s[h * SIZE + w] = delta;
            }
        }
        return s;
    }
}
