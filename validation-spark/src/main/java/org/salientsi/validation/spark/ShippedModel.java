package org.salientsi.validation.spark;

import java.io.Serializable;
import java.util.Objects;
import org.salientsi.api.backend.LoadedModel;
import org.salientsi.api.backend.ModelBackendProvider;
import org.salientsi.api.error.InvalidValueException;
import org.salientsi.api.image.Image;
import org.salientsi.api.image.ImageShape;
import org.salientsi.api.ir.Network;
import org.salientsi.api.saliency.SaliencyMethodProvider;
import org.salientsi.api.selection.RegionSelectorProvider;
import org.salientsi.api.spi.PluginRegistry;
import org.salientsi.api.statistic.TestStatisticProvider;
import org.salientsi.core.plugin.Plugins;

/**
 * A model as it travels to a cluster's executors: its IR for the study's image shape, compiled once on
 * the driver by the model's backend, with the backend's name and the model file's SHA-256. An executor
 * tests with it as it is: it opens no model file, loads no backend and no native library, and needs no
 * shared disk. It has no native runtime, so {@link #predict} is refused (the selective test never calls
 * it).
 *
 * @param backend the name of the backend that compiled the model (as {@link LoadedModel#backend()})
 * @param sha256 the model file's SHA-256, lower-case hex
 * @param imageShape the shape of the images the network takes (channels last)
 * @param network the IR for {@code imageShape}
 */
public record ShippedModel(String backend, String sha256, ImageShape imageShape, Network network)
        implements LoadedModel, Serializable {

    private static final long serialVersionUID = 1L;

    /**
     * @throws InvalidValueException if the network's input is not an image of {@code imageShape}
     */
    public ShippedModel {
        Objects.requireNonNull(backend, "backend");
        Objects.requireNonNull(sha256, "sha256");
        Objects.requireNonNull(imageShape, "imageShape");
        Objects.requireNonNull(network, "network");
        var in = network.inputShape();
        if (in.channels() != imageShape.channels() || in.height() != imageShape.height()
                || in.width() != imageShape.width()) {
            throw InvalidValueException.of("the shipped network takes %s inputs, not %s images", in, imageShape);
        }
    }

    /**
     * Compiles a loaded model for one image shape.
     *
     * @param model a model loaded by its backend, on the driver
     * @param shape the images' shape (the model's own, or another for a fully convolutional model)
     * @return the model as it travels
     * @throws org.salientsi.api.error.ShapeMismatchException if the model cannot take {@code shape}
     */
    public static ShippedModel compile(LoadedModel model, ImageShape shape) {
        return new ShippedModel(model.backend(), model.sha256(), shape, model.network(shape));
    }

    /**
     * The plugins an executor uses with a shipped model: the saliency methods, selectors and statistics on
     * the class path, and no model backend.
     *
     * @return the plugins
     */
    public static Plugins executorPlugins() {
        return new Plugins(PluginRegistry.empty(ModelBackendProvider.class, "backend"),
                PluginRegistry.load(SaliencyMethodProvider.class, "saliency method"),
                PluginRegistry.load(RegionSelectorProvider.class, "selector"),
                PluginRegistry.load(TestStatisticProvider.class, "statistic"));
    }

    @Override
    public double[] predict(Image image) {
        throw new UnsupportedOperationException("a model shipped to a Spark executor has no native runtime");
    }

    @Override
    public void close() {
        // nothing native to release
    }
}
