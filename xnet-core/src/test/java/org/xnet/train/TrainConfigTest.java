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

    /** The file the original's Training/generate_parameters.py writes (json.dump of its dict, verbatim). */
    private static final String ORIGINAL_FILE = "{\"name\": \"DLs200_64\", \"model_path\": \"Architectures/DoubleLinked.py\", "
            + "\"data_path\": \"cv_dataset_s200.hdf5\", \"save_folder\": \"Model0\", \"kernel_size\": 5, "
            + "\"batch_size\": 5, \"filters\": [64, 128, 256, 512, 1024], \"lrate\": 0.0001, \"reg\": 0, "
            + "\"loss\": \"categorical_crossentropy\", \"no_epochs\": 5000, \"duplicate\": true}";

    @Test
    void readsTheFileTheOriginalsGenerateParametersWrites() throws IOException, XNetException {
        Path file = dir.resolve("parameters.txt");
        Files.writeString(file, ORIGINAL_FILE);
        TrainConfig c = TrainConfig.read(file);
        assertThat(c.name()).isEqualTo("DLs200_64");
        // model_path is the original's architecture module: DoubleLinked.py is XNet; the model stays NAME.xnet.
        assertThat(c.architecture().cliName()).isEqualTo("xnet");
        assertThat(c.modelPath()).isEqualTo("DLs200_64.xnet");
        assertThat(c.dataPath()).isEqualTo("cv_dataset_s200.hdf5");
        assertThat(c.saveFolder()).isEqualTo("Model0");
        assertThat(c.kernelSize()).isEqualTo(5);
        assertThat(c.batchSize()).isEqualTo(5);
        // The original's XNet module reads filter_depth[0..3]: the fifth entry was never used.
        assertThat(c.filters()).containsExactly(64, 128, 256, 512);
        assertThat(c.modelSpec()).isEqualTo(ModelSpec.xnet().withKernelSize(5).withL2(0));
        assertThat(c.lrate()).isEqualTo(1e-4);
        assertThat(c.reg()).isZero();
        assertThat(c.loss()).isEqualTo(LossKind.CROSS_ENTROPY);
        assertThat(c.noEpochs()).isEqualTo(5000);
        assertThat(c.duplicate()).isTrue();
        // Our keys keep their defaults.
        assertThat(c.optimizer()).isEqualTo(OptimizerKind.RMSPROP);
        assertThat(c.patience()).isEqualTo(20);
        assertThat(c.decay()).isEqualTo(1e-6);
        assertThat(c.augmentation()).isEqualTo(AugmentationMode.ON_THE_FLY);
        assertThat(TrainConfig.fromJson(c.toJson())).isEqualTo(c);
    }

    @Test
    void originalModulesMapToOurArchitecturesAndFancyIsLovasz() throws IOException, XNetException {
        Map<String, String> modules = Map.of("XNet.py", "xnet", "Architectures/DoubleLinked_s224.py", "xnet",
                "UNet.py", "unet", "../SimpleSegNet.py", "segnet");
        for (var e : modules.entrySet()) {
            Path file = dir.resolve("m.json");
            // UNet reads 5 depths, the others 4; the original's 6-entry grid lists are cut to what is read.
            Files.writeString(file, "{\"name\": \"m\", \"model_path\": \"" + e.getKey()
                    + "\", \"filters\": [8, 16, 32, 64, 128, 256], \"loss\": \"fancy\"}");
            TrainConfig c = TrainConfig.read(file);
            assertThat(c.architecture().cliName()).as(e.getKey()).isEqualTo(e.getValue());
            assertThat(c.modelPath()).isEqualTo("m.xnet");
            assertThat(c.filters()).hasSize(e.getValue().equals("unet") ? 5 : 4).startsWith(8, 16, 32, 64);
            assertThat(c.loss()).isEqualTo(LossKind.LOVASZ);
        }
        // The original's default filter tuple ends in an unused 0.
        assertThat(TrainConfig.defaults().with(Map.of("filters", List.of(4, 8, 8, 16, 0))).filters())
                .containsExactly(4, 8, 8, 16);
    }

    @Test
    void modelFileMustBeAnXnetNameThatIsNoneOfTheRunFiles() throws IOException {
        for (String reserved : List.of("checkpoint.zip", "config.json", "log.csv", "result.json", "provenance.json")) {
            assertThatThrownBy(() -> TrainConfig.defaults().with(Map.of("model_path", reserved)))
                    .as(reserved).hasMessageContaining(reserved).hasMessageContaining("own");
        }
        assertThatThrownBy(() -> TrainConfig.defaults().with(Map.of("model_path", "best.h5")))
                .hasMessageContaining(".xnet").hasMessageContaining("best.h5");
        assertThatThrownBy(() -> TrainConfig.defaults().with(Map.of("model", "weights.bin")))
                .hasMessageContaining("weights.bin");
        Path file = dir.resolve("unknown.json");
        Files.writeString(file, "{\"model_path\": \"Architectures/ResNet.py\"}");
        assertThatThrownBy(() -> TrainConfig.read(file)).isInstanceOf(XNetException.class)
                .hasMessageContaining("unknown.json").hasMessageContaining("ResNet.py");
        Path clash = dir.resolve("clash.json");
        Files.writeString(clash, "{\"model_path\": \"UNet.py\", \"architecture\": \"xnet\"}");
        assertThatThrownBy(() -> TrainConfig.read(clash)).isInstanceOf(XNetException.class)
                .hasMessageContaining("clash.json").hasMessageContaining("unet").hasMessageContaining("'xnet'");
    }

    @Test
    void modelKeyThatIsNotAnArchitectureIsTheModelFileName() throws IOException, XNetException {
        Path file = dir.resolve("p.json");
        Files.writeString(file, "{\"model_path\": \"/elsewhere/models/best.xnet\", \"architecture\": \"unet\"}");
        TrainConfig c = TrainConfig.read(file);
        assertThat(c.modelPath()).isEqualTo("best.xnet");
        assertThat(c.architecture().cliName()).isEqualTo("unet");
        Files.writeString(file, "{\"name\": \"r\", \"model\": \"XNet\"}");
        assertThat(TrainConfig.read(file).architecture().cliName()).isEqualTo("xnet");
    }

    @Test
    void jsonRoundTripKeepsEveryField() {
        TrainConfig c = TrainConfig.defaults().with(Map.of("name", "a", "optimizer", "adam", "loss", "lovasz",
                "share_weights", true, "seed", 7, "threads", 2, "augmentation", "none", "filters", List.of(4, 8, 8, 16)));
        assertThat(TrainConfig.fromJson(c.toJson())).isEqualTo(c);
        assertThat(c.toJson()).contains("\"no_epochs\"", "\"lrate\"", "\"model_path\" : \"a.xnet\"",
                "\"architecture\" : \"xnet\"", "\"optimizer\" : \"adam\"", "\"loss\" : \"lovasz\"",
                "\"augmentation\" : \"none\"");
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
        assertThatThrownBy(() -> d.with(Map.of("architecture", "unet", "filters", List.of(8, 16))))
                .hasMessageContaining("unet").hasMessageContaining("5 filter depths");
        assertThatThrownBy(() -> d.with(Map.of("architecture", "segnet", "share_weights", true)))
                .hasMessageContaining("weight sharing");
        assertThatThrownBy(() -> d.with(Map.of("lrate", -1))).hasMessageContaining("lrate");
        Path file = dir.resolve("bad.json");
        Files.writeString(file, "{\"learning_rate\": 0.1}");
        assertThatThrownBy(() -> TrainConfig.read(file)).isInstanceOf(XNetException.class)
                .hasMessageContaining("bad.json").hasMessageContaining("learning_rate");
        // The filter count is checked against the architecture when the file is read, naming the file.
        Files.writeString(file, "{\"architecture\": \"xnet\", \"filters\": [64, 128]}");
        assertThatThrownBy(() -> TrainConfig.read(file)).isInstanceOf(XNetException.class)
                .hasMessageContaining("bad.json").hasMessageContaining("xnet needs 4 filter depths, got 2");
    }

    @Test
    void domainRandomisationIsOffByDefaultCanonicalWhenGivenAndNeedsOnTheFlyAugmentation() {
        TrainConfig plain = TrainConfig.defaults();
        assertThat(plain.domainRandomisation()).isEqualTo("none");
        assertThat(plain.augmentConfig()).isEqualTo(org.xnet.augment.AugmentConfig.defaults()
                .withDomain(org.xnet.augment.DomainConfig.off()));
        assertThat(TrainConfig.fromJson(plain.toJson())).isEqualTo(plain);

        TrainConfig two = plain.with(Map.of("domain_randomisation", "INVERT,linear"));
        assertThat(two.domainRandomisation()).as("declared order, lower case").isEqualTo("linear,invert");
        assertThat(two.augmentConfig().domain()).isEqualTo(org.xnet.augment.DomainConfig.preset(
                java.util.EnumSet.of(org.xnet.augment.DomainEffect.LINEAR, org.xnet.augment.DomainEffect.INVERT)));
        assertThat(TrainConfig.fromJson(two.toJson())).isEqualTo(two);
        assertThat(plain.with(Map.of("domain_randomisation", "all")).domainRandomisation()).isEqualTo("all");
        assertThat(two.differencesFrom(plain)).containsExactly("domain_randomisation: \"linear,invert\" vs \"none\"");

        assertThatThrownBy(() -> plain.with(Map.of("domain_randomisation", "linear,glare")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("glare");
        assertThatThrownBy(() -> plain.with(Map.of("domain_randomisation", "grid", "augmentation", "none")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("on-the-fly");
    }

    @Test
    void aParameterFileWithoutTheKeyTrainsWithoutDomainRandomisation() throws IOException, XNetException {
        Path file = dir.resolve("parameters.txt");
        Files.writeString(file, ORIGINAL_FILE);
        assertThat(TrainConfig.read(file).domainRandomisation()).isEqualTo("none");
    }
}
