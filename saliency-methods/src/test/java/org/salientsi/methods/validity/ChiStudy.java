package org.salientsi.methods.validity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Locale;
import org.apache.commons.math3.distribution.BetaDistribution;
import org.salientsi.api.ir.Network;
import org.salientsi.core.statistic.ReferenceChiChannelsStatistic;
import org.salientsi.core.statistic.ReferenceChiStatistic;

/**
 * Null studies of the chi statistics ({@code ref-chi}: every value of the region against the reference,
 * d = |O|; {@code ref-chi-channels}: the region's mean difference, d = 1 on grey images) on the CAM network of
 * the paper's architecture, as {@link NullStudy} runs them, and their checks: the selective and OC rejection
 * counts at 0.05 in the binomial acceptance band and KS against uniform above the level.
 */
final class ChiStudy {

    private ChiStudy() {
    }

    /**
     * @return the Clopper-Pearson 95% interval of a rate {@code k / n}
     */
    static double[] clopperPearson(int k, int n) {
        double lo = k == 0 ? 0 : new BetaDistribution(null, k, n - k + 1.0).inverseCumulativeProbability(0.025);
        double hi = k == n ? 1 : new BetaDistribution(null, k + 1.0, n - k).inverseCumulativeProbability(0.975);
        return new double[] {lo, hi};
    }

    /** @return the rate and its Clopper-Pearson interval, {@code 0.0510 [0.0382, 0.0666]} */
    static String rate(int k, int n) {
        double[] ci = clopperPearson(k, n);
        return String.format(Locale.ROOT, "%.4f [%.4f, %.4f]", k / (double) n, ci[0], ci[1]);
    }

    /**
     * Runs both chi statistics' null studies on two threads and checks them, each check at {@code level}.
     *
     * @return the table rows: size, statistic, trials, selective FPR with its interval, KS p, OC FPR, KS p,
     *     naive FPR, pieces per p-value, seconds
     */
    static String assertChiNullStudiesValid(Network net, int trials, long seed, double level) throws Exception {
        int size = net.inputShape().height();
        List<NullStudy.Outcome> outcomes = NullStudy.runAll(List.of(
                () -> NullStudy.run(net, new ReferenceChiStatistic(), trials, seed, false),
                () -> NullStudy.run(net, new ReferenceChiChannelsStatistic(), trials, seed + 1, false)));
        int[] band = NullStudy.binomialBand(trials, 0.05, level);
        StringBuilder table = new StringBuilder();
        for (NullStudy.Outcome o : outcomes) {
            int sel = o.rejections(o.selective(), 0.05);
            int oc = o.rejections(o.oc(), 0.05);
            int naive = o.rejections(o.naive(), 0.05);
            double ksSel = o.ks(o.selective());
            double ksOc = o.ks(o.oc());
            table.append(String.format(Locale.ROOT, "| %d px | %s | %d | %s | %.3f | %s | %.3f | %s | %.1f | %.1f |%n",
                    size, o.statistic(), trials, rate(sel, trials), ksSel, rate(oc, trials), ksOc, rate(naive, trials),
                    o.pieces() / (double) trials, o.seconds()));
            assertThat(sel).as("%s selective rejections (band %s)", o.statistic(), java.util.Arrays.toString(band))
                    .isBetween(band[0], band[1]);
            assertThat(ksSel).as("%s selective KS p", o.statistic()).isGreaterThan(level);
            assertThat(oc).as("%s OC rejections (band %s)", o.statistic(), java.util.Arrays.toString(band))
                    .isBetween(band[0], band[1]);
            assertThat(ksOc).as("%s OC KS p", o.statistic()).isGreaterThan(level);
        }
        return table.toString();
    }

    /** The header of the chi validity table. */
    static String header() {
        return "| size | statistic | trials | selective FPR [95% CP] | KS p | OC FPR [95% CP] | KS p | naive FPR "
                + "[95% CP] | pieces/p | seconds |\n|---|---|---|---|---|---|---|---|---|---|\n";
    }
}
