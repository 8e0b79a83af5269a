package org.salientsi.sanity.perturb;

import java.util.Locale;
import org.salientsi.api.error.InvalidInputException;
import org.salientsi.sanity.reliability.Direction;

/**
 * The per-(image, map) perturbation scores (SANITY.md section 2.3), with the direction in which each is
 * better.
 */
public enum Metric {
    /** {@code 1/(L+1) sum_k (f(x) - f(x^(k)))} under MoRF; higher is better. */
    AOPC_MORF("aopc-morf", Direction.HIGHER_IS_BETTER),
    /** The same under LeRF; lower is better. */
    AOPC_LERF("aopc-lerf", Direction.LOWER_IS_BETTER),
    /** {@code AOPC_MoRF - AOPC_LeRF}, the area between the curves; higher is better. */
    ABPC("abpc", Direction.HIGHER_IS_BETTER),
    /** Trapezoid area under the MoRF curve over the fraction of steps, in [0, 1]; lower is better. */
    DELETION_AUC("deletion-auc", Direction.LOWER_IS_BETTER),
    /** Trapezoid area under the insertion curve (replaced canvas, MoRF features restored); higher is better. */
    INSERTION_AUC("insertion-auc", Direction.HIGHER_IS_BETTER),
    /** Pearson correlation of feature relevance with single-feature output drops (Alvarez-Melis); higher is better. */
    FAITHFULNESS("faithfulness", Direction.HIGHER_IS_BETTER);

    private final String key;
    private final Direction direction;

    Metric(String key, Direction direction) {
        this.key = key;
        this.direction = direction;
    }

    /** @return the metric's name in reports */
    public String key() {
        return key;
    }

    /** @return which way it is better */
    public Direction direction() {
        return direction;
    }

    /**
     * @param name a metric name ({@code aopc-morf}, ...)
     * @return the metric
     */
    public static Metric parse(String name) {
        String n = name.trim().toLowerCase(Locale.ROOT);
        for (Metric m : values()) {
            if (m.key.equals(n)) {
                return m;
            }
        }
        throw new InvalidInputException("unknown metric '" + name + "'; use aopc-morf, aopc-lerf, abpc, "
                + "deletion-auc, insertion-auc or faithfulness");
    }
}
