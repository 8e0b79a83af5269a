package org.salientsi.core.search;

/**
 * Sees a search as it goes: each piece it walks (its side, its ends in z from T outward, whether it lies
 * in the truncation set) and each segment it certifies out of or into the truncation set without walking
 * it. For tests that study the search, and for progress. Calls come from the thread that walks, in the
 * order of the walk; a search with an observer walks on one thread.
 */
public interface SearchObserver {

    /**
     * @param leftSide whether the piece is on the walk below T
     * @param from the end nearer to T
     * @param to the end farther from T
     * @param matched whether the piece lies in the truncation set
     */
    void piece(boolean leftSide, double from, double to, boolean matched);

    /**
     * A segment ruled out of the truncation set without walking it.
     *
     * @param leftSide whether it is on the walk below T
     * @param from the end nearer to T
     * @param to the end farther from T
     */
    default void skipped(boolean leftSide, double from, double to) {
    }

    /**
     * A segment certified into the truncation set without walking it.
     *
     * @param leftSide whether it is on the walk below T
     * @param from the end nearer to T
     * @param to the end farther from T
     */
    default void included(boolean leftSide, double from, double to) {
    }
}
