package org.salientsi.methods.validity;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.salientsi.api.ir.Network;
import org.salientsi.api.spi.Parameters;
import org.salientsi.core.eval.CompiledNetwork;
import org.salientsi.core.plugin.Plugins;
import org.salientsi.core.search.Selection;

/**
 * Null and power studies of any method, selector and statistic (resolved by name among the installed
 * plugins, as the command line resolves them), and the checks of a null study.
 */
final class MethodStudy {

    private static final Plugins PLUGINS = Plugins.load();

    /** One configuration: method (with options), selector, statistic. */
    record Config(String method, Parameters options, String selector, String statistic) {
        static Config of(String method, String selector, String statistic, String... options) {
            Parameters p = Parameters.empty();
            for (int i = 0; i + 1 < options.length; i += 2) {
                p = p.with(options[i], options[i + 1]);
            }
            return new Config(method, p, selector, statistic);
        }

        Selection selection(Network net) {
            return new Selection(CompiledNetwork.compile(net), PLUGINS.method(method, net, options),
                    PLUGINS.selector(selector), PLUGINS.statistic(statistic, Parameters.empty()));
        }

        String label() {
            String m = options.get("m").map(v -> " m=" + v).orElse("");
            return method + m + " + " + selector + " / " + statistic;
        }
    }

    private MethodStudy() {
    }

    /**
     * Checks a null study at {@code level} each: selective and OC rejection counts at 0.05 in the binomial
     * acceptance band, their KS p-values against uniform above the level, and (when {@code inflated}) the
     * naive rejection count above the band.
     *
     * @return a table row: label, selective rate, KS p, OC rate, KS p, naive rate, pieces per p-value,
     *     seconds per p-value, redrawn
     */
    static String assertValidNullStudy(Config c, NullStudy.Outcome o, int trials, double level, boolean inflated) {
        int[] band = NullStudy.binomialBand(trials, 0.05, level);
        int sel = o.rejections(o.selective(), 0.05);
        int oc = o.rejections(o.oc(), 0.05);
        int naive = o.rejections(o.naive(), 0.05);
        double ksSel = o.ks(o.selective());
        double ksOc = o.ks(o.oc());
        String row = String.format(Locale.ROOT, "| %s | %.3f | %.3f | %.3f | %.3f | %.3f | %.1f | %.3f | %d |",
                c.label(), sel / (double) trials, ksSel, oc / (double) trials, ksOc, naive / (double) trials,
                o.pieces() / (double) trials, o.seconds() / trials, o.redrawn());
        assertThat(sel).as("%s selective rejections (band %s)", c.label(), java.util.Arrays.toString(band))
                .isBetween(band[0], band[1]);
        assertThat(ksSel).as("%s selective KS p", c.label()).isGreaterThan(level);
        assertThat(oc).as("%s OC rejections (band %s)", c.label(), java.util.Arrays.toString(band))
                .isBetween(band[0], band[1]);
        assertThat(ksOc).as("%s OC KS p", c.label()).isGreaterThan(level);
        if (inflated) {
            assertThat(naive).as("%s naive rejections above the band %s", c.label(), java.util.Arrays.toString(band))
                    .isGreaterThan(band[1]);
        }
        return row;
    }

    /** The header of the null-study table. */
    static String nullHeader() {
        return "| method + selector / statistic | selective rate | KS p | OC rate | KS p | naive rate | pieces/p "
                + "| s/p | redrawn |\n|---|---|---|---|---|---|---|---|---|";
    }

    /** Writes a report under {@code target/validity/} (for the closing note) and prints it. */
    static void report(String name, String text) throws IOException {
        System.out.println(text);
        Path dir = Path.of("target", "validity");
        Files.createDirectories(dir);
        Files.writeString(dir.resolve(name), text);
    }
}
