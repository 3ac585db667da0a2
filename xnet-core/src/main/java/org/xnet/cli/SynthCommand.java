package org.xnet.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.xnet.core.SegClass;
import org.xnet.core.XNetException;
import org.xnet.synth.SynthConfig;
import org.xnet.synth.SynthEffect;
import org.xnet.synth.SynthJob;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code xnet synth}: labelled radiographs (digitally reconstructed) from CT volumes. */
@Command(name = "synth", mixinStandardHelpOptions = true,
        description = "Make labelled radiographs from CT volumes (NIfTI or DICOM series): Images/PART/*.tif and Labels/PART/*onehot.png.")
final class SynthCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--ct", required = true, arity = "1..*", paramLabel = "FILE_OR_DIR",
            description = "CT volumes (.nii, .nii.gz), folders of them, or DICOM series folders.")
    List<Path> ct;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output folder.")
    Path out;

    @Option(names = "--config", paramLabel = "FILE",
            description = "Synth settings as JSON, in the form of the synth-config.json each run writes; keys left "
                    + "out keep their defaults (for example {\"unsharpStrength\": 0, \"maxGamma\": 1} turns the "
                    + "reader's image processing off). --views, --size and --seed override the file.")
    Path configFile;

    @Option(names = "--views", paramLabel = "N", description = "Radiographs per volume (default 10).")
    Integer views;

    @Option(names = "--size", paramLabel = "PX", description = "Detector pixels per side, "
            + SynthConfig.MIN_SIZE + "-" + SynthConfig.MAX_SIZE + " (default 200).")
    Integer size;

    @Option(names = "--seed", paramLabel = "N", description = "Random seed (default 42).")
    Long seed;

    @Option(names = "--domain-randomisation", paramLabel = "EFFECTS",
            description = "Domain randomisation that needs the projection: all, none or a comma-separated list of "
                    + "linear (30 %% of the views as linear intensity exp(-line integral) instead of log exposure), "
                    + "collimator (collimated field tilted up to 10 degrees, its edge blurred up to 3 pixels), outside "
                    + "(the field moved up to 25 %% across beyond the body, cutting it at one side). Overrides those "
                    + "keys of --config (linearProbability, collimatorTiltDeg, collimatorBlurPx, outsideFraction); "
                    + "default: off. Image-only effects are 'xnet augment --domain-randomisation'.")
    String domain;

    @Option(names = "--overwrite",
            description = "Replace the Images/, Labels/ and synth-config.json an earlier run left in the output folder "
                    + "(without it such a folder is refused, so old views never join new ones).")
    boolean overwrite;

    @Option(names = "--body-part", paramLabel = "NAME",
            description = "Body part for every volume (default: from each file name, e.g. vhm_pelvis -> pelvis).")
    String bodyPart;

    @Override
    public Integer call() throws XNetException {
        SynthConfig fromFile = configFile == null ? SynthConfig.defaults() : SynthConfig.read(configFile);
        SynthConfig config = Usage.build(spec, () -> {
            SynthConfig c = views == null ? fromFile : fromFile.withViews(views);
            c = size == null ? c : c.withSize(size);
            c = domain == null ? c : c.withDomainRandomisation(SynthEffect.parse(domain));
            return seed == null ? c : c.withSeed(seed);
        });
        List<SynthJob.Source> sources = SynthJob.plan(ct, bodyPart);
        List<SynthJob.Written> written;
        try (ProgressBars progress = new ProgressBars(spec.commandLine().getErr(), true)) {
            written = SynthJob.run(sources, out, config, overwrite, progress);
        }
        var o = spec.commandLine().getOut();
        for (SynthJob.Written w : written) {
            o.printf("%-28s %-8s %3d views  open beam %5.1f %%  soft tissue %5.1f %%  bone %5.1f %%%n",
                    w.source().path().getFileName(), w.source().bodyPart(), w.views(),
                    100 * w.fraction(SegClass.OPEN_BEAM), 100 * w.fraction(SegClass.SOFT_TISSUE),
                    100 * w.fraction(SegClass.BONE));
        }
        o.printf("wrote %d radiographs to %s%n", written.stream().mapToInt(SynthJob.Written::views).sum(), out);
        return 0;
    }
}
