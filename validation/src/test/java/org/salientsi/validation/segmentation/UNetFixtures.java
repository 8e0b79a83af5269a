package org.salientsi.validation.segmentation;

import java.nio.file.Path;

/** The U-Net fixtures of backend-onnx ({@code src/test/python/make_unet_fixtures.py}). */
final class UNetFixtures {

    private UNetFixtures() {
    }

    /**
     * @param size the image side: 8, 16 or 32
     * @return the ONNX file of the U-Net for that size
     */
    static Path unet(int size) {
        Path fixtures = Path.of(System.getProperty("salientsi.onnxFixtures",
                "../backend-onnx/src/test/resources/fixtures"));
        return fixtures.resolveSibling("segmentation").resolve("unet_" + size + ".onnx");
    }
}
