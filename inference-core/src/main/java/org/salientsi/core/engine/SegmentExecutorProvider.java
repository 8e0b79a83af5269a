package org.salientsi.core.engine;

import org.salientsi.api.backend.LoadedModel;
import org.salientsi.api.spi.Parameters;
import org.salientsi.api.spi.Plugin;
import org.salientsi.api.spi.PluginRegistry;
import org.salientsi.core.search.SegmentExecutor;

/**
 * Makes a {@link SegmentExecutor} that walks the segments of one model's searches elsewhere (a cluster),
 * found through {@link java.util.ServiceLoader} by its {@link #name()}: {@code salientsi test --executor
 * NAME}. The executor gets the model and the specification because executors on other machines rebuild
 * the selection from them (the model's IR, the plugins by name); it is closed by its caller.
 */
public interface SegmentExecutorProvider extends Plugin {

    /** @return the installed segment executors (besides the local one, which is built in) */
    static PluginRegistry<SegmentExecutorProvider> load() {
        return PluginRegistry.load(SegmentExecutorProvider.class, "segment executor");
    }

    /**
     * @param model the loaded model (on the driver; it stays the caller's)
     * @param spec the test's specification
     * @param options the executor's options ({@code --executor-option KEY=VALUE})
     * @return the executor
     * @throws org.salientsi.api.error.InvalidInputException for an option it does not know or a bad value
     */
    SegmentExecutor create(LoadedModel model, TestSpec spec, Parameters options);
}
