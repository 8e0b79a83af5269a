package org.salientsi.methods.attention;

import org.salientsi.api.error.ShapeMismatchException;

/**
 * The square grid of image patches behind a Vision Transformer's tokens: {@code N = 1 + side * side} tokens
 * (token 0 the class token, then the patches in row-major order), each patch covering
 * {@code patchHeight x patchWidth} pixels of a {@code height x width} image.
 *
 * @param side patches per row and per column, {@code >= 1}
 * @param height image rows, a multiple of {@code side}
 * @param width image columns, a multiple of {@code side}
 */
record PatchGrid(int side, int height, int width) {

    /**
     * @param tokens the attention's token count {@code N}
     * @param height image rows
     * @param width image columns
     * @param node the attention node's name (for messages)
     * @return the grid
     * @throws ShapeMismatchException if {@code N - 1} is not a positive square or the image's sides are not
     *     multiples of the grid's
     */
    static PatchGrid of(int tokens, int height, int width, String node) {
        int patches = tokens - 1;
        int side = (int) Math.round(Math.sqrt(Math.max(patches, 0)));
        if (patches < 1 || side * side != patches) {
            throw new ShapeMismatchException("attention node '" + node + "' has " + tokens + " tokens: the class "
                    + "token and " + patches + " patches, which is not a square grid of patches");
        }
        if (height % side != 0 || width % side != 0) {
            throw new ShapeMismatchException("attention node '" + node + "' has a " + side + "x" + side
                    + " grid of patches, which does not divide the " + height + "x" + width + " image into "
                    + "equal patches");
        }
        return new PatchGrid(side, height, width);
    }

    /** @return the number of patches, {@code side * side} */
    int patches() {
        return side * side;
    }

    /**
     * Spreads per-patch values over the pixels.
     *
     * @param tokens per-token values; token {@code 1 + r * side + c} is patch {@code (r, c)}
     * @param out receives the {@code height * width} pixel values (row-major)
     */
    void expand(double[] tokens, double[] out) {
        int ph = height / side;
        int pw = width / side;
        for (int y = 0; y < height; y++) {
            int rowBase = 1 + (y / ph) * side;
            for (int x = 0; x < width; x++) {
                out[y * width + x] = tokens[rowBase + x / pw];
            }
        }
    }
}
