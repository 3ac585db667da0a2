package org.xnet.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.xnet.core.Dataset;
import org.xnet.core.XNetException;
import org.xnet.io.DatasetFile;
import org.xnet.io.DatasetSummary;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code xnet dataset info FILE}: images per body part per split and class fractions of a dataset file. */
@Command(name = "info", mixinStandardHelpOptions = true,
        description = "Show images per body part per split and class fractions of a dataset file.")
final class DatasetInfoCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE", description = "Dataset file (.h5) written by xnet prepare or the original XNet.")
    Path file;

    @Override
    public Integer call() throws XNetException {
        Dataset dataset = DatasetFile.read(file);
        var out = spec.commandLine().getOut();
        out.printf("%s  sha256 %s%n", file, DatasetFile.sha256(file));
        out.print(DatasetSummary.of(dataset).format());
        out.flush();
        return 0;
    }
}
