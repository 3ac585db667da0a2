package org.xnet.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xnet.core.XNetException;
import org.xnet.model.ModelSpec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

class TrainConfigTest {
    @TempDir
    Path dir;

    @Test
    void readsAnOriginalParameterFile() throws IOException, XNetException {
        Path file = dir.resolve("params.json");
        Files.writeString(file, """
                {"name": "run_07", "model": "XNet", "data_path": "/data/xray.h5", "save_folder": "/out/run_07",
                 "kernel_size": 5, "batch_size": 8, "filters": [32, 64, 128, 256], "lrate": 0.0005,
                 "reg": 0.001, "loss": "categorical_crossentropy", "no_epochs": 300, "duplicate": true}
                """);
        TrainConfig c = TrainConfig.read(file);
        assertThat(c.name()).isEqualTo("run_07");
        assertThat(c.architecture()).isEqualTo("xnet");
        assertThat(c.modelPath()).isEqualTo("run_07.xnet");
        assertThat(c.dataPath()).isEqualTo("/data/xray.h5");
        assertThat(c.saveFolder()).isEqualTo("/out/run_07");
        assertThat(c.kernelSize()).isEqualTo(5);
        assertThat(c.batchSize()).isEqualTo(8);
        assertThat(c.filters()).containsExactly(32, 64, 128, 256);
        assertThat(c.lrate()).isEqualTo(5e-4);
        assertThat(c.reg()).isEqualTo(1e-3);
        assertThat(c.lossKind()).isEqualTo(LossKind.CROSS_ENTROPY);
        assertThat(c.noEpochs()).isEqualTo(300);
        assertThat(c.duplicate()).isTrue();
        // Our keys keep their defaults.
        assertThat(c.optimizer()).isEqualTo("rmsprop");
        assertThat(c.patience()).isEqualTo(20);
        assertThat(c.decay()).isEqualTo(1e-6);
        assertThat(c.augmentation()).isEqualTo("on-the-fly");
    }

    @Test
    void modelKeyThatIsNotAnArchitectureIsTheModelFileName() throws IOException, XNetException {
        Path file = dir.resolve("p.json");
        Files.writeString(file, "{\"model_path\": \"/elsewhere/models/best.xnet\", \"architecture\": \"unet\"}");
        TrainConfig c = TrainConfig.read(file);
        assertThat(c.modelPath()).isEqualTo("best.xnet");
        assertThat(c.architecture()).isEqualTo("unet");
    }

    @Test
    void jsonRoundTripKeepsEveryField() {
        TrainConfig c = TrainConfig.defaults().with(Map.of("name", "a", "optimizer", "adam", "loss", "lovasz",
                "share_weights", true, "seed", 7, "threads", 2, "augmentation", "none", "filters", List.of(4, 8)));
        assertThat(TrainConfig.fromJson(c.toJson())).isEqualTo(c);
        assertThat(c.toJson()).contains("\"no_epochs\"", "\"lrate\"", "\"model_path\" : \"a.xnet\"");
    }

    @Test
    void modelSpecTakesTheArchitectureDefaultsWhenNoFiltersAreGiven() {
        assertThat(TrainConfig.defaults().modelSpec().filters()).containsExactly(64, 128, 256, 512);
        assertThat(TrainConfig.defaults().with(Map.of("architecture", "unet")).modelSpec().filters()).hasSize(5);
        ModelSpec spec = TrainConfig.defaults().with(Map.of("filters", List.of(4, 8, 8, 16), "kernel_size", 5,
                "reg", 0.01, "share_weights", true)).modelSpec();
        assertThat(spec).isEqualTo(ModelSpec.xnet().withFilters(4, 8, 8, 16).withKernelSize(5).withL2(0.01)
                .withSharedWeights(true));
    }

    @Test
    void optimizerKindFollowsTheConfig() {
        assertThat(TrainConfig.defaults().newOptimizer()).isInstanceOf(RmsProp.class);
        assertThat(TrainConfig.defaults().with(Map.of("optimizer", "adam")).newOptimizer()).isInstanceOf(KerasAdam.class);
        assertThat(TrainConfig.defaults().with(Map.of("optimizer", "SGD")).newOptimizer()).isInstanceOf(NesterovSgd.class);
    }

    @Test
    void badValuesAreRejectedWithTheKeyAndValue() throws IOException {
        TrainConfig d = TrainConfig.defaults();
        assertThatThrownBy(() -> d.with(Map.of("kernel_size", 4))).hasMessageContaining("kernel_size").hasMessageContaining("4");
        assertThatThrownBy(() -> d.with(Map.of("batch_size", 0))).hasMessageContaining("batch_size");
        assertThatThrownBy(() -> d.with(Map.of("optimizer", "lbfgs"))).hasMessageContaining("'lbfgs'");
        assertThatThrownBy(() -> d.with(Map.of("filters", List.of(8, 0)))).hasMessageContaining("filters");
        assertThatThrownBy(() -> d.with(Map.of("architecture", "unet", "filters", List.of(8, 16))).modelSpec())
                .hasMessageContaining("unet").hasMessageContaining("5 filter depths");
        assertThatThrownBy(() -> d.with(Map.of("lrate", -1))).hasMessageContaining("lrate");
        Path file = dir.resolve("bad.json");
        Files.writeString(file, "{\"learning_rate\": 0.1}");
        assertThatThrownBy(() -> TrainConfig.read(file)).isInstanceOf(XNetException.class)
                .hasMessageContaining("bad.json").hasMessageContaining("learning_rate");
    }
}
