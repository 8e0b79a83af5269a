package org.salientsi.cli.components;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.salientsi.core.multiplicity.FdrMethod;
import org.salientsi.core.region.ComponentSplit;

/**
 * False discovery rate and power of the per-component tests across a batch, behind {@code -Pvalidity} (tag
 * {@code validity}): on the paper's trained 16x16 model (CAM, {@value #SELECTOR}, 4-connectivity, {@code ref-mean}
 * against a fresh reference, sigma 1), each replication is a batch of {@value #BATCH} images of which the first half
 * are null and the others carry one or two true 4x4 blocks shifted by {@code delta} in distinct quadrants; every
 * tested component of the batch is one hypothesis (null when it overlaps no block), adjusted together by
 * Benjamini-Yekutieli and by Benjamini-Hochberg at q = {@value #Q}. Reported per delta and method: the FDR (mean
 * false discovery proportion) with a 95% normal interval, and the power (true rejections over non-null components).
 * Checked: Benjamini-Yekutieli's FDR interval lies below q + its half-width margin (its guarantee holds under any
 * dependence). Table in cli/target/validity/components-fdr.md.
 */
@Tag("validity")
class ComponentFdrStudyTest {

    private static final String SELECTOR = "minmax:0.7";
    private static final int BATCH = 8;
    private static final int REPLICATIONS = 200;
    private static final double Q = 0.05;
    private static final double[] DELTAS = {2, 3};
    private static final long SEED = 20_261_208L;

    @Test
    void falseDiscoveryRateAndPowerAcrossABatch() throws Exception {
        StringBuilder table = new StringBuilder("| delta | method | replications | FDR [95% CI] | power [95% CI] "
                + "| components/batch | non-null/batch |\n|---|---|---|---|---|---|---|\n");
        long start = System.nanoTime();
        try (ComponentStudy study = new ComponentStudy(16, SELECTOR, new ComponentSplit(4, 1))) {
            for (double delta : DELTAS) {
                SplittableRandom rng = new SplittableRandom(SEED + (long) delta);
                double[][] fdp = new double[FdrMethod.values().length][REPLICATIONS];
                double[][] power = new double[FdrMethod.values().length][REPLICATIONS];
                int powered = 0;
                long components = 0;
                long nonNull = 0;
                for (int rep = 0; rep < REPLICATIONS; rep++) {
                    List<ComponentStudy.Tested> family = new ArrayList<>();
                    for (int i = 0; i < BATCH; i++) {
                        family.addAll(study.draw(rng, i < BATCH / 2 ? List.of() : blocks(rng, 1 + rng.nextInt(2)),
                                delta));
                    }
                    double[] p = family.stream().mapToDouble(ComponentStudy.Tested::p).toArray();
                    long trueCount = family.stream().filter(t -> !t.isNull()).count();
                    components += family.size();
                    nonNull += trueCount;
                    for (FdrMethod m : FdrMethod.values()) {
                        double[] adjusted = m.adjust(p);
                        int rejected = 0;
                        int falseRejections = 0;
                        for (int k = 0; k < p.length; k++) {
                            if (adjusted[k] <= Q) {
                                rejected++;
                                falseRejections += family.get(k).isNull() ? 1 : 0;
                            }
                        }
                        fdp[m.ordinal()][rep] = rejected == 0 ? 0 : falseRejections / (double) rejected;
                        power[m.ordinal()][rep] = trueCount == 0 ? Double.NaN
                                : (rejected - falseRejections) / (double) trueCount;
                    }
                    powered += trueCount > 0 ? 1 : 0;
                }
                for (FdrMethod m : FdrMethod.values()) {
                    double[] f = meanAndHalfWidth(fdp[m.ordinal()]);
                    double[] pw = meanAndHalfWidth(power[m.ordinal()]);
                    table.append(String.format(Locale.ROOT, "| %.0f | %s | %d | %.4f [%.4f, %.4f] | %.3f [%.3f, %.3f] "
                                    + "| %.1f | %.1f |%n", delta, m.label(), REPLICATIONS, f[0], Math.max(0, f[0] - f[1]),
                            f[0] + f[1], pw[0], pw[0] - pw[1], pw[0] + pw[1], components / (double) REPLICATIONS,
                            nonNull / (double) REPLICATIONS));
                    if (m == FdrMethod.BY) {
                        assertThat(f[0] - f[1]).as("BY FDR lower end at delta %s", delta).isLessThanOrEqualTo(Q);
                    }
                }
                assertThat(powered).as("replications with a non-null component").isGreaterThan(REPLICATIONS / 2);
            }
        }
        table.append(String.format(Locale.ROOT, "%nq = %.2f, batches of %d images (half null, half with 1-2 true 4x4 "
                + "blocks), cam %s, 4-connected, ref-mean; %.0f s%n", Q, BATCH, SELECTOR,
                (System.nanoTime() - start) / 1e9));
        System.out.print(table);
        write(table.toString());
    }

    /** One to four 4x4 blocks, each in its own quadrant of the 16x16 image, at a random place within it. */
    private static List<int[]> blocks(SplittableRandom rng, int k) {
        List<Integer> quadrants = new ArrayList<>(List.of(0, 1, 2, 3));
        List<int[]> out = new ArrayList<>();
        for (int i = 0; i < k; i++) {
            int q = quadrants.remove(rng.nextInt(quadrants.size()));
            out.add(new int[] {(q / 2) * 8 + rng.nextInt(5), (q % 2) * 8 + rng.nextInt(5), 4});
        }
        return out;
    }

    /** @return the mean of the finite values and the half-width of its 95% normal interval */
    private static double[] meanAndHalfWidth(double[] v) {
        double sum = 0;
        double sq = 0;
        int n = 0;
        for (double x : v) {
            if (Double.isFinite(x)) {
                sum += x;
                sq += x * x;
                n++;
            }
        }
        double mean = sum / n;
        double var = n > 1 ? (sq - n * mean * mean) / (n - 1) : 0;
        return new double[] {mean, 1.96 * Math.sqrt(Math.max(0, var) / n)};
    }

    private static void write(String table) throws IOException {
        Path dir = Path.of("target", "validity");
        if (Files.isDirectory(Path.of("target"))) {
            Files.createDirectories(dir);
            Files.writeString(dir.resolve("components-fdr.md"), table);
        }
    }
}
