package org.xnet.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import me.tongfei.progressbar.ProgressBar;
import org.xnet.core.SegClass;
import org.xnet.core.XNetException;
import org.xnet.synth.SynthConfig;
import org.xnet.synth.SynthJob;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code xnet synth}: labelled radiographs (digitally reconstructed) from CT volumes. */
@Command(name = "synth", mixinStandardHelpOptions = true,
        description = "Make labelled radiographs from CT volumes (NIfTI): Images/PART/*.tif and Labels/PART/*onehot.png.")
final class SynthCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--ct", required = true, arity = "1..*", paramLabel = "FILE_OR_DIR",
            description = "CT volumes (.nii, .nii.gz), folders of them, or DICOM series folders.")
    List<Path> ct;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output folder.")
    Path out;

    @Option(names = "--views", defaultValue = "10", description = "Radiographs per volume (default ${DEFAULT-VALUE}).")
    int views;

    @Option(names = "--size", defaultValue = "200", description = "Detector pixels per side (default ${DEFAULT-VALUE}).")
    int size;

    @Option(names = "--seed", defaultValue = "42", description = "Random seed (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--body-part", paramLabel = "NAME",
            description = "Body part for every volume (default: from each file name, e.g. vhm_pelvis -> pelvis).")
    String bodyPart;

    @Override
    public Integer call() throws XNetException {
        SynthConfig config = SynthConfig.defaults().withViews(views).withSize(size).withSeed(seed);
        List<SynthJob.Source> sources = SynthJob.plan(ct, bodyPart);
        List<SynthJob.Written> written;
        try (ProgressBar bar = ProgressBars.create("synth", (long) sources.size() * views)) {
            written = SynthJob.run(sources, out, config, bar::step);
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
