package io.shotload.report.html;

import static org.assertj.core.api.Assertions.assertThat;

import io.shotload.report.html.SvgChart.Axis;
import io.shotload.report.html.SvgChart.Series;
import io.shotload.report.html.SvgChart.Style;
import org.junit.jupiter.api.Test;

class SvgChartTest {

    @Test
    void axisRoundsToNiceSteps() {
        Axis axis = Axis.of(0, 15.75);

        assertThat(axis.step()).isEqualTo(5.0);
        assertThat(axis.max()).isEqualTo(20.0);
        assertThat(axis.ticks()).containsExactly(0.0, 5.0, 10.0, 15.0, 20.0);
    }

    @Test
    void lineSeriesBecomesPath() {
        String svg = new SvgChart("c", "t", "x", "y")
                .add(new Series("line", "#000000", Style.LINE, new double[] {1, 2, 3}, new double[] {1, 4, 9}))
                .render();

        assertThat(svg).contains("<path class=\"series\" data-series=\"line\" d=\"M");
        assertThat(svg).contains("data-chart=\"c\"");
    }

    @Test
    void nonFiniteValuesAreSkipped() {
        String svg = new SvgChart("c", "t", "x", "y")
                .add(new Series("p", "#000000", Style.POINTS, new double[] {1, 2, 3},
                        new double[] {1, Double.NaN, 3}))
                .render();

        assertThat(svg.split("<circle", -1)).hasSize(3);
        assertThat(svg).doesNotContain("NaN");
    }

    @Test
    void emptyChartSaysNoData() {
        assertThat(new SvgChart("c", "t", "x", "y").render()).contains(">no data</text>");
    }

    @Test
    void labelsAreEscaped() {
        String svg = new SvgChart("c\"", "<t>", "x & y", "'y'")
                .add(new Series("<s>", "#000\"", Style.LINE, new double[] {1, 2}, new double[] {1, 2}))
                .render();

        assertThat(svg).doesNotContain("<t>", "<s>", "c\"\"", "x & y", "#000\"");
        assertThat(svg).contains("&lt;t&gt;", "&lt;s&gt;", "x &amp; y", "&#39;y&#39;");
    }
}
