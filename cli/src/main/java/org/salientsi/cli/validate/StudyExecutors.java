package org.salientsi.cli.validate;

import java.util.Map;
import org.salientsi.api.error.InvalidInputException;
import org.salientsi.cli.run.ExecutorOptions;
import org.salientsi.validation.executor.TrialExecutor;
import org.salientsi.validation.executor.TrialExecutors;

/** The trial executor of {@code validate} and {@code paper}, from their {@code --executor} options. */
public final class StudyExecutors {

    private StudyExecutors() {
    }

    /**
     * @param name an executor's name ({@code --executor})
     * @param threads trials at once ({@code --threads}), or {@code null} for the executor's default
     * @param options more options ({@code --executor-option})
     * @return the executor
     * @throws InvalidInputException for fewer than one thread, or an executor or option it does not know
     */
    public static TrialExecutor open(String name, Integer threads, Map<String, String> options) {
        return TrialExecutors.create(name, ExecutorOptions.parameters(threads, options));
    }
}
