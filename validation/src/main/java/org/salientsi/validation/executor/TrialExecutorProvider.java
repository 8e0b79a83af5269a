package org.salientsi.validation.executor;

import org.salientsi.api.spi.Parameters;
import org.salientsi.api.spi.Plugin;

/**
 * Provides a {@link TrialExecutor}; listed in
 * {@code META-INF/services/org.salientsi.validation.executor.TrialExecutorProvider}. The lowest rank
 * ({@code local}) is the default.
 */
public interface TrialExecutorProvider extends Plugin {

    /** Option: the number of trials run at once ({@code --threads}). */
    String OPTION_THREADS = "threads";

    /**
     * @param options executor options ({@value #OPTION_THREADS}, and the executor's own)
     * @return a new executor; the caller closes it
     */
    TrialExecutor create(Parameters options);
}
