package org.salientsi.validation.segmentation;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import org.apache.commons.math3.distribution.BinomialDistribution;
import org.salientsi.validation.executor.TrialExecutor;
import org.salientsi.validation.generate.ImageGenerator;
import org.salientsi.validation.run.StudyListener;
import org.salientsi.validation.run.StudyOutcome;
import org.salientsi.validation.run.StudyRunner;
import org.salientsi.validation.study.ModelSource;
import org.salientsi.validation.study.Study;
import org.salientsi.validation.summary.PValueStats;

/** Null and signal studies of the segmentation method on the U-Net fixtures, and their table rows. */
final class SegmentationStudies {

    private SegmentationStudies() {
    }

    /**
     * @param size the U-Net's image side
     * @param statistic {@code ref-mean} or {@code contrast}
     * @param delta the signal block's shift (0 for the null)
     * @param trials p-values
     * @param seed master seed
     * @param pool the executor
     * @return the study's outcome ({@code segmentation}, {@code threshold:0}, sigma 1, exhaustive search)
     */
    static StudyOutcome run(int size, String statistic, double delta, int trials, long seed, TrialExecutor pool) {
        Study study = Study.of(ModelSource.of(UNetFixtures.unet(size))).withMethod("segmentation", Map.of())
                .withSelector("threshold:0").withStatistic(statistic).withGenerator(ImageGenerator.signal(delta))
                .withTrials(trials).withSeed(seed);
        return StudyRunner.run(study, pool, null, StudyListener.NONE);
    }

    /**
     * @return the acceptance band {@code [lo, hi]} of the rejection count at 0.05 under the null, at
     *     {@code level} (split equally)
     */
    static long[] band(int trials, double level) {
        BinomialDistribution b = new BinomialDistribution(null, trials, 0.05);
        return new long[] {b.inverseCumulativeProbability(level / 2), b.inverseCumulativeProbability(1 - level / 2)};
    }

    /** @return the markdown header of {@link #row} */
    static String header() {
        return "| U-Net | statistic | delta | trials | selective rate [95% CP] | KS p | OC rate | naive rate | "
                + "empty draws | pieces/p | ms/p |\n|---|---|---|---|---|---|---|---|---|---|---|";
    }

    /** @return one markdown row of a study */
    static String row(int size, String statistic, double delta, StudyOutcome o) {
        PValueStats sel = o.stats().selective();
        double[] ci = sel.rateInterval(0.95);
        long trials = o.stats().trials();
        return String.format(Locale.ROOT, "| %d px | %s | %s | %d | %.4f [%.4f, %.4f] | %.3f | %.4f | %.4f | %d | %.1f "
                        + "| %.1f |", size, statistic, delta, trials, sel.rejectionRate(), ci[0], ci[1], sel.ksP(),
                o.stats().oc().rejectionRate(), o.stats().naive().rejectionRate(), o.stats().emptyDraws(),
                o.stats().pieces() / (double) trials, 1000 * o.stats().trialSeconds() / trials);
    }

    /** Writes a report under {@code target/validity/} when that folder's parent exists. */
    static void report(String file, String text) {
        Path target = Path.of("target");
        if (!Files.isDirectory(target)) {
            return;
        }
        try {
            Files.createDirectories(target.resolve("validity"));
            Files.writeString(target.resolve("validity").resolve(file), text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
