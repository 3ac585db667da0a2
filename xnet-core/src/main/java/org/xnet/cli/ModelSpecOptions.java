package org.xnet.cli;

import java.util.List;
import org.xnet.model.Architecture;
import org.xnet.model.ModelSpec;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

/**
 * The options that choose a network: architecture, filter depths, kernel size, weight sharing; the
 * one way every command reads a model choice. Commands that build a network from nothing (model
 * summary, init and bench, train-bench) mix these in; {@code xnet train}, whose defaults come from
 * its {@code --config}, declares the same options without defaults and parses them with the same
 * converters.
 */
final class ModelSpecOptions {
    @Spec(Spec.Target.MIXEE)
    CommandSpec mixee;

    @Option(names = "--arch", paramLabel = "ARCH", defaultValue = "xnet", converter = ArchitectureConverter.class,
            description = "xnet, unet or segnet (default: ${DEFAULT-VALUE})")
    Architecture architecture;

    @Option(names = "--filters", split = ",", paramLabel = "N", converter = FilterDepthConverter.class,
            description = "filter depths per level, e.g. 64,128,256,512 (default: the architecture's)")
    List<Integer> filters;

    @Option(names = "--kernel", paramLabel = "K", defaultValue = "3", description = "convolution kernel size, 3 or 5 (default: ${DEFAULT-VALUE})")
    int kernel;

    @Option(names = "--share-weights", description = "XNet only: the second stage reuses the first stage's kernels")
    boolean shareWeights;

    /** The spec these options describe; an invalid combination is a usage error (exit 2). */
    ModelSpec toSpec() {
        return Usage.build(mixee, () -> {
            ModelSpec spec = ModelSpec.of(architecture);
            if (filters != null) {
                spec = spec.withFilters(filters);
            }
            return spec.withKernelSize(kernel).withSharedWeights(shareWeights);
        });
    }

    /**
     * Parses one filter depth, rejecting values outside 1..{@value ModelSpec#MAX_FILTER_DEPTH} as a
     * usage error that names the option and the value (for every {@code --filters} option).
     */
    static final class FilterDepthConverter implements ITypeConverter<Integer> {
        @Override
        public Integer convert(String value) {
            int depth;
            try {
                depth = Integer.parseInt(value.strip());
            } catch (NumberFormatException e) {
                throw new TypeConversionException("'" + value + "' is not a whole number");
            }
            if (depth < 1 || depth > ModelSpec.MAX_FILTER_DEPTH) {
                throw new TypeConversionException("filter depth must be between 1 and " + ModelSpec.MAX_FILTER_DEPTH
                        + ", got " + depth);
            }
            return depth;
        }
    }

    /** Parses an architecture name in any case. */
    static final class ArchitectureConverter implements ITypeConverter<Architecture> {
        @Override
        public Architecture convert(String value) {
            try {
                return Architecture.parse(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }
}
