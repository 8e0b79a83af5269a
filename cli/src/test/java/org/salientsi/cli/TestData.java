package org.salientsi.cli;

import java.net.URISyntaxException;
import java.nio.file.Path;
import org.salientsi.server.TestImages;

/** Models and images the cli tests share. */
public final class TestData {

    private TestData() {
    }

    /**
     * @param resource a class-path resource
     * @return its file
     */
    public static Path resource(String resource) {
        try {
            var url = TestData.class.getResource(resource);
            if (url == null) {
                throw new IllegalStateException("missing test resource " + resource);
            }
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * @param size 8, 16, 32 or 64
     * @return the paper's Keras model for that image size (copied into the build by the cli's pom)
     */
    public static Path paperModel(int size) {
        return resource("/org/salientsi/cli/demo/paper/model_" + size + ".h5");
    }

    /**
     * @param name a file of cli/src/test/resources/models
     * @return its path
     */
    public static Path model(String name) {
        return resource("/models/" + name);
    }

    /**
     * @param seed the seed
     * @param size the side
     * @param channels channels
     * @param delta the block's shift
     * @return the values of {@link TestImages#image}, HWC
     */
    public static double[] image(long seed, int size, int channels, double delta) {
        return TestImages.image(seed, size, channels, delta);
    }

    /**
     * @param file destination
     * @param seed seed
     * @param size side
     * @param delta block shift
     * @return the file of {@link TestImages#writeGrey}
     */
    public static Path writeGrey(Path file, long seed, int size, double delta) {
        return TestImages.writeGrey(file, seed, size, delta);
    }

    /**
     * @param file destination
     * @param shape shape
     * @param values C-order values
     * @return the file of {@link TestImages#write}
     */
    public static Path write(Path file, int[] shape, double[] values) {
        return TestImages.write(file, shape, values);
    }
}
