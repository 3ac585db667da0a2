package org.xnet.model;

import java.util.Locale;
import org.xnet.core.EnumNames;

/**
 * How activations are stored: plain NCHW, or channels-last (NHWC strides) from the input on. The
 * values are the same either way; the speed, and on some machines the correctness of libtorch's
 * convolution kernels, differ (see {@link Kernels}).
 */
public enum MemoryLayout {
    NCHW,
    CHANNELS_LAST;

    /** Parses "nchw" or "channels-last" (any case). */
    public static MemoryLayout parse(String name) {
        return EnumNames.parse(values(), MemoryLayout::cliName, name, "memory layout");
    }

    /** "nchw" or "channels-last". */
    public String cliName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
