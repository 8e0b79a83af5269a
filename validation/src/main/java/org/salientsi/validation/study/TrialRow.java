package org.salientsi.validation.study;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.io.Serializable;
import org.salientsi.api.error.InvalidValueException;

/**
 * The outcome of one trial: one line of the study's JSONL checkpoint and one row of its CSV.
 * Everything but {@code seconds} is a function of the study and the trial's index.
 *
 * @param trial the trial's index, {@code >= 0}
 * @param seed the trial's seed ({@link TrialSeeds#seed})
 * @param selectiveP the selective p-value
 * @param ocP the over-conditioned p-value
 * @param naiveP the naive p-value
 * @param statistic the observed \( T \)
 * @param sigmaT \( \sigma_T \)
 * @param regionSize the number of selected pixels
 * @param pieces the linear pieces the search visited
 * @param emptyDraws the draws before this one whose region was empty (or full), redrawn
 * @param seconds the wall time of the trial (drawing, search and p-values; all its draws)
 */
@JsonPropertyOrder({"trial", "seed", "selective_p", "oc_p", "naive_p", "statistic", "sigma_t", "region_size", "pieces",
        "empty_draws", "seconds"})
public record TrialRow(
        @JsonProperty("trial") int trial,
        @JsonProperty("seed") long seed,
        @JsonProperty("selective_p") double selectiveP,
        @JsonProperty("oc_p") double ocP,
        @JsonProperty("naive_p") double naiveP,
        @JsonProperty("statistic") double statistic,
        @JsonProperty("sigma_t") double sigmaT,
        @JsonProperty("region_size") int regionSize,
        @JsonProperty("pieces") long pieces,
        @JsonProperty("empty_draws") int emptyDraws,
        @JsonProperty("seconds") double seconds) implements Serializable {

    private static final long serialVersionUID = 1L;

    /** The columns of {@link #csv()}, comma-separated. */
    public static final String CSV_HEADER =
            "trial,seed,selective_p,oc_p,naive_p,statistic,sigma_t,region_size,pieces,empty_draws,seconds";

    /**
     * @throws InvalidValueException if an index or count is negative, a p-value is outside [0, 1] or
     *     a number is not finite
     */
    @JsonCreator
    public TrialRow {
        if (trial < 0 || regionSize < 0 || pieces < 0 || emptyDraws < 0) {
            throw InvalidValueException.of("trial row %d has a negative index or count", trial);
        }
        for (double p : new double[] {selectiveP, ocP, naiveP}) {
            if (!(p >= 0 && p <= 1)) {
                throw InvalidValueException.of("trial row %d has a p-value outside [0, 1]: %s", trial, p);
            }
        }
        if (!Double.isFinite(statistic) || !(sigmaT > 0) || Double.isInfinite(sigmaT) || !(seconds >= 0)
                || Double.isInfinite(seconds)) {
            throw InvalidValueException.of("trial row %d has a non-finite statistic, sigma_t or time", trial);
        }
    }

    /**
     * @param other another row
     * @return whether the two rows agree in everything but the wall time
     */
    public boolean sameOutcome(TrialRow other) {
        return other != null && withSeconds(0).equals(other.withSeconds(0));
    }

    /**
     * @param value a wall time
     * @return a copy with that time
     */
    public TrialRow withSeconds(double value) {
        return new TrialRow(trial, seed, selectiveP, ocP, naiveP, statistic, sigmaT, regionSize, pieces, emptyDraws,
                value);
    }

    /** @return the row as CSV, in the order of {@link #CSV_HEADER}; doubles in shortest round-trip form */
    public String csv() {
        return trial + "," + seed + "," + selectiveP + "," + ocP + "," + naiveP + "," + statistic + "," + sigmaT + ","
                + regionSize + "," + pieces + "," + emptyDraws + "," + seconds;
    }
}
