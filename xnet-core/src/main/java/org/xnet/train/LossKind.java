package org.xnet.train;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * The training losses, with the names the original's parameter files used and our short ones.
 */
public enum LossKind {
    /** Per-pixel softmax cross-entropy (the default). */
    CROSS_ENTROPY("ce", "categorical_crossentropy", "crossentropy", "cross_entropy"),
    /** Soft Jaccard (IoU) distance from the softmax probabilities, averaged over classes. */
    JACCARD("jaccard", "jaccard_distance", "iou"),
    /** Lovász-softmax (Berman et al. 2018) over the whole batch, classes present in the labels ("fancy" in the original). */
    LOVASZ("lovasz", "lovasz_softmax", "fancy");

    private final String key;
    private final String[] aliases;

    LossKind(String key, String... aliases) {
        this.key = key;
        this.aliases = aliases;
    }

    /** The name written to configs: "ce", "jaccard" or "lovasz". */
    @JsonValue
    public String key() {
        return key;
    }

    /** The loss with the given name or alias, case-insensitive. */
    @JsonCreator
    public static LossKind of(String name) {
        String n = name.trim().toLowerCase(Locale.ROOT);
        for (LossKind k : values()) {
            if (k.key.equals(n)) {
                return k;
            }
            for (String a : k.aliases) {
                if (a.equals(n)) {
                    return k;
                }
            }
        }
        throw new IllegalArgumentException("unknown loss '" + name + "': expected ce, jaccard or lovasz");
    }
}
