package org.salientsi.sanity.mask;

/**
 * Agreement of one saliency map with one mask.
 *
 * @param iou {@code |P and M| / |P or M|}
 * @param iop {@code |P and M| / |P|} (precision)
 * @param iot {@code |P and M| / |M|} (recall)
 * @param pointingHit whether the map's maximum (first in row-major order) lies in the mask
 * @param rankAccuracy fraction of the top-{@code |M|} pixels (ties by lower index) inside the mask
 * @param predictedSize {@code |P|}
 * @param maskSize {@code |M|}
 */
public record MaskScores(double iou, double iop, double iot, boolean pointingHit, double rankAccuracy,
                         int predictedSize, int maskSize) {

    /** The score names, in the order of {@link #values()}. */
    public static final String[] NAMES = {"iou", "iop", "iot", "pointing", "rank_accuracy"};

    /** @return iou, iop, iot, pointing (0/1) and rank accuracy */
    public double[] values() {
        return new double[] {iou, iop, iot, pointingHit ? 1 : 0, rankAccuracy};
    }
}
