package org.salientsi.validation.batch;

import org.salientsi.api.spi.Parameters;
import org.salientsi.api.spi.PluginRegistry;

/** The installed batch executors, found through {@link java.util.ServiceLoader}. */
public final class ImageBatchExecutors {

    private ImageBatchExecutors() {
    }

    /** @return the batch executors on the class path */
    public static PluginRegistry<ImageBatchExecutorProvider> load() {
        return PluginRegistry.load(ImageBatchExecutorProvider.class, "batch executor");
    }

    /**
     * @param name an executor's name ({@code spark})
     * @param options its options
     * @return a new executor
     * @throws org.salientsi.api.error.UnknownPluginException if no installed batch executor has that name (the
     *     message lists the installed ones)
     */
    public static ImageBatchExecutor create(String name, Parameters options) {
        return load().get(name.trim()).create(options);
    }
}
