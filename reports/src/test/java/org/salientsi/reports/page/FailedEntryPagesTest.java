package org.salientsi.reports.page;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.salientsi.reports.html.Page;

/** The test and batch pages of images that failed: their names and errors escaped, in the one frame. */
class FailedEntryPagesTest {

    private static final ReportEntry FAILED = ReportEntry.failed("a<b>.npy", null, "bad \"pixel\" & <row 0>");

    @Test
    void theBatchPageListsAFailedImageWithItsEscapedError() {
        String html = new BatchReport("batch & co").render(List.of(FAILED), i -> null);
        assertThat(html).startsWith(Page.open("batch & co")).endsWith(Page.close())
                .contains("1 image: 0 tested, 1 failed.", "data-v=\"a&lt;b&gt;.npy\">a&lt;b&gt;.npy</td>",
                        "<td class=\"l err\">bad &quot;pixel&quot; &amp; &lt;row 0&gt;</td>")
                .doesNotContain("<row 0>", "Provenance");
    }

    @Test
    void theTestPageOfAFailedImageSaysWhyAndLinksBack() {
        String html = TestReport.render(FAILED, "index.html");
        assertThat(html).startsWith(Page.open("SalientSI test: a<b>.npy"))
                .contains("<a href=\"index.html\">&larr; all images of the batch</a>",
                        "<p class=\"err\">No p-value: bad &quot;pixel&quot; &amp; &lt;row 0&gt;</p>");
    }

    @Test
    void aFolderHasAnIndexAndOnePageNamedSafelyPerImage(@TempDir Path dir) throws Exception {
        Path index = new BatchReport("b").writeFolder(dir, List.of(FAILED));
        assertThat(index).isEqualTo(dir.resolve("index.html"));
        assertThat(BatchReport.pageName(0, "a<b>.npy")).isEqualTo("0001-a_b_.npy.html");
        assertThat(dir.resolve("0001-a_b_.npy.html")).exists();
        assertThat(Files.readString(index)).contains("<a href=\"0001-a_b_.npy.html\">a&lt;b&gt;.npy</a>");
    }

    @Test
    void anEntryIsEitherAResultOrAnError() {
        assertThatThrownBy(() -> new ReportEntry("x", null, null, null, null, null, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("either a result or an error");
    }
}
