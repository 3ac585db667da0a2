package org.xnet.train;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * How far the current epoch has come: training steps done and the sums behind its mean loss and
 * pixel accuracy, plus the seconds spent training it and, of those, the seconds the trainer waited
 * for its next batch. A mid-epoch checkpoint keeps it, so that a
 * resumed run skips the {@code steps} batches already trained on and logs the same epoch row.
 */
public record EpochProgress(@JsonProperty("steps") int steps,
                            @JsonProperty("loss_sum") double lossSum,
                            @JsonProperty("images") long images,
                            @JsonProperty("correct") long correct,
                            @JsonProperty("pixels") long pixels,
                            @JsonProperty("seconds") double seconds,
                            @JsonProperty("wait_seconds") double waitSeconds) {
    /** Nothing done yet. */
    public static final EpochProgress NONE = new EpochProgress(0, 0, 0, 0, 0, 0, 0);

    public EpochProgress {
        if (steps < 0 || images < 0 || correct < 0 || pixels < 0 || correct > pixels) {
            throw new IllegalArgumentException("inconsistent epoch progress: " + steps + " steps, " + images
                    + " images, " + correct + " of " + pixels + " pixels correct");
        }
    }

    /** This progress plus one step of {@code count} images. */
    public EpochProgress plus(TrainableNet.StepResult step, int count) {
        return new EpochProgress(steps + 1, lossSum + step.loss() * count, images + count, correct + step.correct(),
                pixels + step.pixels(), seconds, waitSeconds);
    }

    /** This progress with {@code waited} more seconds spent waiting for a batch. */
    public EpochProgress plusWait(double waited) {
        return new EpochProgress(steps, lossSum, images, correct, pixels, seconds, waitSeconds + waited);
    }

    /** This progress with {@code more} seconds of training added. */
    public EpochProgress plusSeconds(double more) {
        return new EpochProgress(steps, lossSum, images, correct, pixels, seconds + more, waitSeconds);
    }

    /** Mean loss per image and the pixel accuracy so far. */
    public TrainableNet.StepResult mean() {
        return new TrainableNet.StepResult(lossSum / images, correct, pixels);
    }
}
