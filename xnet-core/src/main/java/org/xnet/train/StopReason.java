package org.xnet.train;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import org.xnet.core.EnumNames;

/** Why a training run ended, as {@code result.json} and the summaries write it. */
public enum StopReason {
    /** Every configured epoch ran. */
    FINISHED("finished"),
    /** No better validation loss for {@code patience} epochs. */
    EARLY_STOP("early-stop"),
    /** The time budget ({@code max_minutes}) was spent. */
    TIME_BUDGET("time-budget"),
    /** A stop was requested (Ctrl-C); a checkpoint of the last step was written. */
    INTERRUPTED("interrupted");

    private final String key;

    StopReason(String key) {
        this.key = key;
    }

    /** The name in {@code result.json}. */
    @JsonValue
    public String key() {
        return key;
    }

    /** The reason named {@code key}. */
    @JsonCreator
    public static StopReason parse(String key) {
        return EnumNames.parse(values(), StopReason::key, key, "stop reason");
    }
}
