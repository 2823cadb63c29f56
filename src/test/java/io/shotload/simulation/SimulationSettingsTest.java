package io.shotload.simulation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.shotload.analysis.InvalidSettingException;
import io.shotload.plan.InvalidPlanException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SimulationSettingsTest {

    @Test
    void defaultsStartEmbeddedStubWithDefaultPlan() {
        SimulationSettings settings = SimulationSettings.from(new Properties());

        assertThat(settings.plan().name()).isEqualTo("default");
        assertThat(settings.embeddedStub()).isTrue();
        assertThat(settings.backend()).isEqualTo("mock");
        assertThat(settings.resultsDir()).isEqualTo(Path.of("gatling-results"));
        assertThat(settings.reportsDir()).isEqualTo(Path.of("gatling-results", "reports"));
        assertThat(settings.failOn()).isEqualTo(SimulationSettings.FailOn.CRITICAL);
    }

    @Test
    void baseUrlLosesTrailingSlash() {
        SimulationSettings settings = SimulationSettings.from(properties("shotload.baseUrl", "http://127.0.0.1:8080/"));

        assertThat(settings.baseUrl()).isEqualTo(URI.create("http://127.0.0.1:8080"));
        assertThat(settings.embeddedStub()).isFalse();
    }

    @Test
    void invalidBaseUrlsAreRejected() {
        String[][] cases = {
            {"ftp://127.0.0.1/", "scheme must be http or https"},
            {"127.0.0.1:8080", "scheme must be http or https"},
            {"http://", "not a valid URI"},
            {"http://user:secret@127.0.0.1:8080", "credentials"},
            {"http://127.0.0.1:8080/?a=b", "query or fragment"},
            {"http://127.0.0.1:80 80", "not a valid URI"},
        };
        for (String[] testCase : cases) {
            assertThatThrownBy(() -> SimulationSettings.from(properties("shotload.baseUrl", testCase[0])))
                    .as(testCase[0])
                    .isInstanceOf(InvalidSettingException.class)
                    .hasMessageContaining("shotload.baseUrl = \"" + testCase[0] + "\"")
                    .hasMessageContaining(testCase[1]);
        }
    }

    @Test
    void unknownBackendIsRejected() {
        assertThatThrownBy(() -> SimulationSettings.from(properties("shotload.backend", "firefox")))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessageContaining("shotload.backend = \"firefox\"")
                .hasMessageContaining("mock, chromium");
    }

    @Test
    void unknownFailOnIsRejected() {
        assertThatThrownBy(() -> SimulationSettings.from(properties("shotload.failOn", "sometimes")))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessageContaining("shotload.failOn = \"sometimes\"")
                .hasMessageContaining("never, critical or warning");
    }

    @Test
    void failOnMapsExitCodes() {
        assertThat(SimulationSettings.FailOn.NEVER.fails(2)).isFalse();
        assertThat(SimulationSettings.FailOn.CRITICAL.fails(1)).isFalse();
        assertThat(SimulationSettings.FailOn.CRITICAL.fails(2)).isTrue();
        assertThat(SimulationSettings.FailOn.WARNING.fails(0)).isFalse();
        assertThat(SimulationSettings.FailOn.WARNING.fails(1)).isTrue();
    }

    @Test
    void missingStubConfigIsRejected(@TempDir Path folder) {
        Path missing = folder.resolve("absent.json");

        assertThatThrownBy(() -> SimulationSettings.from(properties("shotload.stubConfig", missing.toString())))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessageContaining("shotload.stubConfig = \"" + missing + "\"");
    }

    @Test
    void stubConfigWithBaseUrlIsRejected(@TempDir Path folder) throws Exception {
        Path config = Files.writeString(folder.resolve("stub.json"), "{}");
        Properties properties = properties("shotload.stubConfig", config.toString());
        properties.setProperty("shotload.baseUrl", "http://127.0.0.1:9");

        assertThatThrownBy(() -> SimulationSettings.from(properties))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessageContaining("give only one of them");
    }

    @Test
    void chromiumBackendWithBaseUrlIsRejected() {
        Properties properties = properties("shotload.backend", "chromium");
        properties.setProperty("shotload.baseUrl", "http://127.0.0.1:9");

        assertThatThrownBy(() -> SimulationSettings.from(properties))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessageContaining("shotload.backend = chromium")
                .hasMessageContaining("shotload.baseUrl = http://127.0.0.1:9");
    }

    @Test
    void invalidThresholdIsRejected() {
        assertThatThrownBy(() -> SimulationSettings.from(properties("shotload.maxErrorRatePercent", "lots")))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessageContaining("shotload.maxErrorRatePercent")
                .hasMessageContaining("lots");
    }

    @Test
    void thresholdReachesAnalysisSettings() {
        SimulationSettings settings = SimulationSettings.from(properties("shotload.poolHeadroom", "1.5"));

        assertThat(settings.analysis().poolHeadroom()).isEqualTo(1.5);
    }

    @Test
    void openValidationIsOffByDefault() {
        SimulationSettings.OpenValidation validation = SimulationSettings.from(new Properties()).openValidation();

        assertThat(validation.enabled()).isFalse();
        assertThat(validation.durationSeconds()).isEqualTo(60);
        assertThat(validation.maxArrivalRatePerSecond()).isEqualTo(50.0);
    }

    @Test
    void openValidationSettingsAreRead() {
        Properties properties = properties("shotload.validate", "open");
        properties.setProperty("shotload.validateSeconds", "20");
        properties.setProperty("shotload.validateMaxRate", "12.5");

        SimulationSettings.OpenValidation validation = SimulationSettings.from(properties).openValidation();

        assertThat(validation.enabled()).isTrue();
        assertThat(validation.durationSeconds()).isEqualTo(20);
        assertThat(validation.maxArrivalRatePerSecond()).isEqualTo(12.5);
    }

    @Test
    void invalidOpenValidationSettingsAreRejected() {
        assertThatThrownBy(() -> SimulationSettings.from(properties("shotload.validate", "closed")))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessageContaining("shotload.validate = \"closed\"; expected none or open");
        assertThatThrownBy(() -> SimulationSettings.from(properties("shotload.validateSeconds", "0")))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessageContaining("shotload.validateSeconds = 0; expected a whole number 1..3600");
        assertThatThrownBy(() -> SimulationSettings.from(properties("shotload.validateMaxRate", "fast")))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessageContaining("shotload.validateMaxRate = \"fast\"");
    }

    @Test
    void invalidPlanFailsBeforeAnythingRuns() {
        assertThatThrownBy(() -> SimulationSettings.from(properties("shotload.plan", "no-such-plan")))
                .isInstanceOf(InvalidPlanException.class);
    }

    private static Properties properties(String key, String value) {
        Properties properties = new Properties();
        properties.setProperty(key, value);
        return properties;
    }
}
