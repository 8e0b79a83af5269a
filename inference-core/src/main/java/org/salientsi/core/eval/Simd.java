package org.salientsi.core.eval;

/**
 * Whether the convolution kernels' inner loops run on explicit SIMD vectors ({@link VectorBlocks}, the
 * incubating Vector API of JDK 17) or as scalar loops.
 *
 * <p>Why by hand: the inner loop of a channel-last convolution adds products of a weight row to an
 * accumulator row, both at loop-invariant offsets into arrays of the same type; C2's auto-vectoriser in
 * JDK 17 cannot prove that two such arrays do not overlap, so it leaves the loop scalar (measured: 3 to 4
 * G multiply-adds per second per core with or without {@code -XX:-UseSuperWord}, against 9 to 10 with
 * 512-bit vectors, on this project's AVX-512 build machine). The vector loops compute the same sums in the
 * same order, so their results equal the scalar loops' bit for bit (tested), and a search's pieces, truncation
 * set and p-values do not depend on which runs.
 *
 * <p>The vector loops run when the JVM was started with {@code --add-modules jdk.incubator.vector} (the
 * {@code salientsi} launcher adds it for the commands that search) and the system property
 * {@code salientsi.simd} is not {@code false}; otherwise, and for rows shorter than one vector, the scalar
 * loops run. An incubating module makes the JVM print one warning line at start-up.
 */
final class Simd {

    /** Whether {@link VectorBlocks} is used (decided once, when this class loads). */
    static final boolean ENABLED = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent()
            && !"false".equalsIgnoreCase(System.getProperty("salientsi.simd"));

    /** Doubles per vector when {@link #ENABLED}, else {@link Integer#MAX_VALUE} (no row is long enough). */
    static final int LANES = ENABLED ? VectorBlocks.lanes() : Integer.MAX_VALUE;

    private Simd() {
    }
}
