package org.xnet.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code xnet dataset}: commands on prepared dataset files. */
@Command(name = "dataset", mixinStandardHelpOptions = true,
        description = "Inspect prepared dataset files (HDF5, original XNet layout).",
        subcommands = {DatasetInfoCommand.class})
final class DatasetCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing required subcommand (try: xnet dataset info FILE)");
    }
}
