package org.xnet.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ModelBenchTest {
    @Test
    void medianOfOddAndEvenCountsLeavesTheInputAlone() {
        double[] odd = {5, 1, 3};
        assertThat(ModelBench.median(odd)).isEqualTo(3);
        assertThat(odd).containsExactly(5, 1, 3);
        assertThat(ModelBench.median(new double[] {4, 1, 3, 2})).isEqualTo(2.5);
        assertThat(ModelBench.median(new double[] {7})).isEqualTo(7);
        assertThatThrownBy(() -> ModelBench.median(new double[0])).hasMessageContaining("no values");
    }
}
