package org.xnet.report;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.xnet.core.Sample;
import org.xnet.eval.PostProcessed;

/**
 * What the report draws besides the {@link org.xnet.eval.EvaluationResult}: the evaluated samples with their
 * post-processed label maps (as returned by {@link org.xnet.eval.Evaluator#add}), one panel row each, and the
 * training CSV for the learning curve when there is one. Every panel is embedded in {@code index.html}
 * (about 20-120 kB each at 200x200): for a large test set pass a subset of the samples.
 */
public record ReportInputs(List<Sample> samples, List<PostProcessed> maps, Optional<Path> trainingLog) {
    public ReportInputs {
        samples = List.copyOf(samples);
        maps = List.copyOf(maps);
        if (samples.size() != maps.size()) {
            throw new IllegalArgumentException(samples.size() + " samples but " + maps.size() + " label map sets");
        }
    }

    /** Inputs without a learning curve. */
    public static ReportInputs of(List<Sample> samples, List<PostProcessed> maps) {
        return new ReportInputs(samples, maps, Optional.empty());
    }

    /** A copy that plots the learning curve of {@code csv}. */
    public ReportInputs withTrainingLog(Path csv) {
        return new ReportInputs(samples, maps, Optional.of(csv));
    }
}
