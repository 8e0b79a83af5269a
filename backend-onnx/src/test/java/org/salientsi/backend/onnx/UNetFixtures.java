package org.salientsi.backend.onnx;

import java.nio.file.Path;
import java.util.List;

/**
 * The U-Nets with transposed convolutions made by {@code src/test/python/make_unet_fixtures.py} (8, 16 and
 * 32 px), in {@code src/test/resources/segmentation/} with their torch logits and a manifest.
 */
final class UNetFixtures {

    private UNetFixtures() {
    }

    /** @return the folder of the U-Net fixtures */
    static Path dir() {
        return Fixtures.dir().resolveSibling("segmentation");
    }

    /** @return the U-Net models, smallest first */
    static List<Path> models() {
        return List.of(dir().resolve("unet_8.onnx"), dir().resolve("unet_16.onnx"), dir().resolve("unet_32.onnx"));
    }
}
