package org.salientsi.cli.command;

import java.util.Map;
import java.util.TreeMap;
import org.salientsi.api.result.Alternative;
import org.salientsi.api.spi.Parameters;
import org.salientsi.core.search.Termination;
import picocli.CommandLine.Option;

/** Options shared by {@code test}, {@code batch} and {@code validate} (DESIGN.md section 4). */
public final class SelectionOptions {

    @Option(names = "--method", defaultValue = "cam", paramLabel = "NAME",
            description = "Saliency method (default: ${DEFAULT-VALUE}). The map explains the pre-activation "
                    + "output (logit) of the target unit.")
    String method;

    @Option(names = "--selector", defaultValue = "threshold:0", paramLabel = "SPEC",
            description = "Region selector (default: ${DEFAULT-VALUE}): threshold:T selects the pixels whose "
                    + "saliency is >= T.")
    String selector;

    @Option(names = "--statistic", paramLabel = "NAME",
            description = "Test statistic: ref-mean (mean of X - reference over the region), ref-abs (mean "
                    + "|X - reference|), contrast (region mean - background mean, no reference). Default: "
                    + "ref-mean with a reference, contrast without.")
    String statistic;

    @Option(names = "--alternative", defaultValue = "two-sided", paramLabel = "ALT",
            description = "two-sided (2 min(F, 1 - F)), greater, less, or abs (P(|Z| >= |T|), the paper's "
                    + "form). Default: ${DEFAULT-VALUE}.")
    String alternative;

    @Option(names = "--target", paramLabel = "K",
            description = "Output unit the map explains (default: the single output, or the arg-max class, "
                    + "which then joins the selection event).")
    Integer target;

    @Option(names = "--cam-layer", paramLabel = "NAME",
            description = "Feature layer for CAM (default: the input of the global average pooling that feeds "
                    + "the last dense layer).")
    String camLayer;

    @Option(names = "--termination", defaultValue = "exhaustive", paramLabel = "RULE",
            description = "exhaustive, precision:EPS (stop when the p-value bounds are EPS apart) or "
                    + "decision:ALPHA (stop when p <= ALPHA is decided). Default: ${DEFAULT-VALUE}.")
    String termination;

    @Option(names = "--range", defaultValue = "10", paramLabel = "K",
            description = "Search [-|T| - K sigma_T, |T| + K sigma_T], in units of sigma_T (default: "
                    + "${DEFAULT-VALUE}, as the paper).")
    double range;

    @Option(names = "--confidence", defaultValue = "0.95", paramLabel = "LEVEL",
            description = "Level of the selective confidence interval for eta^T mu, 0 to skip it "
                    + "(default: ${DEFAULT-VALUE}).")
    double confidence;

    /** @return the parsed alternative */
    Alternative alternative() {
        return Alternative.parse(alternative);
    }

    /** @return the parsed termination rule */
    Termination termination() {
        return Termination.parse(termination);
    }

    /** @return the method's parameters */
    Parameters methodParameters() {
        Map<String, String> p = new TreeMap<>();
        if (target != null) {
            p.put("target", Integer.toString(target));
        }
        if (camLayer != null) {
            p.put("cam-layer", camLayer);
        }
        return Parameters.of(p);
    }

    /**
     * @param hasReference whether a reference image was given
     * @return the statistic's name
     */
    String statisticName(boolean hasReference) {
        return statistic != null ? statistic : hasReference ? "ref-mean" : "contrast";
    }
}
