package org.salientsi.validation.executor;

import org.salientsi.api.spi.Parameters;
import org.salientsi.api.spi.PluginRegistry;

/** The installed trial executors, found through {@link java.util.ServiceLoader}. */
public final class TrialExecutors {

    private TrialExecutors() {
    }

    /** @return the executors on the class path */
    public static PluginRegistry<TrialExecutorProvider> load() {
        return PluginRegistry.load(TrialExecutorProvider.class, "executor");
    }

    /**
     * @param name an executor's name ({@code local}, {@code spark}), or {@code null} for the default
     * @param options its options
     * @return a new executor
     * @throws org.salientsi.api.error.UnknownPluginException if no installed executor has that name
     *     (the message lists the installed ones)
     */
    public static TrialExecutor create(String name, Parameters options) {
        PluginRegistry<TrialExecutorProvider> registry = load();
        TrialExecutorProvider provider = name == null || name.isBlank() ? registry.defaultProvider()
                : registry.get(name.trim());
        return provider.create(options);
    }
}
