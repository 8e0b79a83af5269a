package org.salientsi.validation.summary;

import java.io.Serializable;
import org.salientsi.validation.study.TrialRow;

/**
 * Accumulates trial rows: the count, the redrawn empty regions, pieces and region sizes, the summed
 * trial wall times, and the selective, OC and naive p-values; for trials of a certified search (no OC
 * p-value) the lower bounds and midpoints of their p-value bounds, whose upper ends are the selective
 * p-values. Mutable and not thread-safe: one per
 * thread or partition, then {@link #merge} (associative and commutative in everything
 * {@link #snapshot()} compares); serialisable, so Spark can return it from a partition.
 */
public final class StudyAccumulator implements Serializable {

    private static final long serialVersionUID = 1L;

    private final double alpha;
    private final PValueAccumulator selective;
    private final PValueAccumulator oc;
    private final PValueAccumulator naive;
    private final PValueAccumulator lower;
    private final PValueAccumulator midpoint;
    private long trials;
    private long certifiedTrials;
    private long emptyDraws;
    private long pieces;
    private long regionPixels;
    private double trialSeconds;

    /**
     * @param alpha the significance level in (0, 1)
     */
    public StudyAccumulator(double alpha) {
        this.alpha = alpha;
        this.selective = new PValueAccumulator(alpha);
        this.oc = new PValueAccumulator(alpha);
        this.naive = new PValueAccumulator(alpha);
        this.lower = new PValueAccumulator(alpha);
        this.midpoint = new PValueAccumulator(alpha);
    }

    /**
     * @param alpha the significance level
     * @param rows trial rows
     * @return an accumulator holding them
     */
    public static StudyAccumulator of(double alpha, Iterable<TrialRow> rows) {
        StudyAccumulator a = new StudyAccumulator(alpha);
        for (TrialRow r : rows) {
            a.add(r);
        }
        return a;
    }

    /**
     * @param row a trial's row
     * @return this
     */
    public StudyAccumulator add(TrialRow row) {
        selective.add(row.selectiveP());
        if (row.isCertified()) {
            lower.add(row.pLower());
            midpoint.add(row.pMidpoint());
            certifiedTrials++;
        } else {
            oc.add(row.ocP());
        }
        naive.add(row.naiveP());
        trials++;
        emptyDraws += row.emptyDraws();
        pieces += row.pieces();
        regionPixels += row.regionSize();
        trialSeconds += row.seconds();
        return this;
    }

    /**
     * @param other an accumulator with the same alpha
     * @return this, holding both
     */
    public StudyAccumulator merge(StudyAccumulator other) {
        selective.merge(other.selective);
        oc.merge(other.oc);
        naive.merge(other.naive);
        lower.merge(other.lower);
        midpoint.merge(other.midpoint);
        trials += other.trials;
        certifiedTrials += other.certifiedTrials;
        emptyDraws += other.emptyDraws;
        pieces += other.pieces;
        regionPixels += other.regionPixels;
        trialSeconds += other.trialSeconds;
        return this;
    }

    /** @return the number of trials */
    public long trials() {
        return trials;
    }

    /** @return the significance level */
    public double alpha() {
        return alpha;
    }

    /** @return an immutable snapshot */
    public StudyStats snapshot() {
        return new StudyStats(alpha, trials, emptyDraws, pieces, regionPixels, trialSeconds, selective.snapshot(),
                oc.snapshot(), naive.snapshot(), certifiedTrials, lower.snapshot(), midpoint.snapshot());
    }
}
