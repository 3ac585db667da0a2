package org.xnet.io;

import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.xnet.core.Dataset;
import org.xnet.core.Sample;
import org.xnet.core.SegClass;
import org.xnet.core.Split;

/**
 * What a dataset holds: images per body part per split and the fraction of pixels of each class
 * per split, formatted as the table that {@code xnet prepare} and {@code xnet dataset info} print.
 */
public record DatasetSummary(int imageSize, double minValue, double maxValue,
                             Map<String, Map<Split, Integer>> bodyParts, Map<Split, long[]> classPixels) {

    /** Counts the samples and label pixels of {@code dataset}. */
    public static DatasetSummary of(Dataset dataset) {
        Map<String, Map<Split, Integer>> parts = new TreeMap<>();
        Map<Split, long[]> pixels = new EnumMap<>(Split.class);
        for (Split split : Split.values()) {
            long[] counts = new long[SegClass.COUNT];
            for (Sample s : dataset.get(split)) {
                parts.computeIfAbsent(s.bodyPart(), k -> new EnumMap<>(Split.class)).merge(split, 1, Integer::sum);
                long[] c = s.label().classCounts();
                for (int k = 0; k < counts.length; k++) {
                    counts[k] += c[k];
                }
            }
            pixels.put(split, counts);
        }
        return new DatasetSummary(dataset.imageSize(), dataset.minValue(), dataset.maxValue(), parts, pixels);
    }

    /** Images of {@code bodyPart} in {@code split}. */
    public int count(String bodyPart, Split split) {
        return bodyParts.getOrDefault(bodyPart, Map.of()).getOrDefault(split, 0);
    }

    /** The fraction of label pixels of class {@code c} in {@code split} (0 for an empty split). */
    public double classFraction(Split split, SegClass c) {
        long[] counts = classPixels.get(split);
        long total = 0;
        for (long n : counts) {
            total += n;
        }
        return total == 0 ? 0 : (double) counts[c.index()] / total;
    }

    /** The summary as plain-text tables. */
    public String format() {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "image size %dx%d, raw values %s to %s%n%n", imageSize, imageSize,
                number(minValue), number(maxValue)));
        int width = Math.max("body part".length(), bodyParts.keySet().stream().mapToInt(String::length).max().orElse(0));
        String row = "%-" + width + "s %7s %7s %7s %7s%n";
        out.append(String.format(Locale.ROOT, row, "body part", "train", "val", "test", "total"));
        int[] totals = new int[Split.values().length];
        for (String part : bodyParts.keySet()) {
            int sum = 0;
            String[] cells = new String[4];
            for (Split s : Split.values()) {
                int n = count(part, s);
                totals[s.ordinal()] += n;
                sum += n;
                cells[s.ordinal()] = Integer.toString(n);
            }
            out.append(String.format(Locale.ROOT, row, part, cells[0], cells[1], cells[2], sum));
        }
        out.append(String.format(Locale.ROOT, row, "total", totals[0], totals[1], totals[2],
                totals[0] + totals[1] + totals[2]));
        out.append(System.lineSeparator());
        out.append(String.format(Locale.ROOT, "%-6s %12s %12s %12s%n", "split", "open beam", "soft tissue", "bone"));
        for (Split s : Split.values()) {
            out.append(String.format(Locale.ROOT, "%-6s %11.1f%% %11.1f%% %11.1f%%%n", s.prefix(),
                    100 * classFraction(s, SegClass.OPEN_BEAM), 100 * classFraction(s, SegClass.SOFT_TISSUE),
                    100 * classFraction(s, SegClass.BONE)));
        }
        return out.toString();
    }

    private static String number(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }
}
