package org.xnet.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.xnet.model.BuiltinModels;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code xnet models}: the models built into xnet, with their size and held-out accuracy. */
@Command(name = "models", mixinStandardHelpOptions = true,
        description = {"List the trained models built into xnet (xnet predict uses the first one when no --model "
                + "is given; --model builtin:NAME picks one): size, SHA-256 and accuracy on a CT volume left out "
                + "of training (docs/MODELS.md)."})
final class ModelsCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        List<BuiltinModels.Entry> models = BuiltinModels.all();
        if (models.isEmpty()) {
            out.println("no built-in models in this build");
            return 0;
        }
        for (int i = 0; i < models.size(); i++) {
            BuiltinModels.Entry m = models.get(i);
            out.printf(Locale.ROOT, "%s%s  %.1f MB  %,d parameters  sha256 %s%n  %s%n", m.name(),
                    i == 0 ? " (default)" : "", m.sizeBytes() / 1e6, m.parameters(), m.sha256(), m.description());
            for (BuiltinModels.HeldOut h : m.heldOut()) {
                out.printf(Locale.ROOT, "  held out %s (%d views): %s; with %s: %s%n", h.volume(), h.images(),
                        scores(h.plain()), h.postProcessing(), scores(h.postProcessed()));
            }
        }
        return 0;
    }

    private static String scores(BuiltinModels.Scores s) {
        return String.format(Locale.ROOT, "accuracy %.1f %%, soft-tissue F1 %.3f, soft-tissue FP rate %.1f %%",
                100 * s.accuracy(), s.softTissueF1(), 100 * s.softTissueFpRate());
    }
}
