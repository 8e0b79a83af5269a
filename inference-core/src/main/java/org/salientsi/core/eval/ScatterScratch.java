package org.salientsi.core.eval;

/**
 * Per-evaluator scratch of a scattering kernel whose outputs are accumulated in another layout than the
 * node's (a convolution accumulates channel-last, so that the outputs one changed input feeds at one
 * position are contiguous): intercept and slope changes in that layout, the keys of the touched blocks
 * in the order of their first touch, whether each key is listed, and room for one offset per input
 * channel. Owned by one
 * {@link IncrementalLineEvaluator} (kernels stay read-only and shareable).
 *
 * <p>Invariant between rounds: {@code p} and {@code q} are all zero, {@code seen} all false and
 * {@code count} is 0; the kernel restores it when it moves the changes into the node.
 */
final class ScatterScratch {

    /** Intercept changes, in the kernel's accumulation layout. */
    final double[] p;
    /** Slope changes, in the kernel's accumulation layout. */
    final double[] q;
    /** Keys of the touched blocks (the kernel defines them), in the order of their first touch. */
    final int[] keys;
    /** Per key: whether it is in {@code keys}. */
    final boolean[] seen;
    /** How many keys are listed. */
    int count;
    /** Scratch of the kernel, one offset per input channel (no invariant). */
    final int[] offsets;

    /**
     * @param values length of {@code p} and {@code q}
     * @param keys number of distinct keys
     * @param channels input channels (length of {@code offsets})
     */
    ScatterScratch(int values, int keys, int channels) {
        this.p = new double[values];
        this.q = new double[values];
        this.keys = new int[keys];
        this.seen = new boolean[keys];
        this.offsets = new int[channels];
    }
}
