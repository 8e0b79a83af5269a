package org.salientsi.cli.command;

import org.salientsi.cli.run.ExecutorOptions;
import org.salientsi.api.backend.LoadedModel;
import org.salientsi.api.error.InvalidInputException;
import org.salientsi.api.result.StopReason;
import org.salientsi.api.spi.Parameters;
import org.salientsi.core.engine.SegmentExecutorProvider;
import org.salientsi.core.engine.TestSpec;
import org.salientsi.core.search.SegmentExecutor;

/**
 * The executor of the segments of {@code test}'s search, from its {@code --executor} options: none for
 * {@code local} (the search walks on {@code --search-threads}), else an installed
 * {@link SegmentExecutorProvider} ({@code spark}: the segments as Spark tasks).
 */
final class SearchExecutors {

    private SearchExecutors() {
    }

    /**
     * @param options the command's executor options
     * @param model the loaded model
     * @param spec the test's specification
     * @return the executor (the caller closes it), or {@code null} for the local search
     * @throws InvalidInputException for executor options with the local executor, a search that stops early
     *     or has a time limit on another executor, an unknown executor or option
     */
    static SegmentExecutor open(ExecutorOptions options, LoadedModel model, TestSpec spec) {
        String name = options.name();
        if (name.equalsIgnoreCase("local")) {
            if (!options.options().isEmpty()) {
                throw new InvalidInputException("--executor-option " + options.options().keySet().iterator().next()
                        + " is for --executor spark; the local search takes --search-threads");
            }
            return null;
        }
        if (spec.termination().reason() != StopReason.EXHAUSTIVE) {
            throw new InvalidInputException("--executor " + name + " walks exhaustive searches as segments; "
                    + "--termination " + spec.termination() + " stops early, on one machine (drop one of them)");
        }
        if (spec.timeLimit() != null) {
            throw new InvalidInputException("--executor " + name + " walks exhaustive searches to their end; "
                    + "--max-seconds is for the local search");
        }
        return SegmentExecutorProvider.load().get(name).create(model, spec, Parameters.of(options.options()));
    }
}
