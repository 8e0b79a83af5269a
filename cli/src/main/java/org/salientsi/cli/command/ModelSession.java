package org.salientsi.cli.command;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.salientsi.api.backend.LoadedModel;
import org.salientsi.api.backend.ModelBackend;
import org.salientsi.api.backend.ModelBackendProvider;
import org.salientsi.api.error.InvalidInputException;
import org.salientsi.api.image.ImageShape;
import org.salientsi.api.ir.Network;
import org.salientsi.api.result.Provenance;
import org.salientsi.api.saliency.SaliencyMethod;
import org.salientsi.api.spi.Parameters;
import org.salientsi.cli.context.CliContext;
import org.salientsi.core.engine.TestEngine;
import org.salientsi.core.engine.TestSpec;
import org.salientsi.core.eval.CompiledNetwork;
import org.salientsi.core.plugin.Plugins;
import org.salientsi.core.search.Selection;

/** A loaded model and what the commands build on it. */
final class ModelSession implements AutoCloseable {

    private final CliContext context;
    private final LoadedModel model;
    private final String backendLabel;

    private ModelSession(CliContext context, LoadedModel model, String backendLabel) {
        this.context = context;
        this.model = model;
        this.backendLabel = backendLabel;
    }

    static ModelSession open(CliContext context, ModelOptions options) throws IOException {
        context.setDebug(options.debug);
        Path file = options.model;
        if (!Files.exists(file)) {
            throw new InvalidInputException("model file not found: " + file);
        }
        ModelBackendProvider provider = context.plugins().backendFor(file, options.backend);
        ModelBackend backend = provider.backend();
        LoadedModel model = backend.load(file, options.parameters());
        return new ModelSession(context, model, backend.name() + " " + backend.version());
    }

    LoadedModel model() {
        return model;
    }

    Provenance provenance() {
        return Provenance.empty().withModel(model.sha256(), backendLabel);
    }

    Network network(ImageShape shape) {
        return model.network(shape);
    }

    SaliencyMethod method(Network network, SelectionOptions options) {
        return context.plugins().method(options.method, network, options.methodParameters());
    }

    Selection selection(ImageShape shape, SelectionOptions options, boolean hasReference) {
        Plugins plugins = context.plugins();
        Network network = network(shape);
        return new Selection(CompiledNetwork.compile(network), method(network, options),
                plugins.selector(options.selector),
                plugins.statistic(options.statisticName(hasReference), Parameters.empty()));
    }

    /**
     * @param settings the test's options
     * @return a runner of tests on this model
     */
    TestEngine engine(TestSpec spec) {
        return TestEngine.create(context.plugins(), model, backendLabel, spec);
    }

    @Override
    public void close() {
        model.close();
    }
}
