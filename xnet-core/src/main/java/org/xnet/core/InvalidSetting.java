package org.xnet.core;

import java.util.Objects;

/**
 * A value a caller chose for a named setting (a config record's component, a request's parameter)
 * that the library refuses. {@link #detail()} says what is wrong, phrased to follow the setting's
 * name, so a front end can put its own name for the setting in front of it: the CLI turns
 * {@code perCategory} "must be >= 1, got 0" into "--per-category must be >= 1, got 0".
 */
public class InvalidSetting extends IllegalArgumentException {
    private final String setting;
    private final String detail;

    /** The message is the setting's name followed by the detail. */
    public InvalidSetting(String setting, String detail) {
        this(setting, detail, setting + " " + detail);
    }

    /** With a message of its own, for callers that see the library's names. */
    public InvalidSetting(String setting, String detail, String message) {
        super(message);
        this.setting = Objects.requireNonNull(setting, "setting");
        this.detail = Objects.requireNonNull(detail, "detail");
    }

    /** The library's name of the setting, e.g. {@code perCategory}. */
    public String setting() {
        return setting;
    }

    /** What is wrong with the value, to follow the setting's name (any front end's name for it). */
    public String detail() {
        return detail;
    }

    /** A setting's value and the least it may be. */
    public record AtLeast(String setting, long value, long min) {
    }

    /**
     * Throws an InvalidSetting with {@code message} for the first of {@code bounds} whose value is
     * below its minimum ("must be >= 1, got 0"); returns when every value is high enough.
     */
    public static void requireAtLeast(String message, AtLeast... bounds) {
        for (AtLeast b : bounds) {
            if (b.value() < b.min()) {
                throw new InvalidSetting(b.setting(), "must be >= " + b.min() + ", got " + b.value(), message);
            }
        }
    }
}
