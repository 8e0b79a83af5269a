package org.salientsi.validation;

import java.nio.file.Path;
import org.salientsi.validation.executor.LocalTrialExecutor;
import org.salientsi.validation.executor.TrialExecutor;
import org.salientsi.validation.run.StudyListener;
import org.salientsi.validation.run.StudyRunner;
import org.salientsi.validation.study.ModelSource;
import org.salientsi.validation.study.Study;

/**
 * The child JVM of {@link KillResumeTest}: runs {@link #study} with a checkpoint until it is killed.
 * Arguments: the model file, the checkpoint file, the trial count.
 */
public final class ResumeChild {

    private ResumeChild() {
    }

    /**
     * @param model the model file
     * @param trials the trial count
     * @return the study both JVMs run
     */
    static Study study(Path model, int trials) {
        return Study.of(ModelSource.of(model)).withTrials(trials).withSeed(4242);
    }

    /**
     * @param args model file, checkpoint file, trial count
     */
    public static void main(String[] args) {
        try (TrialExecutor pool = new LocalTrialExecutor(1)) {
            StudyRunner.run(study(Path.of(args[0]), Integer.parseInt(args[2])), pool, Path.of(args[1]),
                    StudyListener.NONE);
        }
    }
}
