package org.xnet.pipeline;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.Function;
import org.xnet.core.InvalidSetting;
import org.xnet.core.Sample;

/**
 * How cross-validation splits a dataset: samples are grouped (by source volume or by body part) and
 * whole groups are dealt to {@code k} folds, so views of one volume never fall on both sides of a
 * fold. Fold {@code i} holds out its own groups for testing, validates on fold {@code i+1 (mod k)}
 * (model selection, early stopping and threshold tuning on volumes the model did not train on) and
 * trains on the rest.
 *
 * <p>With as many folds as groups each fold is one group, in name order (leave one volume out).
 * Otherwise the groups are shuffled with the seed and dealt, largest first, to the fold holding the
 * fewest samples so far (the lowest index on a tie). The same groups, k and seed give the same plan.
 *
 * @param groupBy how samples were grouped
 * @param seed    the seed of the shuffle (recorded even when leave-one-out does not use it)
 * @param folds   the group names of each fold, each list sorted
 */
public record FoldPlan(@JsonProperty("group_by") GroupBy groupBy, @JsonProperty("seed") long seed,
                       @JsonProperty("folds") List<List<String>> folds) {
    /** What a fold keeps together. */
    public enum GroupBy {
        /** All views of one source volume (or one source image, for data that is not from synth). */
        VOLUME,
        /** All images of one body part. */
        BODY_PART;

        /** The group of {@code sample} under this rule. */
        public String groupOf(Sample sample) {
            return this == BODY_PART ? sample.bodyPart() : volumeOf(sample.source());
        }

        /** The command-line spelling: volume, body-part. */
        public String cliName() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }

        /** The value spelled {@code name} (volume, body-part), else an {@link InvalidSetting}. */
        public static GroupBy parse(String name) {
            for (GroupBy g : values()) {
                if (g.cliName().equals(name)) {
                    return g;
                }
            }
            throw new InvalidSetting("groupBy", "must be volume or body-part, got '" + name + "'");
        }
    }

    /** The least number of folds: one to test, one to validate, at least one to train on. */
    public static final int MIN_FOLDS = 3;

    public FoldPlan {
        Objects.requireNonNull(groupBy, "groupBy");
        folds = folds.stream().map(List::copyOf).toList();
        List<String> all = folds.stream().flatMap(List::stream).toList();
        if (all.stream().distinct().count() != all.size()) {
            throw new IllegalArgumentException("a group is in two folds: " + folds);
        }
    }

    /**
     * The source volume a sample came from: its file name without folders and extension, less a
     * trailing view number {@code _vNNN} as {@code xnet synth} names views ({@code PART_STEM_vNNN}); a
     * file not named so is its own group.
     */
    public static String volumeOf(String source) {
        String name = source.replace('\\', '/');
        name = name.substring(name.lastIndexOf('/') + 1);
        int dot = name.indexOf('.');
        if (dot > 0) {
            name = name.substring(0, dot);
        }
        return name.replaceFirst("_v\\d+$", "");
    }

    /** The number of samples in each group of {@code samples} under {@code groupBy}, by group name. */
    public static Map<String, Integer> groupSizes(List<Sample> samples, GroupBy groupBy) {
        Map<String, Integer> sizes = new TreeMap<>();
        for (Sample s : samples) {
            sizes.merge(groupBy.groupOf(s), 1, Integer::sum);
        }
        return sizes;
    }

    /**
     * Deals the groups (name → sample count) to {@code k} folds (0 = one fold per group); fewer than
     * {@link #MIN_FOLDS} folds, or more folds than groups, is an {@link InvalidSetting}.
     */
    public static FoldPlan of(Map<String, Integer> groupSizes, GroupBy groupBy, int k, long seed) {
        int groups = groupSizes.size();
        int folds = k == 0 ? groups : k;
        if (folds < MIN_FOLDS || folds > groups) {
            throw new InvalidSetting("folds", "must be between " + MIN_FOLDS + " and the number of groups ("
                    + groups + " " + groupBy.cliName() + (groups == 1 ? "" : "s") + "), got " + folds);
        }
        List<String> names = new ArrayList<>(new TreeMap<>(groupSizes).keySet());
        List<List<String>> dealt = new ArrayList<>();
        for (int i = 0; i < folds; i++) {
            dealt.add(new ArrayList<>());
        }
        if (folds == groups) {
            for (int i = 0; i < folds; i++) {
                dealt.get(i).add(names.get(i));
            }
        } else {
            Collections.shuffle(names, new Random(seed));
            // a stable sort keeps the shuffled order among groups of one size
            names.sort(Comparator.comparing((String n) -> groupSizes.get(n)).reversed());
            long[] load = new long[folds];
            for (String name : names) {
                int target = 0;
                for (int i = 1; i < folds; i++) {
                    if (load[i] < load[target]) {
                        target = i;
                    }
                }
                dealt.get(target).add(name);
                load[target] += groupSizes.get(name);
            }
        }
        dealt.forEach(Collections::sort);
        return new FoldPlan(groupBy, seed, dealt);
    }

    /** The number of folds. */
    public int size() {
        return folds.size();
    }

    /** The fold that validates fold {@code i}'s model. */
    public int validationFold(int i) {
        return (i + 1) % folds.size();
    }

    /** Splits {@code samples} for fold {@code i}: train, validation and held-out test, each in input order. */
    public Parts parts(int i, List<Sample> samples) {
        Function<Sample, Integer> foldOf = foldIndex();
        List<Sample> train = new ArrayList<>();
        List<Sample> validation = new ArrayList<>();
        List<Sample> test = new ArrayList<>();
        for (Sample s : samples) {
            Integer f = foldOf.apply(s);
            if (f == null) {
                throw new IllegalArgumentException(s.source() + " is in group '" + groupBy.groupOf(s)
                        + "', which no fold holds");
            }
            (f == i ? test : f == validationFold(i) ? validation : train).add(s);
        }
        return new Parts(train, validation, test);
    }

    /** One fold's samples. */
    public record Parts(List<Sample> train, List<Sample> validation, List<Sample> test) {
    }

    private Function<Sample, Integer> foldIndex() {
        Map<String, Integer> index = new TreeMap<>();
        for (int i = 0; i < folds.size(); i++) {
            for (String g : folds.get(i)) {
                index.put(g, i);
            }
        }
        return s -> index.get(groupBy.groupOf(s));
    }
}
