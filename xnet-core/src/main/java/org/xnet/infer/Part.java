package org.xnet.infer;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.xnet.core.InvalidSetting;

/**
 * Which share of the inputs one of {@code numParts} processes predicts, so that several processes
 * (on several machines) can fill one output folder without writing the same file. The rule: the
 * inputs, expanded on every process alike, are sorted by the name their outputs get (the path
 * relative to the folder or glob base without extension, ignoring case, then the name with its
 * extension), and input {@code k} of that order belongs to part {@code k mod numParts}. The parts are
 * disjoint, together hold every input, and do not depend on the order the arguments were given in.
 * Each part has its own run record and manifest; the whole (one part) keeps the plain names.
 */
public record Part(int numParts, int partId) {
    /** Everything in one part: the inputs in the order given, {@code run.json} and {@code manifest.jsonl}. */
    public static final Part WHOLE = new Part(1, 0);

    public Part {
        if (numParts < 1) {
            throw new InvalidSetting("numParts", "must be >= 1, got " + numParts);
        }
        if (partId < 0 || partId >= numParts) {
            throw new InvalidSetting("partId", "must be in [0, " + numParts + "), got " + partId);
        }
    }

    /** Whether this is the whole run rather than one of several parts. */
    public boolean whole() {
        return numParts == 1;
    }

    /**
     * This part's inputs, in the dealt order. The whole keeps the order given (folders already sorted);
     * a part takes every {@code numParts}-th input of the sorted order, starting at {@code partId}.
     */
    List<InputFiles.Input> select(List<InputFiles.Input> inputs) {
        if (whole()) {
            return List.copyOf(inputs);
        }
        List<InputFiles.Input> sorted = new ArrayList<>(inputs);
        sorted.sort(Comparator.comparing((InputFiles.Input i) -> outputName(i).toLowerCase(Locale.ROOT))
                .thenComparing(i -> i.relativeName().toString())
                .thenComparing(i -> i.file().toString()));
        List<InputFiles.Input> mine = new ArrayList<>();
        for (int k = partId; k < sorted.size(); k += numParts) {
            mine.add(sorted.get(k));
        }
        return mine;
    }

    /** {@code run.json}, or {@code run-part-I-of-N.json} for one of several parts. */
    public String runRecordName() {
        return whole() ? "run.json" : "run-part-" + partId + "-of-" + numParts + ".json";
    }

    /** {@code manifest.jsonl}, or {@code manifest-part-I-of-N.jsonl} for one of several parts. */
    public String manifestName() {
        return whole() ? "manifest.jsonl" : "manifest-part-" + partId + "-of-" + numParts + ".jsonl";
    }

    /** "part I of N", or "whole" for one part. */
    public String describe() {
        return whole() ? "whole" : "part " + partId + " of " + numParts;
    }

    private static String outputName(InputFiles.Input input) {
        return PredictionOutputs.relativeBase(input.relativeName());
    }
}
