package org.salientsi.reports.page;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.select.Elements;
import org.junit.jupiter.api.Test;
import org.salientsi.api.image.Image;
import org.salientsi.api.image.ImageShape;
import org.salientsi.api.image.Region;
import org.salientsi.api.interval.Interval;
import org.salientsi.api.interval.IntervalSet;
import org.salientsi.api.result.ComponentResult;
import org.salientsi.api.result.ComponentTests;
import org.salientsi.api.result.ProbabilityBounds;
import org.salientsi.api.result.SelectiveResult;
import org.salientsi.api.result.StopReason;
import org.salientsi.api.saliency.SaliencyMap;

/**
 * The components of a test page, parsed as a browser parses them: each component outlined in the SVG over the
 * image with its number and p-values, coloured by its adjusted verdict, and listed in the table.
 */
class ComponentSectionTest {

    /** An 8x8 image whose region has a 2x2 block (0), a 1x3 bar (1) and a lone pixel (2, too small). */
    private static Document page(String method) {
        int n = 8;
        boolean[] mask = new boolean[n * n];
        int[] block = {9, 10, 17, 18};
        int[] bar = {44, 45, 46};
        int[] lone = {62};
        for (int[] part : new int[][] {block, bar, lone}) {
            for (int p : part) {
                mask[p] = true;
            }
        }
        Region region = Region.of(n, n, mask);
        SelectiveResult whole = Fixtures.result("x.npy", region, 0.01, 0.2, 1e-5, 1.2, 0.3,
                IntervalSet.of(Interval.of(0.5, 3)), Interval.of(1, 1.5), Interval.of(-4, 4),
                new ProbabilityBounds(0.01, 0.01), StopReason.EXHAUSTIVE, "cam");
        SelectiveResult first = Fixtures.result("x.npy", Region.of(n, n, only(block, n)), 0.004, 0.1, 1e-6, 2.0, 0.5,
                IntervalSet.of(Interval.of(0.5, 3)), Interval.of(1, 2.5), Interval.of(-4, 4),
                new ProbabilityBounds(0.004, 0.004), StopReason.EXHAUSTIVE, "cam");
        SelectiveResult second = Fixtures.result("x.npy", Region.of(n, n, only(bar, n)), 0.3, 0.5, 0.01, 0.4, 0.6,
                IntervalSet.of(Interval.of(-2, 3)), Interval.of(0, 1), Interval.of(-4, 4),
                new ProbabilityBounds(0.3, 0.3), StopReason.EXHAUSTIVE, "cam");
        ComponentTests parts = new ComponentTests(whole, 8, 2, List.of(
                ComponentResult.tested(0, Region.of(n, n, only(block, n)), first),
                ComponentResult.tested(1, Region.of(n, n, only(bar, n)), second),
                ComponentResult.tooSmall(2, lone, n)));
        parts = parts.withFdr(new double[] {0.012, 0.45}, method, "what " + method + " guarantees");
        Image x = Fixtures.noisy("x.npy", n, 9, 1, 1, 1);
        SaliencyMap map = new SaliencyMap(n, n, new double[n * n], 0, false);
        return Jsoup.parse(TestReport.render(ReportEntry.tested(x, map, whole), null, 0.05, parts));
    }

    private static boolean[] only(int[] pixels, int n) {
        boolean[] m = new boolean[n * n];
        for (int p : pixels) {
            m[p] = true;
        }
        return m;
    }

    @Test
    void eachComponentIsOutlinedAndLabelledWithItsPValues() {
        Document doc = page("by");
        Element figure = doc.getElementById("panel-components");
        assertThat(figure).isNotNull();
        Elements paths = figure.select("svg path");
        assertThat(paths).hasSize(3);
        // a 2x2 block has 8 boundary edges, a 1x3 bar 8, a lone pixel 4: one move per edge
        assertThat(paths.get(0).attr("d").chars().filter(ch -> ch == 'M').count()).isEqualTo(8);
        assertThat(paths.get(1).attr("d").chars().filter(ch -> ch == 'M').count()).isEqualTo(8);
        assertThat(paths.get(2).attr("d").chars().filter(ch -> ch == 'M').count()).isEqualTo(4);
        assertThat(paths.get(2).attr("stroke-dasharray")).isNotEmpty();
        // significant after adjustment (0.012 <= 0.05): red; not (0.45): amber; too small: grey
        assertThat(paths.eachAttr("stroke")).containsExactly("#e0201a", "#f0b400", "#9a9a9a");
        assertThat(figure.select("svg text").eachText()).containsExactly("#0 p=0.00400 fdr=0.0120",
                "#1 p=0.300 fdr=0.450", "#2 too small");
        assertThat(figure.selectFirst("svg image").attr("href")).startsWith("data:image/png;base64,");
    }

    @Test
    void theTableListsEveryComponentAndNamesTheAdjustment() {
        Document doc = page("bh");
        Elements rows = doc.select("#components tr");
        assertThat(rows).hasSize(4);
        assertThat(rows.get(0).text()).contains("adjusted p (bh)");
        assertThat(rows.get(1).text()).contains("0.01200", "significant").doesNotContain("not significant");
        assertThat(rows.get(2).text()).contains("not significant");
        assertThat(rows.get(3).text()).contains("too small, not tested");
        assertThat(doc.text()).contains("what bh guarantees");
    }
}
