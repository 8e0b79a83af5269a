package org.salientsi.reports.html;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PageTest {

    @Test
    void theFrameHasOneStyleSheetAndTheEscapedTitleTwice() {
        String page = Page.open("a <b> & c") + Page.close();
        assertThat(page).startsWith("<!DOCTYPE html>\n").endsWith("</body></html>\n")
                .contains("<title>a &lt;b&gt; &amp; c</title>", "<h1>a &lt;b&gt; &amp; c</h1>",
                        "<style>" + Page.STYLE + "</style>", "<meta charset=\"utf-8\">");
        assertThat(page.split("<style>", -1)).hasSize(2);
        assertThat(page).doesNotContain("<link", "http");
    }

    @Test
    void aBuiltPageEscapesItsTextAndDrawsPictureCells(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("p.html");
        new PageBuilder("T").h2("x < y").p("a & b").table(List.of("h\"", "pic"),
                List.of(List.of("1 < 2", PageBuilder.IMG_CELL + "maps/0.png"))).img("q.png", "q").write(file);
        String html = Files.readString(file, StandardCharsets.UTF_8);
        assertThat(html).startsWith(Page.open("T")).endsWith(Page.close())
                .contains("<h2>x &lt; y</h2>", "<p>a &amp; b</p>", "<th>h&quot;</th>", "<td>1 &lt; 2</td>",
                        "<td><img src=\"maps/0.png\" alt=\"\"></td>", "<img src=\"q.png\" alt=\"q\">");
    }
}
