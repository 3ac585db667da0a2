package org.xnet.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class NormaliseTest {
    @Test
    void subtractsMeanThenScalesToUnitRange() {
        Image2D out = Normalise.meanThenMinMax(new Image2D(2, 2, new float[] {0, 2, 4, 6}));
        assertThat(out.data()).containsExactly(0f, 1f / 3, 2f / 3, 1f);
    }

    @Test
    void constantImageBecomesZeros() {
        Image2D out = Normalise.meanThenMinMax(new Image2D(3, 1, new float[] {7, 7, 7}));
        assertThat(out.data()).containsExactly(0f, 0f, 0f);
    }

    @Test
    void leavesTheInputUntouched() {
        Image2D in = new Image2D(2, 1, new float[] {10, 20});
        Normalise.meanThenMinMax(in);
        assertThat(in.data()).containsExactly(10f, 20f);
    }

    @Property(tries = 50, seed = "20261126")
    void spansZeroToOneAndKeepsOrder(@ForAll long seed, @ForAll @IntRange(min = 2, max = 30) int w) {
        Image2D in = ResizeTest.random(seed, w, 3);
        in.set(0, 0, -500f);
        in.set(1, 0, 4000f);
        Image2D out = Normalise.meanThenMinMax(in);
        assertThat(out.min()).isEqualTo(0f);
        assertThat(out.max()).isCloseTo(1f, within(1e-6f));
        for (int i = 0; i < in.data().length; i++) {
            double expected = (in.data()[i] + 500.0) / 4500.0;
            assertThat((double) out.data()[i]).isCloseTo(expected, within(1e-6));
        }
    }
}
