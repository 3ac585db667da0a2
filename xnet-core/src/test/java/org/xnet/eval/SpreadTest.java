package org.xnet.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Mean and sample standard deviation against values worked out by hand. */
class SpreadTest {
    @Test
    void meanAndSampleDeviationOfFourValues() {
        // mean 2.5; squared deviations 2.25 + 0.25 + 0.25 + 2.25 = 5; 5 / (4 - 1) = 5/3
        Spread s = Spread.of(List.of(1.0, 2.0, 3.0, 4.0));
        assertThat(s.mean()).isEqualTo(2.5);
        assertThat(s.sd()).isCloseTo(Math.sqrt(5.0 / 3.0), within(1e-15));
        assertThat(s.n()).isEqualTo(4);
    }

    @Test
    void undefinedValuesAreLeftOutAndCounted() {
        // 0.9 and 0.7: mean 0.8, deviations 0.1 each, sd sqrt(0.02 / 1)
        Spread s = Spread.of(Arrays.asList(0.9, Double.NaN, 0.7));
        assertThat(s.mean()).isCloseTo(0.8, within(1e-15));
        assertThat(s.sd()).isCloseTo(Math.sqrt(0.02), within(1e-15));
        assertThat(s.n()).isEqualTo(2);
    }

    @Test
    void oneValueHasNoDeviationAndNoValueNoMean() {
        assertThat(Spread.of(List.of(0.42))).isEqualTo(new Spread(0.42, Double.NaN, 1));
        assertThat(Spread.of(List.of(Double.NaN))).isEqualTo(new Spread(Double.NaN, Double.NaN, 0));
        assertThat(Spread.of(List.of(3.0, 3.0, 3.0)).sd()).isZero();
    }
}
