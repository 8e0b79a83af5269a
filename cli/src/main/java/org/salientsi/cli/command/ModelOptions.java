package org.salientsi.cli.command;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The model to load. */
public final class ModelOptions {

    @Option(names = "--model", required = true, paramLabel = "FILE",
            description = "Model file: Keras HDF5 (.h5), DL4J (.zip) or ONNX (.onnx).")
    Path model;

    @Option(names = "--backend", paramLabel = "NAME",
            description = "Backend that opens the model (see 'salientsi list'); default: chosen by file type.")
    String backend;

    @Option(names = "--debug", description = "Print stack traces of errors.")
    boolean debug;
}
