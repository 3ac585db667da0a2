package org.xnet.model;

import java.util.List;
import java.util.Objects;

/**
 * What network to build: architecture, input channels, class count, filter depths per level,
 * kernel size (3 or 5), the L2 factor on convolution kernels and, for XNet only, whether the second
 * feature-extraction stage shares the first stage's convolution kernels.
 *
 * <p>The L2 default of 1e-4 is our choice: the original XNet repository (which takes the factor as
 * {@code reg}) is not available to check its value; 1e-4 is the usual Keras setting for
 * {@code kernel_regularizer=l2(..)} on segmentation networks of this size.
 */
public record ModelSpec(Architecture architecture, int inputChannels, int classes, List<Integer> filters,
                        int kernelSize, double l2, boolean shareWeights) {
    /** Default L2 factor on convolution kernels. */
    public static final double DEFAULT_L2 = 1e-4;
    /**
     * Largest filter depth accepted: 4x UNet's deepest level. Beyond it the network could not be built
     * on a CPU (a 3x3 convolution of 100000 filters has ~10^11 weights).
     */
    public static final int MAX_FILTER_DEPTH = 4096;

    public ModelSpec {
        Objects.requireNonNull(architecture, "architecture");
        Objects.requireNonNull(filters, "filters");
        filters = List.copyOf(filters);
        int expected = architecture.defaultFilters().size();
        if (filters.size() != expected) {
            throw new IllegalArgumentException(architecture.cliName() + " needs " + expected
                    + " filter depths, got " + filters.size() + ": " + filters);
        }
        for (int f : filters) {
            if (f < 1 || f > MAX_FILTER_DEPTH) {
                throw new IllegalArgumentException("filter depths must be between 1 and " + MAX_FILTER_DEPTH
                        + ", got " + filters);
            }
        }
        if (inputChannels < 1) {
            throw new IllegalArgumentException("inputChannels must be positive, got " + inputChannels);
        }
        if (classes < 2) {
            throw new IllegalArgumentException("classes must be at least 2, got " + classes);
        }
        if (kernelSize != 3 && kernelSize != 5) {
            throw new IllegalArgumentException("kernelSize must be 3 or 5, got " + kernelSize);
        }
        if (!(l2 >= 0) || Double.isInfinite(l2)) {
            throw new IllegalArgumentException("l2 must be a finite number >= 0, got " + l2);
        }
        if (shareWeights && architecture != Architecture.XNET) {
            throw new IllegalArgumentException("weight sharing exists only for xnet, not " + architecture.cliName());
        }
    }

    /** The default spec of the given architecture: 1 channel, 3 classes, 3x3 kernels, original filters. */
    public static ModelSpec of(Architecture architecture) {
        return new ModelSpec(architecture, 1, 3, architecture.defaultFilters(), 3, DEFAULT_L2, false);
    }

    /** Default XNet: filters 64,128,256,512. */
    public static ModelSpec xnet() {
        return of(Architecture.XNET);
    }

    /** Default UNet: filters 64,128,256,512,1024. */
    public static ModelSpec unet() {
        return of(Architecture.UNET);
    }

    /** Default simplified SegNet: filters 64,128,256,512. */
    public static ModelSpec segnet() {
        return of(Architecture.SEGNET);
    }

    /** This spec with other filter depths. */
    public ModelSpec withFilters(List<Integer> newFilters) {
        return new ModelSpec(architecture, inputChannels, classes, newFilters, kernelSize, l2, shareWeights);
    }

    /** This spec with other filter depths. */
    public ModelSpec withFilters(Integer... newFilters) {
        return withFilters(List.of(newFilters));
    }

    /** This spec with another kernel size (3 or 5). */
    public ModelSpec withKernelSize(int newKernelSize) {
        return new ModelSpec(architecture, inputChannels, classes, filters, newKernelSize, l2, shareWeights);
    }

    /** This spec with another L2 factor. */
    public ModelSpec withL2(double newL2) {
        return new ModelSpec(architecture, inputChannels, classes, filters, kernelSize, newL2, shareWeights);
    }

    /** This spec with weight sharing on or off (XNet only). */
    public ModelSpec withSharedWeights(boolean share) {
        return new ModelSpec(architecture, inputChannels, classes, filters, kernelSize, l2, share);
    }

    /** This spec with another class count. */
    public ModelSpec withClasses(int newClasses) {
        return new ModelSpec(architecture, inputChannels, newClasses, filters, kernelSize, l2, shareWeights);
    }

    /** This spec with another input channel count. */
    public ModelSpec withInputChannels(int channels) {
        return new ModelSpec(architecture, channels, classes, filters, kernelSize, l2, shareWeights);
    }

    /** Filter depth of level {@code i} (0-based). */
    public int filter(int i) {
        return filters.get(i);
    }
}
