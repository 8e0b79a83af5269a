package org.salientsi.reports.page;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import javax.imageio.ImageIO;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.select.Elements;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.salientsi.api.error.InvalidValueException;
import org.salientsi.api.result.SelectiveResult;
import org.salientsi.reports.html.Numbers;
import org.salientsi.reports.picture.SignMode;

/** The pages parsed as a browser parses them: the verdict, the panels, the legends and colour bars, the links. */
class PagesParseTest {

    private static final String DATA_PNG = "data:image/png;base64,";
    /** The 64 px page at alpha 0.05, rendered once: the pages of 64 px images take a while to draw. */
    private static Document narrow;

    private static synchronized Document narrow() {
        if (narrow == null) {
            narrow = Jsoup.parse(TestReport.render(Fixtures.narrow64(), null));
        }
        return narrow;
    }

    private static BufferedImage picture(Element figure) throws Exception {
        Element img = figure.selectFirst("img");
        assertThat(img).as("picture of %s", figure.id()).isNotNull();
        String src = img.attr("src");
        assertThat(src).startsWith(DATA_PNG);
        BufferedImage png = ImageIO.read(new ByteArrayInputStream(Base64.getDecoder().decode(
                src.substring(DATA_PNG.length()))));
        assertThat(png).as("PNG of %s", figure.id()).isNotNull();
        return png;
    }

    /** The verdict alone, as the page writes it (drawing the whole page for it takes a while). */
    private static Element verdict(ReportEntry e, double alpha) {
        return Jsoup.parseBodyFragment(TestReport.verdict(e.result(), alpha)).getElementById("verdict");
    }

    @Test
    void theTestPageStatesTheVerdictAtTheGivenAlpha() {
        Element v = narrow().getElementById("verdict");
        assertThat(v.classNames()).contains("verdict", "keep");
        assertThat(v.attr("data-alpha")).isEqualTo("0.05");
        assertThat(v.text()).startsWith("Not significant at alpha = 0.05: selective p = 0.1521 > 0.05");
        assertThat(narrow().select("#p-values tr.sel td").get(3).text()).isEqualTo("not significant");
        Element at02 = verdict(Fixtures.narrow64(), 0.2);
        assertThat(at02.classNames()).contains("reject");
        assertThat(at02.text()).startsWith("Significant at alpha = 0.2").contains("differs from the reference");
        assertThatThrownBy(() -> TestReport.render(Fixtures.narrow64(), null, 1.0))
                .isInstanceOf(InvalidValueException.class).hasMessageContaining("alpha");
    }

    @Test
    void anEarlyStopIsDecidedOnItsBoundsAndUndecidedWhenTheyStraddleAlpha() {
        Element rejected = verdict(Fixtures.early16(), 0.05);
        assertThat(rejected.classNames()).contains("reject");
        assertThat(rejected.text()).contains("between 0.01100 and 0.04200", "stopped early, decision");
        Element open = verdict(Fixtures.early16(), 0.03);
        assertThat(open.classNames()).contains("undecided");
        assertThat(open.text()).startsWith("Undecided at alpha = 0.03").contains("decision:0.03");
        assertThat(verdict(Fixtures.early16(), 0.01).classNames()).contains("keep");
        assertThat(Jsoup.parse(TestReport.render(Fixtures.early16(), null)).select("#p-values tr.sel").text())
                .contains("[0.01100, 0.04200] stopped early");
    }

    @Test
    void theTestPageShowsEveryPanelAsAPicture() throws Exception {
        Document d = narrow();
        for (String id : List.of("panel-x", "panel-r", "panel-diff", "panel-overlay", "panel-map", "panel-positive",
                "panel-negative", "panel-absolute", "panel-zline", "panel-zoom")) {
            Element f = d.getElementById(id);
            assertThat(f).as(id).isNotNull();
            assertThat(picture(f).getWidth()).as(id).isGreaterThan(100);
        }
        int selected = Fixtures.narrow64().result().regionSize();
        assertThat(d.getElementById("panel-x").text()).contains(selected + " of 4096 pixels", "outlined in green");
        assertThat(d.getElementById("panel-diff").text()).contains("X - R", "T = ref-mean over the region = 0.3249");
        assertThat(d.select("figure").size()).isEqualTo(10);
    }

    @Test
    void everyMapHasAColourBarWithItsEndsAndUnit() {
        ReportEntry e = Fixtures.narrow64();
        Document d = narrow();
        double[] s = e.map().values();
        for (String id : List.of("panel-overlay", "panel-map")) {
            Element bar = d.getElementById(id).selectFirst(".cbar");
            assertThat(bar).as(id).isNotNull();
            assertThat(bar.select(".cbar-ticks span").eachText()).as(id).containsExactly(
                    Numbers.g3(-SignMode.ALL.scale(s)), "0", Numbers.g3(SignMode.ALL.scale(s)));
            assertThat(bar.selectFirst(".cbar-unit").text()).isEqualTo("saliency (cam), logit units of the target");
            assertThat(bar.selectFirst(".cbar-strip").attr("style")).contains("#2166ac 0.0%", "#f7f7f7 50.0%",
                    "#b2182b 100.0%");
        }
        // the blob's map is 1 - 0.3 at its peak and -0.3 far from it
        assertThat(d.getElementById("panel-positive").select(".cbar-ticks span").eachText())
                .containsExactly("0.00", "0.700");
        assertThat(d.getElementById("panel-negative").select(".cbar-ticks span").eachText())
                .containsExactly("0.00", "0.300");
        assertThat(d.getElementById("panel-diff").selectFirst(".cbar-unit").text()).isEqualTo("X - R, image units");
    }

    @Test
    void theZLineHasALegendOfEveryMark() {
        Element legend = narrow().getElementById("legend-zline");
        assertThat(legend.select(".swatch")).hasSize(5);
        assertThat(legend.text()).contains("Z: where the selection equals the observed one", "OC piece",
                "T: the observed statistic", "search range ends", "null density");
    }

    @Test
    void aResultWithoutARegionShowsItsMapAndNoPValue() throws Exception {
        Document d = Jsoup.parse(TestReport.render(Fixtures.noRegion(), null));
        Element v = d.getElementById("verdict");
        assertThat(v.classNames()).contains("none");
        assertThat(v.text()).startsWith("Nothing salient to test: the selector selected no pixel");
        assertThat(picture(d.getElementById("panel-map")).getWidth()).isGreaterThan(100);
        assertThat(d.getElementById("panel-overlay")).isNotNull();
        assertThat(d.getElementById("panel-zline")).isNull();
        assertThat(d.getElementById("p-values")).isNull();
        assertThat(d.text()).doesNotContain("selective p =");
    }

    @Test
    void theBatchFolderLinksEveryImageToItsPageAndBack(@TempDir Path dir) throws Exception {
        List<ReportEntry> entries = List.of(Fixtures.early16().withBhP(0.04), Fixtures.noRegion(),
                ReportEntry.failed("bad.npy", null, "NaN pixel"));
        Path index = new BatchReport("b").writeFolder(dir, entries);
        Document d = Jsoup.parse(index.toFile(), "UTF-8");
        Elements links = d.select("#images a[href]");
        assertThat(links.eachText()).containsExactly("early.npy", "null-0.npy", "bad.npy");
        for (Element a : links) {
            Path page = dir.resolve(a.attr("href"));
            assertThat(page).exists();
            Document p = Jsoup.parse(page.toFile(), "UTF-8");
            assertThat(p.select("a[href]").first().attr("href")).isEqualTo("index.html");
            assertThat(p.title()).isEqualTo("SalientSI test: " + a.text());
        }
    }

    @Test
    void theBatchPageHasTheHistogramTheQqPlotAndTheBhDecisions() throws Exception {
        List<ReportEntry> entries = List.of(Fixtures.narrow64().withBhP(0.30), Fixtures.early16().withBhP(0.04),
                Fixtures.noRegion(), ReportEntry.failed("bad.npy", null, "NaN pixel"));
        Document d = Jsoup.parse(new BatchReport("b").render(entries, i -> null));
        assertThat(picture(d.getElementById("plot-histogram")).getWidth()).isEqualTo(640);
        assertThat(picture(d.getElementById("plot-qq")).getWidth()).isEqualTo(640);
        assertThat(d.getElementById("plot-qq").text()).contains("diagonal");
        assertThat(d.getElementById("summary").text()).isEqualTo("4 images: 2 tested, 1 with nothing salient to "
                + "test, 1 failed; selective p ≤ 0.05: 1; Benjamini-Hochberg discoveries at false discovery rate "
                + "q = 0.05: 1 of 2.");
        Elements rows = d.select("#images tbody tr");
        assertThat(rows).hasSize(4);
        int decision = d.select("#images thead th").eachText().indexOf("BH at q = 0.05");
        assertThat(decision).isPositive();
        assertThat(rows.get(0).child(decision).text()).isEqualTo("-");
        assertThat(rows.get(1).child(decision).text()).isEqualTo("discovery");
        assertThat(rows.get(2).select("td.none").text()).startsWith("nothing salient to test");
        assertThat(rows.get(2).select("img[alt=saliency map over the input]")).hasSize(1);
        assertThat(rows.get(3).select("td.err").text()).isEqualTo("NaN pixel");
        Document q10 = Jsoup.parse(new BatchReport("b").alpha(0.5).render(entries, i -> null));
        assertThat(q10.select("#images tbody tr").get(0).child(decision).text()).isEqualTo("discovery");
    }

    @Test
    void aBatchWithoutPValuesHasNoPlots() {
        Document d = Jsoup.parse(new BatchReport("b").render(List.of(Fixtures.noRegion()), i -> null));
        assertThat(d.getElementById("plot-histogram")).isNull();
        assertThat(d.getElementById("summary").text()).startsWith("1 image: 0 tested, 1 with nothing salient");
    }

    @Test
    void theComparisonPageWarnsFirstAndDecidesOnTheHolmColumn() throws Exception {
        SelectiveResult r = Fixtures.early16().result();
        List<ComparisonRow> rows = List.of(
                new ComparisonRow("cam", "threshold:0", Fixtures.narrow64(), 0.3042),
                new ComparisonRow("gradcam", "top-k:20", Fixtures.early16(), 0.053),
                new ComparisonRow("gradient", "threshold:0", Fixtures.noRegion(), null),
                new ComparisonRow("occlusion", "threshold:0", ReportEntry.failed("x", null, "not piecewise linear"),
                        null));
        Document d = Jsoup.parse(ComparisonReport.render("c", rows, 0.05));
        Element warning = d.body().child(1);
        assertThat(warning.id()).as("the warning comes right after the title").isEqualTo("warning");
        assertThat(warning.text()).contains("valid only for a method and selector chosen before seeing the data",
                "Holm-adjusted");
        Elements trs = d.select("#comparison tbody tr");
        assertThat(trs).hasSize(4);
        assertThat(trs.get(0).child(0).text() + " " + trs.get(0).child(1).text()).isEqualTo("cam threshold:0");
        assertThat(trs.get(1).text()).contains(Numbers.g4(r.selectiveP()), "[0.01100, 0.04200]", "0.05300",
                "not significant");
        assertThat(trs.get(2).text()).contains("nothing salient to test");
        assertThat(trs.get(3).select("td.err").text()).isEqualTo("not piecewise linear");
        assertThat(picture(trs.get(0).child(2)).getWidth()).isGreaterThan(100);
        assertThat(d.getElementById("summary").text()).contains("4 methods and selectors, 2 with a p-value",
                "after Holm's adjustment: 0");
        assertThat(d.getElementById("panel-x")).isNotNull();
        assertThat(d.getElementById("panel-r")).isNotNull();
    }

    @Test
    void pagesAreSelfContained() {
        for (String html : List.of(narrow().outerHtml(),
                new BatchReport("b").render(List.of(Fixtures.early16()), i -> null),
                ComparisonReport.render("c", List.of(new ComparisonRow("cam", "top-k:5", Fixtures.early16(), 0.1)),
                        0.05))) {
            Document d = Jsoup.parse(html);
            assertThat(d.select("img").eachAttr("src")).isNotEmpty().allMatch(s -> s.startsWith(DATA_PNG));
            assertThat(d.select("link, script[src], iframe")).isEmpty();
        }
    }
}
