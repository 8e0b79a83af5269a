package org.salientsi.cli.validate;

import java.util.Map;
import org.salientsi.api.error.InvalidInputException;
import org.salientsi.api.spi.Parameters;
import org.salientsi.validation.executor.TrialExecutor;
import org.salientsi.validation.executor.TrialExecutorProvider;
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
        Parameters p = Parameters.of(options);
        if (threads != null) {
            if (threads < 1) {
                throw new InvalidInputException("--threads must be >= 1, got " + threads);
            }
            p = p.with(TrialExecutorProvider.OPTION_THREADS, threads.toString());
        }
        return TrialExecutors.create(name, p);
    }
}
