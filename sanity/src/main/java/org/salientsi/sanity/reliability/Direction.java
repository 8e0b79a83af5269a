package org.salientsi.sanity.reliability;

/** Which way a metric score is better. */
public enum Direction {
    /** A larger score is better (AOPC-MoRF, ABPC, insertion AUC, faithfulness). */
    HIGHER_IS_BETTER,
    /** A smaller score is better (AOPC-LeRF, deletion AUC). */
    LOWER_IS_BETTER;

    /** @return +1 for {@link #HIGHER_IS_BETTER}, -1 otherwise: multiply a score by it to make larger better */
    public double sign() {
        return this == HIGHER_IS_BETTER ? 1.0 : -1.0;
    }
}
