package io.shotload.report.html;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HtmlTest {

    @Test
    void escapeReplacesMarkupCharacters() {
        assertThat(Html.escape("<a href=\"x\" title='y'>&</a>"))
                .isEqualTo("&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;");
    }

    @Test
    void escapeKeepsPlainText() {
        assertThat(Html.escape("heavy_load 10 users, p95 2089 ms")).isEqualTo("heavy_load 10 users, p95 2089 ms");
    }

    @Test
    void escapeTurnsNullIntoEmpty() {
        assertThat(Html.escape(null)).isEmpty();
    }

    @Test
    void escapeIsNotIdempotentOnAmpersands() {
        assertThat(Html.escape("&amp;")).isEqualTo("&amp;amp;");
    }
}
