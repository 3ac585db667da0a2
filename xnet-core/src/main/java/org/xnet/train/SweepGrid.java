package org.xnet.train;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.xnet.core.XNetException;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A hyper-parameter grid as in the original's {@code generate_parameters.py}: lists of learning
 * rates, L2 factors, batch sizes, kernel sizes, filter lists and losses; every combination is one
 * run. A missing key means "the base config's value"; a key given with an empty list is refused
 * (a typo must not start a default run). {@code base} holds any other config keys shared by all
 * runs (epochs, architecture, seed, ...).
 */
public record SweepGrid(@JsonProperty("lrate") List<Double> lrate,
                        @JsonProperty("reg") List<Double> reg,
                        @JsonProperty("batch_size") List<Integer> batchSize,
                        @JsonProperty("kernel_size") List<Integer> kernelSize,
                        @JsonProperty("filters") List<List<Integer>> filters,
                        @JsonProperty("loss") List<String> loss,
                        @JsonProperty("base") Map<String, Object> base) {
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    public SweepGrid {
        requireValues("lrate", lrate);
        requireValues("reg", reg);
        requireValues("batch_size", batchSize);
        requireValues("kernel_size", kernelSize);
        requireValues("filters", filters);
        requireValues("loss", loss);
        lrate = copy(lrate);
        reg = copy(reg);
        batchSize = copy(batchSize);
        kernelSize = copy(kernelSize);
        filters = filters == null ? List.of() : filters.stream().map(List::copyOf).toList();
        loss = copy(loss);
        base = base == null ? Map.of() : Map.copyOf(base);
    }

    private static void requireValues(String key, List<?> values) {
        if (values != null && values.isEmpty()) {
            throw new IllegalArgumentException("\"" + key + "\" is an empty list; every grid key needs at least "
                    + "one value (leave the key out to keep the base config's value)");
        }
    }

    private static <T> List<T> copy(List<T> list) {
        return list == null ? List.of() : List.copyOf(list);
    }

    /** Reads a grid file. */
    public static SweepGrid read(Path file) throws XNetException {
        try {
            return JSON.readValue(file.toFile(), SweepGrid.class);
        } catch (IOException e) {
            throw new XNetException(file + ": not a sweep grid: " + TrainConfig.jsonProblem(e), e);
        }
    }

    /** One run of the grid: its folder name and its config. */
    public record Run(String name, TrainConfig config) {
    }

    /**
     * Every combination, in a stable order, applied on top of {@code start} (then {@link #base});
     * an invalid combination is an {@link IllegalArgumentException} naming it.
     */
    public List<Run> runs(TrainConfig start) {
        TrainConfig base0;
        try {
            base0 = start.with(base);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("base: " + e.getMessage(), e);
        }
        List<Map<String, Object>> combos = new ArrayList<>();
        combos.add(new LinkedHashMap<>());
        combos = expand(combos, "lrate", lrate);
        combos = expand(combos, "reg", reg);
        combos = expand(combos, "batch_size", batchSize);
        combos = expand(combos, "kernel_size", kernelSize);
        combos = expand(combos, "filters", filters);
        combos = expand(combos, "loss", loss);
        List<Run> runs = new ArrayList<>();
        for (int i = 0; i < combos.size(); i++) {
            Map<String, Object> combo = combos.get(i);
            try {
                String name = runName(base0.with(combo));
                Map<String, Object> withName = new LinkedHashMap<>(combo);
                withName.put("name", name);
                runs.add(new Run(name, base0.with(withName)));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("combination " + (i + 1) + " of " + combos.size() + " " + combo
                        + ": " + e.getMessage(), e);
            }
        }
        return runs;
    }

    private static List<Map<String, Object>> expand(List<Map<String, Object>> combos, String key, List<?> values) {
        if (values.isEmpty()) {
            return combos;
        }
        List<Map<String, Object>> out = new ArrayList<>();
        for (Map<String, Object> c : combos) {
            for (Object v : values) {
                Map<String, Object> m = new LinkedHashMap<>(c);
                m.put(key, v);
                out.add(m);
            }
        }
        return out;
    }

    /** A folder name that says what the run is, e.g. {@code lr0.0001_reg0.0001_b5_k3_f64-128-256-512_ce}. */
    static String runName(TrainConfig c) {
        String f = c.modelSpec().filters().stream().map(String::valueOf).collect(Collectors.joining("-"));
        return String.format(Locale.ROOT, "lr%s_reg%s_b%d_k%d_f%s_%s", c.lrate(), c.reg(), c.batchSize(),
                c.kernelSize(), f, c.loss().key());
    }
}
