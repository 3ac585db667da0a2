package org.xnet.train;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import org.xnet.core.EnumNames;

/** How training images are augmented: a fresh draw every epoch, a dataset augmented beforehand, or not at all. */
public enum AugmentationMode {
    ON_THE_FLY("on-the-fly"),
    PRE_AUGMENTED("pre-augmented"),
    NONE("none");

    private final String key;

    AugmentationMode(String key) {
        this.key = key;
    }

    /** The name in configs and on the command line. */
    @JsonValue
    public String key() {
        return key;
    }

    /** The mode named {@code name} (any case). */
    @JsonCreator
    public static AugmentationMode parse(String name) {
        return EnumNames.parse(values(), AugmentationMode::key, name, "augmentation");
    }
}
