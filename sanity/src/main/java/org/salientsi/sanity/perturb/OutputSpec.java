package org.salientsi.sanity.perturb;

import java.util.Locale;
import org.salientsi.api.error.InvalidInputException;

/**
 * The scalar {@code f_c(x)} a perturbation metric follows: the logit or the probability (softmax over
 * the logits, or the sigmoid of a single logit) of the class predicted on the unperturbed image or of
 * the image's given label. The class stays fixed along the whole curve.
 *
 * @param probability whether to follow the probability (else the logit)
 * @param givenClass whether to follow the given label (else the predicted class)
 */
public record OutputSpec(boolean probability, boolean givenClass) {

    /** The logit of the predicted class (Tomsett et al.'s "class score"). */
    public static final OutputSpec LOGIT_PREDICTED = new OutputSpec(false, false);

    /**
     * @param spec {@code logit|probability[/predicted|/given]}
     * @return the output
     */
    public static OutputSpec parse(String spec) {
        String[] p = spec.trim().toLowerCase(Locale.ROOT).split("/");
        boolean prob;
        if ("logit".equals(p[0])) {
            prob = false;
        } else if ("probability".equals(p[0]) || "prob".equals(p[0])) {
            prob = true;
        } else {
            throw new InvalidInputException("unknown output '" + spec + "'; use logit|probability[/predicted|/given]");
        }
        if (p.length == 1 || "predicted".equals(p[1])) {
            return new OutputSpec(prob, false);
        }
        if ("given".equals(p[1]) || "label".equals(p[1])) {
            return new OutputSpec(prob, true);
        }
        throw new InvalidInputException("unknown output class '" + p[1] + "'; use predicted or given");
    }

    /** @return the canonical specification */
    public String spec() {
        return (probability ? "probability" : "logit") + "/" + (givenClass ? "given" : "predicted");
    }
}
