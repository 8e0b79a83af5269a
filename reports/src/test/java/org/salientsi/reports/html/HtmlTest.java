package org.salientsi.reports.html;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HtmlTest {

    @Test
    void escapesTheFiveCharactersThatEndTextOrAnAttribute() {
        assertThat(Html.escape("a<b>&\"c'")).isEqualTo("a&lt;b&gt;&amp;&quot;c&#39;");
    }

    @Test
    void leavesOtherTextAsItIsAndNullAsEmpty() {
        String plain = "p = 0.05, z-line (units of T) \u00e9";
        assertThat(Html.escape(plain)).isEqualTo(plain);
        assertThat(Html.escape(null)).isEmpty();
    }

    @Test
    void escapesAnAmpersandOnceSoThatEntitiesInInputStayVisible() {
        assertThat(Html.escape("&lt;")).isEqualTo("&amp;lt;");
    }

    @Test
    void aPictureElementEscapesItsSourceAndAlternative() {
        assertThat(Html.img("a\"b.png", "x<y")).isEqualTo("<img src=\"a&quot;b.png\" alt=\"x&lt;y\">");
    }
}
