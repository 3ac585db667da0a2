package org.xnet.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Parsing of precision and layout names, and which precisions a request allows. */
class PrecisionTest {
    @Test
    void parsesNamesInAnyCase() {
        assertThat(Precision.parse("fp32")).isEqualTo(Precision.FP32);
        assertThat(Precision.parse(" BF16 ")).isEqualTo(Precision.BF16);
        assertThat(Precision.BF16.cliName()).isEqualTo("bf16");
        assertThat(PrecisionRequest.parse("Auto")).isEqualTo(PrecisionRequest.AUTO);
        assertThat(MemoryLayout.parse("channels-last")).isEqualTo(MemoryLayout.CHANNELS_LAST);
        assertThat(MemoryLayout.parse(" NCHW")).isEqualTo(MemoryLayout.NCHW);
    }

    @Test
    void anUnknownNameIsRejectedWithTheChoices() {
        assertThatThrownBy(() -> Precision.parse("fp16")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown precision 'fp16', expected fp32 or bf16");
        assertThatThrownBy(() -> PrecisionRequest.parse("fp16")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown precision 'fp16', expected auto, fp32 or bf16");
        assertThatThrownBy(() -> MemoryLayout.parse("nhwc")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown memory layout 'nhwc', expected nchw or channels-last");
    }

    @Test
    void autoTriesBf16FirstOnlyWithBfloat16Units() {
        assertThat(PrecisionRequest.AUTO.candidates(false)).containsExactly(Precision.FP32);
        assertThat(PrecisionRequest.AUTO.candidates(true)).containsExactly(Precision.BF16, Precision.FP32);
        assertThat(PrecisionRequest.BF16.candidates(false)).isEqualTo(List.of(Precision.BF16));
        assertThat(PrecisionRequest.FP32.candidates(true)).isEqualTo(List.of(Precision.FP32));
    }

    @Test
    void runtimeOptionsReadBackWhatTheyWriteAndRequestsSayWhatTheyAllow() {
        for (RuntimeOptions o : RuntimeOptions.all()) {
            assertThat(RuntimeOptions.parse(o.describe())).isEqualTo(o);
            assertThat(RuntimeRequest.AUTO.allows(o)).isTrue();
        }
        RuntimeOptions bf16Cl = new RuntimeOptions(Precision.BF16, MemoryLayout.CHANNELS_LAST);
        assertThat(RuntimeRequest.of(PrecisionRequest.FP32).allows(bf16Cl)).isFalse();
        assertThat(new RuntimeRequest(PrecisionRequest.BF16, java.util.Optional.of(MemoryLayout.NCHW)).allows(bf16Cl))
                .isFalse();
        assertThat(new RuntimeRequest(PrecisionRequest.BF16, java.util.Optional.of(MemoryLayout.CHANNELS_LAST))
                .allows(bf16Cl)).isTrue();
        assertThatThrownBy(() -> RuntimeOptions.parse("fp32")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'fp32'");
    }
}
