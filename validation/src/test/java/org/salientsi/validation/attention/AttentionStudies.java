package org.salientsi.validation.attention;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.apache.commons.math3.distribution.BinomialDistribution;
import org.salientsi.api.ir.Network;
import org.salientsi.api.spi.Parameters;
import org.salientsi.core.plugin.Plugins;
import org.salientsi.core.search.Termination;
import org.salientsi.core.statistic.ReferenceMeanStatistic;

/**
 * The attention studies' shared setting: the exported ViT of a size, the {@code attention} method (class token,
 * last block, mean over heads), {@code top-k:16} (the most attended 4 x 4 patch: the patches are 4 px at both
 * sizes), {@code ref-mean} against one reference, sigma 1, two-sided, certified search to {@code hi - lo <= 0.01}
 * and the grid of the paper's density.
 */
final class AttentionStudies {

    /** The selector: one patch of 4 x 4 pixels. */
    static final String SELECTOR = "top-k:16";

    private AttentionStudies() {
    }

    /**
     * @param size 16 or 32
     * @param timeLimit one search's time limit
     * @param withGrid whether to run the grid approximation too
     * @return the study
     */
    static AttentionStudy study(int size, Duration timeLimit, boolean withGrid) {
        return study(size, Termination.precision(0.01), timeLimit, withGrid);
    }

    static AttentionStudy study(int size, Termination rule, Duration timeLimit, boolean withGrid) {
        Network net = VitFixtures.network(size);
        Plugins plugins = Plugins.load();
        return new AttentionStudy(net, plugins.method("attention", net, Parameters.empty()),
                plugins.selector(SELECTOR), new ReferenceMeanStatistic(), rule, timeLimit,
                withGrid ? GridApproximation.paper() : null);
    }

    /** @return the largest rejection count at 0.05 of n null p-values within a two-sided band at level gamma */
    static long upperBand(int n, double gamma) {
        return new BinomialDistribution(null, n, 0.05).inverseCumulativeProbability(1 - gamma / 2);
    }

    /** @return the table of studies by label */
    static String table(List<String> labels, List<AttentionSummary> summaries) {
        StringBuilder sb = new StringBuilder(AttentionSummary.header()).append('\n');
        for (int i = 0; i < labels.size(); i++) {
            sb.append(summaries.get(i).rows(labels.get(i)));
        }
        for (int i = 0; i < labels.size(); i++) {
            sb.append('\n').append(summaries.get(i).notes(labels.get(i))).append('\n');
        }
        return sb.toString();
    }

    /** Writes a report under {@code target/validity/} when {@code target} exists. */
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
