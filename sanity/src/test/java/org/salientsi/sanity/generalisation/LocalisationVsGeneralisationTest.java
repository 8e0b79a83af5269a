package org.salientsi.sanity.generalisation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.commons.math3.stat.correlation.KendallsCorrelation;
import org.apache.commons.math3.stat.correlation.SpearmansCorrelation;
import org.junit.jupiter.api.Test;

/** Localisation against generalisation on constructed model outcomes. */
class LocalisationVsGeneralisationTest {

    private static List<ModelOutcome> outcomes(double[] auc, double[] iouA, double[] iouB) {
        List<ModelOutcome> out = new ArrayList<>();
        for (int k = 0; k < auc.length; k++) {
            out.add(new ModelOutcome("m" + k, k % 2 == 0 ? "baseline" : "masked", auc[k], Map.of(
                    "a", new double[] {iouA[k], iouA[k]}, "b", new double[] {iouB[k], iouB[k] + 0.01})));
        }
        return out;
    }

    @Test
    void monotoneIouPredictsAndAnUnrelatedOneDoesNot() {
        double[] auc = {0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 0.95};
        double[] mono = {0.05, 0.1, 0.15, 0.2, 0.3, 0.35, 0.4, 0.5, 0.6, 0.7};
        double[] unrelated = {0.3, 0.1, 0.5, 0.2, 0.4, 0.35, 0.15, 0.45, 0.25, 0.32};
        LocalisationVsGeneralisation.Result r = new LocalisationVsGeneralisation(500, 2000, 0.95, 4L)
                .analyse(outcomes(auc, mono, unrelated), List.of("a", "b"));
        LocalisationVsGeneralisation.MethodResult a = r.methods().get(0);
        assertThat(a.spearman()).isEqualTo(1.0);
        assertThat(a.kendall()).isEqualTo(1.0);
        // exact permutation p-value of rho = 1 with 10 models is 2/10!; with 2000 permutations the estimate
        // is (1 + #)/(2001), and # = 0 unless a permutation hits the identity or its reverse
        assertThat(a.permutationP()).isLessThan(0.01);
        assertThat(a.verdict()).startsWith("IoU predicts generalisation");
        LocalisationVsGeneralisation.MethodResult b = r.methods().get(1);
        assertThat(b.spearman()).isCloseTo(new SpearmansCorrelation().correlation(auc, unrelated), within(1e-12));
        assertThat(b.kendall()).isCloseTo(new KendallsCorrelation().correlation(auc, unrelated), within(1e-12));
        assertThat(b.spearmanCi()[0]).isLessThan(b.spearman());
        assertThat(b.verdict()).startsWith("IoU does not predict generalisation");
        assertThat(r.agreement()[0][1]).isBetween(-1.0, 1.0);
    }

    @Test
    void constantAucIsReportedAsNotPredictiveRatherThanAnError() {
        double[] auc = {0.5, 0.5, 0.5};
        LocalisationVsGeneralisation.Result r = LocalisationVsGeneralisation.defaults()
                .analyse(outcomes(auc, new double[] {0.1, 0.2, 0.3}, new double[] {0.3, 0.2, 0.1}), List.of("a"));
        assertThat(r.methods().get(0).spearman()).isNaN();
        assertThat(r.methods().get(0).verdict()).contains("does not predict").contains("undefined");
    }
}
