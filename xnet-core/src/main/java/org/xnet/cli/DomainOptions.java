package org.xnet.cli;

import org.xnet.augment.AugmentConfig;
import org.xnet.augment.DomainConfig;
import org.xnet.augment.DomainEffect;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/** The {@code --domain-randomisation} option of {@code xnet augment} and {@code xnet augment preview}. */
final class DomainOptions {
    @Option(names = "--domain-randomisation", paramLabel = "EFFECTS", defaultValue = "none",
            description = "Image-only domain randomisation after the original augmentation: all, none (default) or a "
                    + "comma-separated list of linear, grid, scatter, markers, blur, noise, processing, window, gamma, "
                    + "invert, each with its preset probability (README, \"Domain randomisation\"); labels never change.")
    String effects;

    /** The original augmentation with the effects asked for. */
    AugmentConfig augmentConfig(CommandSpec spec) {
        return Usage.build(spec, () -> AugmentConfig.defaults().withDomain(DomainConfig.preset(DomainEffect.parse(effects))));
    }
}
