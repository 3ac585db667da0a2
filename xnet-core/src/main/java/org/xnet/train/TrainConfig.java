package org.xnet.train;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import org.xnet.augment.AugmentConfig;
import org.xnet.augment.DomainConfig;
import org.xnet.augment.DomainEffect;
import org.xnet.core.SegClass;
import org.xnet.core.XNetException;
import org.xnet.model.Architecture;
import org.xnet.model.ModelSpec;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * How to train one model. Reads the original XNet parameter files (keys {@code name},
 * {@code model_path}/{@code model}, {@code data_path}, {@code save_folder}, {@code kernel_size},
 * {@code batch_size}, {@code filters}, {@code lrate}, {@code reg}, {@code loss}, {@code no_epochs},
 * {@code duplicate}) plus our own keys; every key is optional and falls back to {@link #defaults()}.
 *
 * <p>The original's {@code model_path} names a Python module with the network (its
 * generate_parameters.py writes {@code "Architectures/DoubleLinked.py"}); a {@code .py} path is read
 * as the architecture of that module ({@link #ORIGINAL_MODULES}) and the model is saved as
 * {@code NAME.xnet}. Otherwise {@code model_path} (or a {@code model} that is not an architecture
 * name) is the file name of the best model inside the run folder: only its last path element, and it
 * must end in {@code .xnet}. The original's XNet and SegNet modules read only the first 4 entries of
 * {@code filters} (its files list 5, the default ends in 0), UNet the first 5: extra entries are
 * dropped here too, so {@code config.json} records the depths actually used. {@code duplicate} asks
 * for body-part balancing of the training set by duplication (on by default, as the original's
 * TrainingClass; it applies to on-the-fly augmentation).
 */
public record TrainConfig(
        @JsonProperty("name") String name,
        @JsonProperty("data_path") String dataPath,
        @JsonProperty("save_folder") String saveFolder,
        @JsonProperty("model_path") String modelPath,
        @JsonProperty("architecture") @JsonSerialize(using = ArchitectureKey.Writer.class)
        @JsonDeserialize(using = ArchitectureKey.Reader.class) Architecture architecture,
        @JsonProperty("share_weights") boolean shareWeights,
        @JsonProperty("kernel_size") int kernelSize,
        @JsonProperty("batch_size") int batchSize,
        @JsonProperty("filters") List<Integer> filters,
        @JsonProperty("lrate") double lrate,
        @JsonProperty("reg") double reg,
        @JsonProperty("loss") LossKind loss,
        @JsonProperty("no_epochs") int noEpochs,
        @JsonProperty("duplicate") boolean duplicate,
        @JsonProperty("augmentation") AugmentationMode augmentation,
        @JsonProperty("optimizer") OptimizerKind optimizer,
        @JsonProperty("decay") double decay,
        @JsonProperty("seed") long seed,
        @JsonProperty("patience") int patience,
        @JsonProperty("threads") int threads,
        @JsonProperty("max_minutes") double maxMinutes,
        @JsonProperty("domain_randomisation") String domainRandomisation) {

    /**
     * The original's architecture modules (file name before any "_" suffix, lower case) and the
     * architecture each builds here; DoubleLinked.py is the name its generate_parameters.py uses for
     * XNet (its learning-curve plot is titled "Double Linked Network").
     */
    public static final Map<String, Architecture> ORIGINAL_MODULES = Map.of("xnet", Architecture.XNET,
            "doublelinked", Architecture.XNET, "unet", Architecture.UNET, "simplesegnet", Architecture.SEGNET,
            "segnet", Architecture.SEGNET);
    /** Files of a run folder that the model file must not replace. */
    public static final Set<String> RUN_FILES = Set.of("config.json", "provenance.json", "log.csv", "result.json",
            "checkpoint.zip");

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    public TrainConfig {
        Objects.requireNonNull(name, "name");
        dataPath = dataPath == null ? "" : dataPath;
        saveFolder = saveFolder == null ? "" : saveFolder;
        if (name.isBlank() || !name.matches("[A-Za-z0-9._-]+")) {
            throw new IllegalArgumentException("name must be letters, digits, '.', '_' or '-', got '" + name + "'");
        }
        modelPath = modelFile(modelPath == null || modelPath.isBlank() ? name + ".xnet" : modelPath);
        Objects.requireNonNull(architecture, "architecture");
        Objects.requireNonNull(augmentation, "augmentation");
        Objects.requireNonNull(optimizer, "optimizer");
        Objects.requireNonNull(loss, "loss");
        if (kernelSize < 1 || kernelSize % 2 == 0) {
            throw new IllegalArgumentException("kernel_size must be odd and positive, got " + kernelSize);
        }
        positive("batch_size", batchSize);
        positive("no_epochs", noEpochs);
        if (patience < 0) {
            throw new IllegalArgumentException("patience must be >= 0, got " + patience);
        }
        if (threads < 0) {
            throw new IllegalArgumentException("threads must be >= 0 (0 = engine default), got " + threads);
        }
        filters = usedFilters(architecture, Objects.requireNonNull(filters, "filters"));
        if (filters.stream().anyMatch(f -> f == null || f <= 0)) {
            throw new IllegalArgumentException("filters must be positive counts, got " + filters);
        }
        spec(architecture, filters, kernelSize, reg, shareWeights); // filter count, kernel 3 or 5, sharing only for xnet
        if (!(lrate > 0) || !Double.isFinite(lrate)) {
            throw new IllegalArgumentException("lrate must be positive, got " + lrate);
        }
        if (!(reg >= 0) || !Double.isFinite(reg)) {
            throw new IllegalArgumentException("reg must be >= 0, got " + reg);
        }
        if (!(maxMinutes >= 0) || !Double.isFinite(maxMinutes)) {
            throw new IllegalArgumentException("max_minutes must be >= 0 (0 = no time budget), got " + maxMinutes);
        }
        if (!(decay >= 0) || !Double.isFinite(decay)) {
            throw new IllegalArgumentException("decay must be >= 0, got " + decay);
        }
        domainRandomisation = domainKey(domainRandomisation, augmentation);
    }

    /** The original XNet settings: the architecture's filters (64..512 for XNet), 3x3 kernels, batch 5, RMSProp lr 1e-4 decay 1e-6. */
    public static TrainConfig defaults() {
        return new TrainConfig("xnet", "", "", null, Architecture.XNET, false, 3, 5, List.of(),
                1e-4, 1e-4, LossKind.CROSS_ENTROPY, 100, true, AugmentationMode.ON_THE_FLY, OptimizerKind.RMSPROP, 1e-6,
                42L, 20, 0, 0, NO_DOMAIN_RANDOMISATION);
    }

    private static final String NO_DOMAIN_RANDOMISATION = "none";

    /**
     * The canonical form of a {@code domain_randomisation} value (none, all, or the effects in their
     * declared order); effects need on-the-fly augmentation, which is where they are applied.
     */
    private static String domainKey(String value, AugmentationMode augmentation) {
        Set<DomainEffect> effects = DomainEffect.parse(value == null ? NO_DOMAIN_RANDOMISATION : value);
        if (effects.isEmpty()) {
            return NO_DOMAIN_RANDOMISATION;
        }
        if (augmentation != AugmentationMode.ON_THE_FLY) {
            throw new IllegalArgumentException("domain_randomisation needs on-the-fly augmentation, got augmentation "
                    + augmentation.key() + " (for a pre-augmented dataset use xnet augment --domain-randomisation)");
        }
        if (effects.size() == DomainEffect.values().length) {
            return "all";
        }
        return effects.stream().sorted().map(DomainEffect::key).collect(java.util.stream.Collectors.joining(","));
    }

    /**
     * The augmentation of on-the-fly training: the original's ({@link AugmentConfig#defaults()}) and
     * the domain randomisation effects asked for, at their preset probabilities.
     */
    public AugmentConfig augmentConfig() {
        return AugmentConfig.defaults().withDomain(DomainConfig.preset(DomainEffect.parse(domainRandomisation)));
    }

    /**
     * The network to train: 1 input channel, 3 classes, this config's architecture, filters (the
     * architecture's defaults when the list is empty), kernel size, {@code reg} and weight sharing.
     */
    public ModelSpec modelSpec() {
        return spec(architecture, filters, kernelSize, reg, shareWeights);
    }

    private static ModelSpec spec(Architecture arch, List<Integer> filters, int kernelSize, double reg,
                                  boolean shareWeights) {
        return new ModelSpec(arch, 1, SegClass.COUNT, filters.isEmpty() ? arch.defaultFilters() : filters,
                kernelSize, reg, shareWeights);
    }

    /** The first filter depths the architecture reads (the original's modules ignored the rest). */
    private static List<Integer> usedFilters(Architecture architecture, List<Integer> filters) {
        int needed = architecture.defaultFilters().size();
        return List.copyOf(filters.size() > needed ? filters.subList(0, needed) : filters);
    }

    /** The model file's name inside the run folder: a .xnet name that is none of the run's own files. */
    private static String modelFile(String modelPath) {
        String file = Path.of(modelPath).getFileName().toString();
        if (RUN_FILES.contains(file)) {
            throw new IllegalArgumentException("model_path '" + modelPath + "' would replace the run folder's own "
                    + file + ": name a .xnet file (or leave it out for NAME.xnet)");
        }
        if (!file.endsWith(".xnet") || file.equals(".xnet")) {
            throw new IllegalArgumentException("model_path must name a .xnet model file, got '" + modelPath + "'");
        }
        return file;
    }

    /** The architecture of one of the original's modules ({@code model_path} ending in .py). */
    static Architecture originalArchitecture(String modulePath) {
        String file = Path.of(modulePath).getFileName().toString();
        String stem = file.substring(0, file.length() - ".py".length()).toLowerCase(Locale.ROOT);
        String key = stem.contains("_") ? stem.substring(0, stem.indexOf('_')) : stem;
        Architecture arch = ORIGINAL_MODULES.get(key);
        if (arch == null) {
            throw new IllegalArgumentException("model_path '" + modulePath + "' is an architecture module this "
                    + "program does not know: use XNet.py, DoubleLinked.py, UNet.py or SimpleSegNet.py, or set "
                    + "\"architecture\" and leave model_path out");
        }
        return arch;
    }

    /** A fresh optimizer of the configured kind (SGD uses Nesterov momentum 0.9). */
    public KerasOptimizer newOptimizer() {
        return optimizer.create((float) lrate, (float) decay);
    }

    /** Reads a parameter file (original or ours); missing keys take the defaults. */
    public static TrainConfig read(Path file) throws XNetException {
        try {
            JsonNode node = JSON.readTree(file.toFile());
            if (!(node instanceof ObjectNode obj)) {
                throw new XNetException(file + ": expected a JSON object of training parameters");
            }
            return defaults().withTree(obj);
        } catch (IOException e) {
            throw new XNetException(file + ": cannot read training parameters: " + firstLine(e.getMessage()), e);
        } catch (IllegalArgumentException e) {
            throw new XNetException(file + ": " + firstLine(e.getMessage()), e);
        }
    }

    /** A copy with the given keys (the JSON names, original aliases allowed) replaced. */
    public TrainConfig with(Map<String, ?> overrides) {
        return withTree(JSON.valueToTree(overrides));
    }

    private TrainConfig withTree(ObjectNode overrides) {
        ObjectNode tree = JSON.valueToTree(this);
        ObjectNode given = overrides.deepCopy();
        JsonNode model = given.remove("model");
        if (model != null && model.isTextual()) {
            given.set(isArchitecture(model.asText()) ? "architecture" : "model_path", new TextNode(model.asText()));
        }
        JsonNode path = given.get("model_path");
        if (path != null && path.isTextual() && path.asText().toLowerCase(Locale.ROOT).endsWith(".py")) {
            Architecture arch = originalArchitecture(path.asText());
            JsonNode explicit = given.get("architecture");
            if (explicit != null && !explicit.asText().equalsIgnoreCase(arch.cliName())) {
                throw new IllegalArgumentException("model_path '" + path.asText() + "' is the original's "
                        + arch.cliName() + " module, but architecture is '" + explicit.asText() + "'");
            }
            given.remove("model_path");
            given.set("architecture", new TextNode(arch.cliName()));
            tree.remove("model_path");
        }
        if (given.has("name") && !given.has("model_path")) {
            tree.remove("model_path");
        }
        tree.setAll(given);
        try {
            return JSON.treeToValue(tree, TrainConfig.class);
        } catch (IOException e) {
            throw new IllegalArgumentException(jsonProblem(e), e);
        }
    }

    /**
     * What is wrong with a JSON file of settings, in one line for a user: the unknown key with the
     * known ones, the key whose value has the wrong type, or the message of the check that failed.
     */
    static String jsonProblem(IOException e) {
        if (e.getCause() instanceof IllegalArgumentException iae) {
            return firstLine(iae.getMessage());
        }
        if (e instanceof com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException u) {
            return "unknown key \"" + u.getPropertyName() + "\" (known keys: "
                    + u.getKnownPropertyIds().stream().map(String::valueOf).sorted().toList() + ")";
        }
        if (e instanceof com.fasterxml.jackson.databind.exc.MismatchedInputException m && !m.getPath().isEmpty()) {
            String key = m.getPath().stream().map(r -> r.getFieldName() != null ? r.getFieldName()
                    : "[" + r.getIndex() + "]").collect(java.util.stream.Collectors.joining("."));
            return "key \"" + key.replace(".[", "[") + "\" has a value of the wrong type ("
                    + firstLine(m.getOriginalMessage()) + ")";
        }
        return firstLine(e instanceof com.fasterxml.jackson.core.JsonProcessingException j ? j.getOriginalMessage()
                : e.getMessage());
    }

    /**
     * The keys (besides {@code data_path} and {@code save_folder}, which say where, not what) whose
     * values differ from {@code other}'s, as "key: this vs other"; empty when both train the same run.
     */
    public List<String> differencesFrom(TrainConfig other) {
        ObjectNode a = JSON.valueToTree(this);
        ObjectNode b = JSON.valueToTree(other);
        List<String> out = new ArrayList<>();
        for (var it = a.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!key.equals("data_path") && !key.equals("save_folder") && !a.get(key).equals(b.get(key))) {
                out.add(key + ": " + a.get(key) + " vs " + b.get(key));
            }
        }
        return out;
    }

    /** This config as indented JSON with the original's key names. */
    public String toJson() {
        try {
            return JSON.writeValueAsString(this);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write config as JSON", e);
        }
    }

    /** Parses {@link #toJson()} output. */
    public static TrainConfig fromJson(String json) {
        try {
            return JSON.readValue(json, TrainConfig.class);
        } catch (IOException e) {
            throw new IllegalArgumentException("not a training config: " + firstLine(e.getMessage()), e);
        }
    }

    private static boolean isArchitecture(String name) {
        try {
            Architecture.parse(name);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static void positive(String key, int value) {
        if (value <= 0) {
            throw new IllegalArgumentException(key + " must be positive, got " + value);
        }
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
