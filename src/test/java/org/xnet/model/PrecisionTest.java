package org.xnet.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Parsing of precision names and the warning for bf16 without bfloat16 hardware. */
class PrecisionTest {
    @Test
    void parsesNamesInAnyCase() {
        assertThat(Precision.parse("fp32")).isEqualTo(Precision.FP32);
        assertThat(Precision.parse(" BF16 ")).isEqualTo(Precision.BF16);
        assertThat(Precision.BF16.cliName()).isEqualTo("bf16");
    }

    @Test
    void anUnknownNameIsRejectedWithTheChoices() {
        assertThatThrownBy(() -> Precision.parse("fp16")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown precision 'fp16', expected fp32 or bf16");
    }

    @Test
    void warnsOnlyForBf16WithoutHardware() {
        CpuFeatures none = new CpuFeatures("AMD EPYC", false, false);
        CpuFeatures amx = new CpuFeatures("Xeon", true, false);
        assertThat(Precision.BF16.warningFor(none)).contains("AMD EPYC").contains("no bfloat16 units");
        assertThat(Precision.BF16.warningFor(amx)).isEmpty();
        assertThat(Precision.FP32.warningFor(none)).isEmpty();
    }

    @Test
    void theDefaultIsBf16OnlyWithBfloat16Units() {
        assertThat(Precision.defaultFor(new CpuFeatures("AMD EPYC", false, false))).isEqualTo(Precision.FP32);
        assertThat(Precision.defaultFor(new CpuFeatures("Xeon", true, false))).isEqualTo(Precision.BF16);
        assertThat(Precision.defaultFor(new CpuFeatures("Zen 4", false, true))).isEqualTo(Precision.BF16);
    }
}
