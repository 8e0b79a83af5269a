package org.salientsi.validation.batch;

import org.salientsi.api.spi.Parameters;
import org.salientsi.api.spi.Plugin;

/**
 * Provides an {@link ImageBatchExecutor}; listed in
 * {@code META-INF/services/org.salientsi.validation.batch.ImageBatchExecutorProvider}.
 */
public interface ImageBatchExecutorProvider extends Plugin {

    /**
     * @param options the executor's options ({@code --executor-option KEY=VALUE})
     * @return a new executor; the caller closes it
     * @throws org.salientsi.api.error.InvalidInputException for an option it does not know or cannot take
     */
    ImageBatchExecutor create(Parameters options);
}
