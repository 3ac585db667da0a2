package org.xnet.model;

import java.util.List;

/**
 * What the kernel check found for one precision and layout: whether the forward convolutions (all
 * inference needs) and the backward ones (training) are correct, the first failure of each in
 * words (empty when none), and per case the worst error as a fraction of its bound (above 1 fails).
 */
public record KernelVerdict(RuntimeOptions options, String forwardFailure, String trainingFailure,
                            List<CaseResult> cases) {
    public KernelVerdict {
        cases = List.copyOf(cases);
    }

    /** One shape's worst error over its bound: forward only, and forward and backward. */
    public record CaseResult(String shape, double forward, double training) {
    }

    /** Whether the convolutions this workload needs computed correctly. */
    public boolean passes(Workload workload) {
        return failure(workload).isEmpty();
    }

    /** The first failure that matters for {@code workload}, or an empty string. */
    public String failure(Workload workload) {
        return workload == Workload.INFERENCE ? forwardFailure : trainingFailure;
    }
}
