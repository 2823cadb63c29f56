package io.shotload.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class AnalysisSettingsTest {

    @Test
    void settingsMatchRecordComponents() {
        // The compact constructor checks values by position, so the enum must follow the record's order.
        String[] components = Arrays.stream(AnalysisSettings.class.getRecordComponents())
                .map(RecordComponent::getName).toArray(String[]::new);
        String[] properties = Arrays.stream(Setting.values())
                .map(setting -> setting.property().substring(Setting.PROPERTY_PREFIX.length())).toArray(String[]::new);

        assertThat(properties).containsExactly(components);
    }

    @Test
    void defaultsComeFromConstants() {
        AnalysisSettings defaults = AnalysisSettings.defaults();

        for (Setting setting : Setting.values()) {
            assertThat(setting.valueIn(defaults)).as(setting.flag()).isEqualTo(setting.defaultValue());
        }
        assertThat(defaults.maxErrorRatePercent()).isEqualTo(20.0);
        assertThat(defaults.maxAvgResponseMs()).isEqualTo(8000.0);
        assertThat(defaults.minStability()).isEqualTo(0.3);
        assertThat(defaults.poolHeadroom()).isEqualTo(1.2);
    }

    @Test
    void propertiesUseCamelCase() {
        Properties properties = new Properties();
        properties.setProperty("shotload.maxErrorRatePercent", "25");
        properties.setProperty("shotload.cpuLimitPercent", "150");

        AnalysisSettings settings = AnalysisSettings.fromProperties(properties);

        assertThat(settings.maxErrorRatePercent()).isEqualTo(25.0);
        assertThat(settings.cpuLimitPercent()).isEqualTo(150);
        assertThat(settings.minStability()).isEqualTo(AnalysisDefaults.MIN_STABILITY);
    }

    @Test
    void badPropertyNamesValueAndRange() {
        Properties properties = new Properties();
        properties.setProperty("shotload.minStability", "1.5");

        assertThatThrownBy(() -> AnalysisSettings.fromProperties(properties))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessageContaining("-Dshotload.minStability = \"1.5\"")
                .hasMessageContaining("0..1");
    }

    @Test
    void integerSettingRejectsFraction() {
        Properties properties = new Properties();
        properties.setProperty("shotload.maxBrowserAgeSeconds", "90.5");

        assertThatThrownBy(() -> AnalysisSettings.fromProperties(properties))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessageContaining("a whole number");
    }

    @Test
    void builderChecksRanges() {
        assertThatThrownBy(() -> AnalysisSettings.builder().poolHeadroom(0.5).build())
                .isInstanceOf(InvalidSettingException.class)
                .hasMessageContaining("pool-headroom")
                .hasMessageContaining("1..10");
    }

    @Test
    void notANumberRejected() {
        assertThatThrownBy(() -> Setting.MAX_AVG_RESPONSE_MS.apply(AnalysisSettings.builder(), "NaN", "--max-avg-response-ms"))
                .isInstanceOf(InvalidSettingException.class);
    }

    @Test
    void toBuilderKeepsValues() {
        AnalysisSettings settings = AnalysisSettings.builder().targetStability(0.8).cpuLimitPercent(200).build();

        assertThat(settings.toBuilder().build()).isEqualTo(settings);
    }

    @Test
    void poolSizeRoundsUp() {
        assertThat(ProductionConfigRecommender.poolSize(10, 1.2)).isEqualTo(12);
        assertThat(ProductionConfigRecommender.poolSize(7, 1.2)).isEqualTo(9);
        assertThat(ProductionConfigRecommender.poolSize(1, 1.0)).isEqualTo(1);
    }
}
