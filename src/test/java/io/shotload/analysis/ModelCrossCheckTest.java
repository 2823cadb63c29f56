package io.shotload.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class ModelCrossCheckTest {

    private static final List<Integer> LEVELS = List.of(1, 3, 6, 10, 15);

    @Test
    void levelPositionInterpolates() {
        assertThat(ModelCrossCheck.levelPosition(8, LEVELS)).isCloseTo(2.5, within(1e-12));
        assertThat(ModelCrossCheck.levelPosition(10, LEVELS)).isCloseTo(3.0, within(1e-12));
    }

    @Test
    void levelPositionExtrapolatesByNearestGap() {
        assertThat(ModelCrossCheck.levelPosition(20, LEVELS)).isCloseTo(5.0, within(1e-12));
        assertThat(ModelCrossCheck.levelPosition(0, LEVELS)).isCloseTo(-0.5, within(1e-12));
    }

    @Test
    void noOptimumComparesNothing() {
        ModelCrossCheck check = ModelCrossCheck.compare(LEVELS, List.of(), 12.0, null, null, 1.0);

        assertThat(check.status()).isEqualTo(ModelCrossCheck.NO_REFERENCE);
        assertThat(check.disagreement()).isFalse();
        assertThat(check.comparisons()).allSatisfy(comparison -> assertThat(comparison.agrees()).isNull());
    }

    @Test
    void peakTwoLevelsAwayDisagrees() {
        OptimalConcurrency optimal = new OptimalConcurrency("light_load", 3, 2.0);

        ModelCrossCheck check = ModelCrossCheck.compare(LEVELS, List.of(), 10.0, optimal, null, 1.0);

        assertThat(check.disagreement()).isTrue();
        assertThat(check.comparisons().get(0).levelDistance()).isCloseTo(2.0, within(1e-9));
        assertThat(check.explanation()).contains("2.0 plan levels away");
    }

    @Test
    void peakOneLevelAwayAgrees() {
        OptimalConcurrency optimal = new OptimalConcurrency("moderate_load", 6, 3.0);

        ModelCrossCheck check = ModelCrossCheck.compare(LEVELS, List.of(), 10.0, optimal, null, 1.0);

        assertThat(check.disagreement()).isFalse();
    }
}
