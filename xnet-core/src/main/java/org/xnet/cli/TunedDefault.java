package org.xnet.cli;

import java.util.Optional;
import org.xnet.core.XNetException;
import org.xnet.eval.TunedPostProcessing;
import org.xnet.infer.ModelRef;
import picocli.CommandLine;

/**
 * The post-processing {@code predict} and {@code evaluate} apply by default: what an ensemble's
 * {@code ensemble.json} records (tuned by {@code xnet crossval}, with or without TTA), unless the user
 * gave {@code --threshold} or {@code --dilate}; announced on standard output when it applies.
 */
final class TunedDefault {
    private TunedDefault() {
    }

    /**
     * The recorded choice for {@code model} and {@code tta}, empty when {@code userGaveOne} (the user's
     * options win) or when the model records none; {@code note} adds to the announcement.
     */
    static Optional<TunedPostProcessing.Choice> choose(CommandLine.Model.CommandSpec spec, ModelRef model, boolean tta,
                                                       boolean userGaveOne, String note) throws XNetException {
        Optional<TunedPostProcessing.Choice> tuned = userGaveOne ? Optional.empty() : model.tunedPostProcessing(tta);
        tuned.ifPresent(c -> spec.commandLine().getOut().println("post-processing tuned by xnet crossval: "
                + c.describe() + (c.threshold() == null ? note : "")));
        return tuned;
    }
}
