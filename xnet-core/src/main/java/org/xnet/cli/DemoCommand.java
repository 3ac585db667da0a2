package org.xnet.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.xnet.core.SegClass;
import org.xnet.core.XNetException;
import org.xnet.eval.Metrics;
import org.xnet.pipeline.Demo;
import org.xnet.train.StopOnSignal;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code xnet demo}: synth, prepare, train, evaluate and report on built-in CT volumes. */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Run the whole pipeline on the CT volumes built into the jar (or --data): synthesise "
                + "labelled radiographs, prepare a dataset, train a compact XNet on the CPU for a few minutes, "
                + "evaluate it and write an HTML report with the predictions.",
                "Ctrl-C during training ends it after the current step and names the best model so far."})
final class DemoCommand implements Callable<Integer> {
    @Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--data", arity = "1..*", paramLabel = "CT",
            description = "CT volumes (.nii/.nii.gz), folders of them or DICOM series folders, e.g. ../shared/data/ct "
                    + "(default: the built-in volumes).")
    List<Path> ct = List.of();

    @Option(names = "--out", defaultValue = "demo-out", paramLabel = "DIR", description = "Output folder. Default ${DEFAULT-VALUE}.")
    Path out;

    @Option(names = "--views", defaultValue = "24", paramLabel = "N", description = "Radiographs per volume. Default ${DEFAULT-VALUE}.")
    int views;

    @Option(names = "--size", defaultValue = "200", paramLabel = "PX", description = "Image size. Default ${DEFAULT-VALUE}.")
    int size;

    @Option(names = "--filters", defaultValue = "8,16,32,64", split = ",", paramLabel = "F",
            converter = ModelSpecOptions.FilterDepthConverter.class,
            description = "XNet filter depths. Default ${DEFAULT-VALUE}.")
    List<Integer> filters;

    @Option(names = "--epochs", defaultValue = "200", paramLabel = "N", description = "At most N epochs. Default ${DEFAULT-VALUE}.")
    int epochs;

    @Option(names = "--minutes", defaultValue = "4", paramLabel = "M",
            description = "Training time budget in minutes (0 = no limit). Default ${DEFAULT-VALUE}.")
    double minutes;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "42", description = "Random seed. Default ${DEFAULT-VALUE}.")
    long seed;

    @Override
    public Integer call() throws XNetException {
        var request = Usage.build(spec, () -> new Demo.Request(ct, out, views, size, filters, epochs, minutes, seed));
        // the stop hook holds the exiting JVM until this block is done, so the last message is printed
        try (StopOnSignal stop = StopOnSignal.install()) {
            Demo.Result result;
            try (StagePrinter printer = new StagePrinter(spec.commandLine().getErr(), Demo.STAGES)) {
                result = Demo.run(request, printer, TrainingProgressBar.listShown(true), stop.flag());
            } catch (XNetException e) {
                spec.commandLine().getErr().println("xnet: " + e.getMessage());
                spec.commandLine().getErr().flush();
                return Main.EXIT_BAD_INPUT;
            }
            print(result);
        }
        return 0;
    }

    private void print(Demo.Result result) {
        Metrics m = result.evaluation().prediction();
        var o = spec.commandLine().getOut();
        o.printf(Locale.ROOT, "trained %d epochs (best %d, %s), validation accuracy %.1f %%%n",
                result.training().completedEpochs(), result.training().bestEpoch(), result.training().stopReason().key(),
                100 * result.training().bestValAcc());
        o.printf(Locale.ROOT, "test accuracy %.1f %%, soft tissue F1 %.3f, soft-tissue false positives %.1f %%%n",
                100 * m.accuracy(), m.of(SegClass.SOFT_TISSUE).f1(), 100 * m.tissueFalsePositiveRate());
        o.printf("model:   %s%n", result.model().toAbsolutePath());
        o.printf("dataset: %s%n", result.data().toAbsolutePath());
        o.printf("report:  %s%n", result.report().toAbsolutePath());
        o.flush();
    }
}
