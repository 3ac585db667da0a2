package org.xnet.cli;

import org.xnet.core.Provenance;
import org.xnet.core.XNetException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code xnet} command line. Every subcommand is a thin picocli class: parse, call one library
 * method, print. A user mistake (bad file, bad option) gives one line and a non-zero exit code:
 * 1 for bad input, 2 for usage errors.
 */
@Command(name = "xnet",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        description = "Segment radiographs into open beam, soft tissue and bone with XNet, UNet or SegNet.",
        subcommands = {
                CommandLine.HelpCommand.class,
                InfoCommand.class,
                ModelCommand.class,
                PrepareCommand.class,
                DatasetCommand.class,
                AugmentCommand.class,
                SynthCommand.class,
                TrainCommand.class,
                BenchmarkCommand.class,
                SweepCommand.class,
                TrainBenchCommand.class,
                PredictCommand.class,
                EvaluateCommand.class,
                DemoCommand.class,
        })
public final class Main implements Runnable {
    /** Exit code for bad input files or failures the user can fix. */
    public static final int EXIT_BAD_INPUT = 1;
    /** Exit code for command-line usage errors. */
    public static final int EXIT_USAGE = 2;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the CLI and returns its exit code (for tests). */
    public static int run(String... args) {
        ensureOffline();
        return commandLine().execute(args);
    }

    /** The configured picocli command line. */
    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new Main());
        cl.setExecutionExceptionHandler(Main::handleExecutionException);
        cl.setExitCodeExceptionMapper(t -> t instanceof CommandLine.ParameterException ? EXIT_USAGE : EXIT_BAD_INPUT);
        return cl;
    }

    /** DJL must never reach the network: set offline mode before any engine class loads. */
    static void ensureOffline() {
        if (System.getProperty("ai.djl.offline") == null) {
            System.setProperty("ai.djl.offline", "true");
        }
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }

    private static int handleExecutionException(Exception e, CommandLine cl, CommandLine.ParseResult parsed)
            throws Exception {
        Throwable t = e;
        while (t.getCause() != null && !(t instanceof XNetException)) {
            t = t.getCause();
        }
        if (t instanceof XNetException) {
            cl.getErr().println("xnet: " + t.getMessage());
            return EXIT_BAD_INPUT;
        }
        if (e instanceof IllegalArgumentException) {
            cl.getErr().println("xnet: " + e.getMessage());
            return EXIT_USAGE;
        }
        throw e;
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Version from the build. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"xnet " + Provenance.softwareVersion()};
        }
    }
}
