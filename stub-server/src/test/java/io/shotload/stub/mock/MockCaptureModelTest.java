package io.shotload.stub.mock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.shotload.stub.capture.CaptureType;
import io.shotload.stub.config.MockConfig;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class MockCaptureModelTest {

    private static final int DRAWS = 200_000;
    private final MockCaptureModel model = new MockCaptureModel(MockConfig.defaults(), 42);

    @Test
    void sameSeedAndSequenceGiveSameDraw() {
        MockCaptureModel twin = new MockCaptureModel(MockConfig.defaults(), 42);

        for (long sequence = 0; sequence < 1000; sequence++) {
            assertThat(twin.draw(sequence)).isEqualTo(model.draw(sequence));
        }
    }

    @Test
    void otherSeedGivesOtherDraws() {
        MockCaptureModel other = new MockCaptureModel(MockConfig.defaults(), 43);

        long equal = 0;
        for (long sequence = 0; sequence < 1000; sequence++) {
            if (other.draw(sequence).baseMillis() == model.draw(sequence).baseMillis()) {
                equal++;
            }
        }
        // Only draws clamped to 200 or 2000 ms can coincide, about 2.2% of them.
        assertThat(equal).isLessThan(60);
    }

    @Test
    void baseTimeMatchesClampedLognormal() {
        double[] base = new double[DRAWS];
        long slow = 0;
        long fails = 0;
        for (int i = 0; i < DRAWS; i++) {
            MockCaptureModel.Draw draw = model.draw(i);
            base[i] = draw.baseMillis();
            slow += draw.slow() ? 1 : 0;
            fails += draw.fails() ? 1 : 0;
        }
        Arrays.sort(base);
        double mean = Arrays.stream(base).average().orElseThrow();
        long atMin = Arrays.stream(base).filter(millis -> millis == 200).count();
        long atMax = Arrays.stream(base).filter(millis -> millis == 2000).count();

        // Expected values for median 600 ms, log sd 0.5 and clamp 200..2000 ms. Tolerances are about 4 standard errors.
        assertThat(base[DRAWS / 2]).as("median ms").isCloseTo(600, within(6.0));
        assertThat(mean).as("mean ms").isCloseTo(677.2, within(3.0));
        assertThat(atMin / (double) DRAWS).as("share clamped to 200 ms").isCloseTo(0.0140, within(0.0011));
        assertThat(atMax / (double) DRAWS).as("share clamped to 2000 ms").isCloseTo(0.0080, within(0.0008));
        assertThat(base[0]).isEqualTo(200.0);
        assertThat(base[DRAWS - 1]).isEqualTo(2000.0);
        assertThat(slow / (double) DRAWS).as("slow share").isCloseTo(0.10, within(0.0027));
        assertThat(fails / (double) DRAWS).as("failure share").isCloseTo(0.02, within(0.0013));
    }

    /** Expected factors for the default sigma = kappa = 0.02: 1 + 0.02(n-1) + 0.02 n(n-1). */
    @Test
    void degradationFactorFollowsFormula() {
        assertThat(model.degradationFactor(0)).isEqualTo(1.0);
        assertThat(model.degradationFactor(1)).isEqualTo(1.0);
        assertThat(model.degradationFactor(3)).isCloseTo(1.16, within(1e-9));
        assertThat(model.degradationFactor(10)).isCloseTo(2.98, within(1e-9));
        assertThat(model.degradationFactor(15)).isCloseTo(5.48, within(1e-9));
    }

    @Test
    void captureTimeMultipliesFactors() {
        MockCaptureModel.Draw slowDraw = new MockCaptureModel.Draw(400, true, false);

        assertThat(model.captureMillis(slowDraw, CaptureType.VIEWPORT, 1)).isCloseTo(1000, within(1e-9));
        assertThat(model.captureMillis(slowDraw, CaptureType.FULL_PAGE, 1)).isCloseTo(1600, within(1e-9));
        assertThat(model.captureMillis(slowDraw, CaptureType.ELEMENT, 10)).isCloseTo(400 * 2.5 * 0.8 * 2.98, within(1e-9));
    }
}
