package org.salientsi.methods.selector;

/**
 * Per-thread working arrays of the selectors, grown on demand (selectors are shared across threads
 * and see maps of one size per search, so the arrays are allocated once per thread and size).
 */
final class SelectorScratch {

    private static final ThreadLocal<SelectorScratch> LOCAL = ThreadLocal.withInitial(SelectorScratch::new);

    private double[][] doubles = new double[4][0];
    private int[][] ints = new int[2][0];

    private SelectorScratch() {
    }

    /** @return this thread's scratch */
    static SelectorScratch get() {
        return LOCAL.get();
    }

    /**
     * @param slot which array (0 to 3)
     * @param n length needed
     * @return an array of at least {@code n} doubles (contents unspecified)
     */
    double[] doubles(int slot, int n) {
        if (doubles[slot].length < n) {
            doubles[slot] = new double[n];
        }
        return doubles[slot];
    }

    /**
     * @param slot which array (0 or 1)
     * @param n length needed
     * @return an array of at least {@code n} ints (contents unspecified)
     */
    int[] ints(int slot, int n) {
        if (ints[slot].length < n) {
            ints[slot] = new int[n];
        }
        return ints[slot];
    }
}
