package org.salientsi.cli.command;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The model to load. */
public final class ModelOptions {

    @Option(names = "--model", required = true, paramLabel = "FILE",
            description = "Model file (required): Keras HDF5 (.h5), DL4J (.zip) or ONNX (.onnx); a CNN of "
                    + "piecewise-linear layers (conv, dense, ReLU, max/average pooling, ...).")
    Path model;

    @Option(names = "--backend", paramLabel = "NAME",
            description = "Backend that opens the model: dl4j or onnx (see 'salientsi list'). Default: chosen by "
                    + "the model's file type.")
    String backend;

    @Option(names = "--image-shape", paramLabel = "HxW[xC]",
            description = "Image shape in pixels, height x width [x channels], for models that do not record it "
                    + "(DL4J zips) or whose size is dynamic (ONNX), e.g. 28x28 or 32x32x3. Default: the model's own.")
    String imageShape;

    @Option(names = "--backend-option", paramLabel = "KEY=VALUE",
            description = "Option for the backend (repeatable), e.g. dtype=float for DL4J. Default: none.")
    java.util.Map<String, String> backendOptions = new java.util.TreeMap<>();

    @Option(names = "--debug", description = "Print the stack trace of an error (default: one line).")
    boolean debug;

    /** @return the options passed to the backend */
    org.salientsi.api.spi.Parameters parameters() {
        org.salientsi.api.spi.Parameters p = org.salientsi.api.spi.Parameters.of(backendOptions);
        if (imageShape != null) {
            org.salientsi.core.engine.TestSpec.parse("image-shape",
                    () -> org.salientsi.api.image.ImageShape.parse(imageShape));
            p = p.with(org.salientsi.api.backend.ModelBackend.OPTION_IMAGE_SHAPE, imageShape);
        }
        return p;
    }
}
