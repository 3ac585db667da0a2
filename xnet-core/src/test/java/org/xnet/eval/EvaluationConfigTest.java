package org.xnet.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.xnet.core.InvalidSetting;
import org.xnet.core.XNetException;

class EvaluationConfigTest {

    @Test
    void jsonRoundTrip() throws XNetException {
        EvaluationConfig c = new EvaluationConfig(List.of(0.8, 0.95), new ThresholdTable(0.7, Map.of("hand", 0.99)),
                8, 5, EvaluationConfig.RemovedBone.MORE_LIKELY, 200);
        assertThat(EvalJson.fromJson(EvalJson.toJson(c), EvaluationConfig.class, "test")).isEqualTo(c);
        EvaluationConfig d = EvaluationConfig.defaults();
        assertThat(EvalJson.fromJson(EvalJson.toJson(d), EvaluationConfig.class, "test")).isEqualTo(d);
    }

    @Test
    void thresholdTableJsonRoundTripAndLookup() throws XNetException {
        ThresholdTable t = ThresholdTable.original();
        assertThat(EvalJson.fromJson(EvalJson.toJson(t), ThresholdTable.class, "test")).isEqualTo(t);
        assertThat(t.thresholdFor("Hand")).isEqualTo(0.99);
        assertThat(t.thresholdFor("knee")).isEqualTo(0.6);
        assertThat(ThresholdTable.uniform(0.9).thresholdFor("hand")).isEqualTo(0.9);
    }

    @Test
    void defaultsAreTheOriginals() {
        EvaluationConfig d = EvaluationConfig.defaults();
        assertThat(d.thresholds()).containsExactly(0.9, 0.99);
        assertThat(d.openingSize()).isEqualTo(10);
        assertThat(d.variantNames()).containsExactly("prediction", "threshold 90 %", "threshold 99 %",
                "body-part thresholds", "threshold 90 % + bone clean-up (opening 10, dilation 3)");
    }

    @Test
    void invalidValuesAreRejectedWithTheValue() {
        assertThatThrownBy(() -> EvaluationConfig.defaults().withThresholds(List.of(1.2)))
                .hasMessageContaining("got 1.2");
        assertThatThrownBy(() -> EvaluationConfig.defaults().withThresholds(List.of()))
                .hasMessageContaining("at least one");
        assertThatThrownBy(() -> EvaluationConfig.defaults().withDilationSize(0)).hasMessageContaining("got 10 and 0");
        assertThatThrownBy(() -> new ThresholdTable(0.5, Map.of("hand", -0.1))).hasMessageContaining("hand");
    }

    @Test
    void aRefusedValueNamesItsSettingAndLeadsItsDetail() {
        assertThatThrownBy(() -> EvaluationConfig.defaults().withThresholds(List.of(0.9, 1.5)))
                .isInstanceOfSatisfying(InvalidSetting.class, e -> {
                    assertThat(e.setting()).isEqualTo("thresholds");
                    assertThat(e.detail()).isEqualTo("1.5: a soft-tissue probability threshold must be in [0, 1)");
                });
        assertThatThrownBy(() -> EvaluationConfig.defaults().withDilationSize(-2))
                .isInstanceOfSatisfying(InvalidSetting.class, e -> {
                    assertThat(e.setting()).isEqualTo("dilationSize");
                    assertThat(e.detail()).startsWith("-2: the bone dilation is a square side, at least 1 pixel")
                            .endsWith("(1 leaves the bone as the 10x10 opening left it)");
                });
        assertThatThrownBy(() -> new EvaluationConfig(List.of(0.9), ThresholdTable.original(), 0, 3,
                EvaluationConfig.RemovedBone.SOFT_TISSUE, 1000))
                .isInstanceOfSatisfying(InvalidSetting.class, e -> assertThat(e.setting()).isEqualTo("openingSize"))
                .hasMessage("opening and dilation sizes must be at least 1, got 0 and 3");
    }

    @Test
    void badJsonNamesTheSource() {
        assertThatThrownBy(() -> EvalJson.fromJson("{\"thresholds\": [2.0]}", EvaluationConfig.class, "cfg.json"))
                .isInstanceOf(XNetException.class).hasMessageStartingWith("cfg.json: not a valid EvaluationConfig");
    }
}
