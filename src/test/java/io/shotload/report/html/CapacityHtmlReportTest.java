package io.shotload.report.html;

import static io.shotload.analysis.RunFixtures.spec;
import static org.assertj.core.api.Assertions.assertThat;

import io.shotload.analysis.AnalysisSettings;
import io.shotload.analysis.CapacityAnalysis;
import io.shotload.analysis.CapacityAnalyzer;
import io.shotload.analysis.RunFixtures;
import io.shotload.run.RunData;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class CapacityHtmlReportTest {

    static final Instant GENERATED_AT = Instant.parse("2025-10-09T10:30:00Z");
    private static final String HOSTILE = "<script>alert('x')</script>&\"";

    private final CapacityAnalyzer analyzer = new CapacityAnalyzer(AnalysisSettings.defaults());

    private String render(RunData data) {
        CapacityAnalysis analysis = analyzer.analyze(data);
        return CapacityHtmlReport.render(data, analysis, GENERATED_AT);
    }

    @Test
    void reportHasEveryChart() {
        String html = render(RunFixtures.uslRun(0.8, 0.05, 0.008).build());

        for (String chart : CapacityCharts.ids()) {
            assertThat(html).as("chart %s", chart).contains("data-chart=\"" + chart + "\"");
        }
    }

    @Test
    void throughputChartShowsFitAndPeak() {
        String html = render(RunFixtures.uslRun(0.8, 0.05, 0.008).build());

        assertThat(html).contains("data-series=\"USL fit\"");
        assertThat(html).contains("N* = 10.8");
    }

    @Test
    void reportShowsVerdictAndConfig() {
        String html = render(RunFixtures.referenceRun().build());

        assertThat(html).contains("READY (exit code 0)");
        assertThat(html).contains("browser_pool.max_pool_size");
        assertThat(html).contains("ceil(10 optimal users x 1.2 headroom) = 12");
    }

    @Test
    void insufficientPercentileShowsSampleCount() {
        String html = render(RunFixtures.referenceRun().build());

        assertThat(html).containsPattern("n/a \\(1[0-9] of 368 samples\\)");
    }

    @Test
    void reportLoadsNothing() {
        String html = render(RunFixtures.referenceRun().build());

        assertThat(html).doesNotContain("<script", "<link", "<img", "<iframe", "src=", "href=", "url(", "@import");
        assertThat(html).contains("default-src 'none'");
    }

    @Test
    void runStringsAreEscaped() {
        RunData data = new RunFixtures.RunBuilder(42)
                .level(spec(HOSTILE, 1, 30, 0), 800, 0.02)
                .level(spec("light", 3, 45, 10), 850, 0.02)
                .level(spec("moderate", 6, 60, 15), 950, 0.02)
                .warning(HOSTILE)
                .build();

        String html = render(data);

        assertThat(html).doesNotContain("<script>", "alert('x')");
        assertThat(html).contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&amp;&quot;");
    }
}
