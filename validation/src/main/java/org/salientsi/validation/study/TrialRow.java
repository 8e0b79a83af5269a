package org.salientsi.validation.study;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.io.Serializable;
import org.salientsi.api.error.InvalidValueException;

/**
 * The outcome of one trial: one line of the study's JSONL checkpoint and one row of its CSV.
 * Everything but {@code seconds} is a function of the study and the trial's index.
 *
 * <p>A trial's search is {@value #EXACT} (a piecewise-linear network: the exact selective p-value and an
 * OC p-value) or {@value #CERTIFIED} (a network with smooth ops: certified bounds
 * {@code [pLower, selectiveP]} on the selective p-value, their midpoint, and no OC p-value). A certified
 * trial's {@code selectiveP} is the upper bound, the valid (conservative) p-value every verdict uses.
 * Checkpoint lines written before certified searches existed have no {@code search}: they are exact.
 *
 * @param trial the trial's index, {@code >= 0}
 * @param seed the trial's seed ({@link TrialSeeds#seed})
 * @param selectiveP the selective p-value; for a certified search its upper bound
 * @param ocP the over-conditioned p-value; {@code null} exactly when the search is certified
 * @param naiveP the naive p-value
 * @param statistic the observed \( T \)
 * @param sigmaT \( \sigma_T \)
 * @param regionSize the number of selected pixels
 * @param pieces the linear pieces the search visited (for a certified search what it reports as pieces)
 * @param emptyDraws the draws before this one whose region was empty (or full), redrawn
 * @param seconds the wall time of the trial (drawing, search and p-values; all its draws)
 * @param search {@value #EXACT} or {@value #CERTIFIED}; {@code null} reads as {@value #EXACT} unless bounds
 *     are given
 * @param pLower the certified lower bound on the selective p-value, in {@code [0, selectiveP]}; {@code null}
 *     exactly when the search is exact
 * @param pMidpoint {@code (pLower + selectiveP) / 2}, a point estimate that never decides; {@code null}
 *     exactly when the search is exact
 */
@JsonPropertyOrder({"trial", "seed", "selective_p", "oc_p", "naive_p", "statistic", "sigma_t", "region_size", "pieces",
        "empty_draws", "seconds", "search", "p_lower", "p_midpoint"})
public record TrialRow(
        @JsonProperty("trial") int trial,
        @JsonProperty("seed") long seed,
        @JsonProperty("selective_p") double selectiveP,
        @JsonProperty("oc_p") Double ocP,
        @JsonProperty("naive_p") double naiveP,
        @JsonProperty("statistic") double statistic,
        @JsonProperty("sigma_t") double sigmaT,
        @JsonProperty("region_size") int regionSize,
        @JsonProperty("pieces") long pieces,
        @JsonProperty("empty_draws") int emptyDraws,
        @JsonProperty("seconds") double seconds,
        @JsonProperty("search") String search,
        @JsonProperty("p_lower") @JsonInclude(JsonInclude.Include.NON_NULL) Double pLower,
        @JsonProperty("p_midpoint") @JsonInclude(JsonInclude.Include.NON_NULL) Double pMidpoint)
        implements Serializable {

    private static final long serialVersionUID = 2L;

    /** {@link #search()} of a trial whose search walked the linear pieces: exact p-values. */
    public static final String EXACT = "exact";
    /** {@link #search()} of a trial whose search certified segments: p-value bounds. */
    public static final String CERTIFIED = "certified";

    /**
     * The columns of {@link #csv()}, comma-separated: the original eleven, then {@code search},
     * {@code p_lower} and {@code p_midpoint} (empty for exact trials).
     */
    public static final String CSV_HEADER = "trial,seed,selective_p,oc_p,naive_p,statistic,sigma_t,region_size,pieces,"
            + "empty_draws,seconds,search,p_lower,p_midpoint";

    /**
     * @throws InvalidValueException if an index or count is negative, a p-value is outside [0, 1], a number
     *     is not finite, the search is neither exact nor certified, an exact row has bounds or no OC
     *     p-value, or a certified row has an OC p-value or bounds out of order
     */
    @JsonCreator
    public TrialRow {
        if (search == null) {
            search = pLower == null && pMidpoint == null ? EXACT : CERTIFIED;
        }
        if (trial < 0 || regionSize < 0 || pieces < 0 || emptyDraws < 0) {
            throw InvalidValueException.of("trial row %d has a negative index or count", trial);
        }
        boolean certified = switch (search) {
            case EXACT -> false;
            case CERTIFIED -> true;
            default -> throw InvalidValueException.of("trial row %d has search '%s'; expected %s or %s", trial,
                    search, EXACT, CERTIFIED);
        };
        if (certified ? ocP != null || pLower == null || pMidpoint == null
                : ocP == null || pLower != null || pMidpoint != null) {
            throw InvalidValueException.of(certified
                    ? "trial row %d is certified: it needs p_lower and p_midpoint and no oc_p"
                    : "trial row %d is exact: it needs oc_p and no p_lower or p_midpoint", trial);
        }
        for (Double p : new Double[] {selectiveP, ocP, naiveP, pLower, pMidpoint}) {
            if (p != null && !(p >= 0 && p <= 1)) {
                throw InvalidValueException.of("trial row %d has a p-value outside [0, 1]: %s", trial, p);
            }
        }
        if (certified && !(pLower <= pMidpoint && pMidpoint <= selectiveP)) {
            throw InvalidValueException.of("trial row %d has bounds out of order: p_lower %s, p_midpoint %s, "
                    + "selective_p (upper) %s", trial, pLower, pMidpoint, selectiveP);
        }
        if (!Double.isFinite(statistic) || !(sigmaT > 0) || Double.isInfinite(sigmaT) || !(seconds >= 0)
                || Double.isInfinite(seconds)) {
            throw InvalidValueException.of("trial row %d has a non-finite statistic, sigma_t or time", trial);
        }
    }

    /**
     * A row of an exact search.
     *
     * @param trial the trial's index
     * @param seed the trial's seed
     * @param selectiveP the selective p-value
     * @param ocP the OC p-value
     * @param naiveP the naive p-value
     * @param statistic T
     * @param sigmaT sigma_T
     * @param regionSize selected pixels
     * @param pieces linear pieces visited
     * @param emptyDraws redrawn empty draws
     * @param seconds wall time
     */
    public TrialRow(int trial, long seed, double selectiveP, double ocP, double naiveP, double statistic,
                    double sigmaT, int regionSize, long pieces, int emptyDraws, double seconds) {
        this(trial, seed, selectiveP, Double.valueOf(ocP), naiveP, statistic, sigmaT, regionSize, pieces, emptyDraws,
                seconds, EXACT, null, null);
    }

    /**
     * A row of a certified search.
     *
     * @param trial the trial's index
     * @param seed the trial's seed
     * @param pLower the lower bound on the selective p-value
     * @param pUpper the upper bound (the valid p-value, stored as {@code selectiveP})
     * @param pMidpoint their midpoint
     * @param naiveP the naive p-value
     * @param statistic T
     * @param sigmaT sigma_T
     * @param regionSize selected pixels
     * @param pieces what the search reports as pieces
     * @param emptyDraws redrawn empty draws
     * @param seconds wall time
     * @return the row
     */
    public static TrialRow certified(int trial, long seed, double pLower, double pUpper, double pMidpoint,
                                     double naiveP, double statistic, double sigmaT, int regionSize, long pieces,
                                     int emptyDraws, double seconds) {
        return new TrialRow(trial, seed, pUpper, null, naiveP, statistic, sigmaT, regionSize, pieces, emptyDraws,
                seconds, CERTIFIED, pLower, pMidpoint);
    }

    /** @return whether the trial's search was certified (bounds, no OC p-value) */
    @JsonIgnore
    public boolean isCertified() {
        return CERTIFIED.equals(search);
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
                value, search, pLower, pMidpoint);
    }

    /**
     * @return the row as CSV, in the order of {@link #CSV_HEADER}; doubles in shortest round-trip form, an
     *     absent value empty
     */
    public String csv() {
        return trial + "," + seed + "," + selectiveP + "," + text(ocP) + "," + naiveP + "," + statistic + ","
                + sigmaT + "," + regionSize + "," + pieces + "," + emptyDraws + "," + seconds + "," + search + ","
                + text(pLower) + "," + text(pMidpoint);
    }

    private static String text(Double v) {
        return v == null ? "" : v.toString();
    }
}
