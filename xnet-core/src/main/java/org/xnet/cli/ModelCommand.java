package org.xnet.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code xnet model}: describe, create and time the networks. */
@Command(name = "model", mixinStandardHelpOptions = true,
        description = "Describe, create and time the XNet, UNet and SegNet networks.",
        subcommands = {ModelSummaryCommand.class, ModelInitCommand.class, ModelBenchCommand.class})
final class ModelCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
