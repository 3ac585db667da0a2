package org.xnet.cli;

import org.xnet.core.Provenance;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code xnet} command line. Every subcommand is a thin picocli class: parse, call one library
 * method, print. Exit codes ({@link Failures} has the rule): 2 for usage errors (a bad option or a
 * value the library refused), 1 for bad input the user can fix (one line naming the file) and 1 for
 * unexpected failures (engine errors, out of memory, bugs: one line; the stack trace only when
 * {@value #DEBUG_VARIABLE} is set).
 */
@Command(name = "xnet",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        description = "Segment radiographs into open beam, soft tissue and bone with XNet, UNet or SegNet.",
        subcommands = {
                CommandLine.HelpCommand.class,
                InfoCommand.class,
                ModelCommand.class,
                ModelsCommand.class,
                PrepareCommand.class,
                DatasetCommand.class,
                AugmentCommand.class,
                SynthCommand.class,
                TrainCommand.class,
                BenchmarkCommand.class,
                SweepCommand.class,
                CrossvalCommand.class,
                TrainBenchCommand.class,
                PredictCommand.class,
                EvaluateCommand.class,
                DemoCommand.class,
                ExportCommand.class,
        })
public final class Main implements Runnable {
    /** Exit code for bad input the user can fix (a file, an output) and for unexpected failures. */
    public static final int EXIT_BAD_INPUT = 1;
    /** Exit code for command-line usage errors: a bad option, or a value the library refused. */
    public static final int EXIT_USAGE = 2;
    /** Environment variable that, when set, makes unexpected failures print their stack trace. */
    public static final String DEBUG_VARIABLE = "XNET_DEBUG";

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

    /** The configured picocli command line; stack traces only when {@value #DEBUG_VARIABLE} is set. */
    public static CommandLine commandLine() {
        String debug = System.getenv(DEBUG_VARIABLE);
        return commandLine(debug != null && !debug.isEmpty());
    }

    /** The configured command line, printing the stack trace of unexpected failures when {@code debug}. */
    static CommandLine commandLine(boolean debug) {
        CommandLine cl = new CommandLine(new Main());
        cl.setExecutionStrategy(Main::executeReportingErrors);
        Failures failures = new Failures(debug, cl.getParameterExceptionHandler());
        cl.setExecutionExceptionHandler(failures);
        cl.setParameterExceptionHandler(failures);
        cl.setExitCodeExceptionMapper(t -> t instanceof CommandLine.ParameterException ? EXIT_USAGE : EXIT_BAD_INPUT);
        giveVersionToSubcommands(cl);
        return cl;
    }

    /**
     * Runs the command; an {@link Error} (out of memory, a native library that does not load) is
     * handed to the exception handler like any exception instead of escaping picocli.
     */
    private static int executeReportingErrors(CommandLine.ParseResult parsed) {
        try {
            return new CommandLine.RunLast().execute(parsed);
        } catch (Error e) {
            throw new CommandLine.ExecutionException(parsed.commandSpec().commandLine(), String.valueOf(e), e);
        }
    }

    /** So that {@code -V} works on every subcommand, not only on {@code xnet} itself. */
    private static void giveVersionToSubcommands(CommandLine cl) {
        for (CommandLine sub : cl.getSubcommands().values()) {
            if (sub.getCommandSpec().version().length == 0) {
                sub.getCommandSpec().versionProvider(cl.getCommandSpec().versionProvider());
            }
            giveVersionToSubcommands(sub);
        }
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
