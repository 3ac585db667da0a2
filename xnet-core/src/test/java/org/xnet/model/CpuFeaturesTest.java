package org.xnet.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CpuFeaturesTest {

    @Test
    void readsTheBf16FlagsOfTheFirstProcessor() {
        String sapphireRapids = "processor\t: 0\ncpu family\t: 6\nmodel name\t: Intel(R) Xeon(R) Platinum 8480+\n"
                + "flags\t\t: fpu sse2 avx512f avx512_bf16 amx_bf16 amx_tile\n\nprocessor\t: 1\nflags\t\t: fpu\n";
        CpuFeatures f = CpuFeatures.parse(sapphireRapids);
        assertThat(f.model()).isEqualTo("Intel(R) Xeon(R) Platinum 8480+");
        assertThat(f.amxBf16()).isTrue();
        assertThat(f.avx512Bf16()).isTrue();
        assertThat(f.bf16()).isTrue();
        assertThat(f.avx512()).isTrue();
        assertThat(f.family()).isEqualTo(6);
    }

    @Test
    void noBf16FlagMeansFp32() {
        CpuFeatures f = CpuFeatures.parse("cpu family\t: 26\nmodel name\t: AMD EPYC\nflags\t\t: fpu sse2 avx2 fma\n");
        assertThat(f.bf16()).isFalse();
        assertThat(f.avx512()).isFalse();
        assertThat(f.family()).isEqualTo(26);
        assertThat(CpuFeatures.parse("").model()).isEqualTo("unknown");
        assertThat(CpuFeatures.parse("").family()).isEqualTo(-1);
    }

    @Test
    void anIsaCapTakesAwayWhatTheEngineMayNotUse() {
        CpuFeatures zen5 = CpuFeatures.parse(
                "cpu family\t: 26\nmodel name\t: AMD EPYC\nflags\t\t: avx2 avx512f avx512_bf16\n");
        CpuFeatures avx2 = zen5.capped("AVX2", "avx2");
        assertThat(avx2.bf16()).isFalse();
        assertThat(avx2.avx512()).isFalse();
        assertThat(avx2.model()).isEqualTo("AMD EPYC");
        CpuFeatures core = zen5.capped("avx512_core", null);
        assertThat(core.avx512()).isTrue();
        assertThat(core.bf16()).isFalse();
        assertThat(zen5.capped("AVX512_CORE_BF16", "avx512").bf16()).isTrue();
        assertThat(zen5.capped(null, "avx2").avx512()).isFalse();
        assertThat(zen5.capped(null, "avx2").bf16()).isTrue();
        assertThat(zen5.capped("ALL", null)).isEqualTo(zen5);
        assertThat(zen5.capped("no-such-isa", "")).isEqualTo(zen5);
        CpuFeatures spr = CpuFeatures.parse("flags\t\t: avx512f avx512_bf16 amx_bf16\n");
        assertThat(spr.capped("AVX512_CORE_BF16", null).amxBf16()).isFalse();
        assertThat(spr.capped("AVX512_CORE_AMX", null).amxBf16()).isTrue();
    }
}
