package org.xnet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import org.xnet.core.Image2D;
import org.xnet.core.InvalidSetting;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The exit-code rule of {@link Failures}: usage errors are picocli's parameter exceptions and what a
 * command converts into one on purpose ({@link Usage}); an IllegalArgumentException from inside a
 * library call is unexpected (exit 1), not a usage error.
 */
class FailuresTest {
    /** A library record whose constructor refuses a bad size, as the config records do. */
    record Settings(int size) {
        Settings {
            if (size < 1) {
                throw new IllegalArgumentException("size must be positive, got " + size);
            }
        }
    }

    /**
     * A library call: refuses a setting by an InvalidSetting, or, with {@code bug}, makes a library
     * value of a wrong size deep inside (an IllegalArgumentException the user did not cause).
     */
    static int libraryCall(int size, boolean bug) {
        if (size < 1) {
            throw new InvalidSetting("size", "must be positive, got " + size);
        }
        if (bug) {
            return new Image2D(size, size, new float[size * size + 1]).width();
        }
        return size;
    }

    /** A command as the real ones are written: options parsed, the library builds and runs. */
    @Command(name = "probe", mixinStandardHelpOptions = true)
    static final class Probe implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--size", defaultValue = "1")
        int size;

        @Option(names = "--mode", defaultValue = "build")
        String mode;

        @Override
        public Integer call() throws Exception {
            switch (mode) {
                case "build" -> Usage.build(spec, () -> new Settings(size));
                case "run" -> Usage.run(spec, () -> libraryCall(size, false));
                case "named" -> Usage.run(spec, java.util.Map.of("size", "--size"), () -> libraryCall(size, false));
                case "bug" -> Usage.run(spec, () -> libraryCall(size, true));
                case "unconverted" -> libraryCall(size, false);
                default -> throw new CommandLine.ParameterException(spec.commandLine(), "unknown --mode " + mode);
            }
            spec.commandLine().getOut().println("ok");
            return 0;
        }
    }

    private static CliRun probe(String... args) {
        Main.ensureOffline();
        CommandLine cl = Main.commandLine(false);
        cl.addSubcommand("probe", new Probe());
        String[] all = new String[args.length + 1];
        all[0] = "probe";
        System.arraycopy(args, 0, all, 1, args.length);
        return CliRun.on(cl, all);
    }

    @Test
    void aValueARecordRefusesIsAUsageErrorOfOneLine() {
        CliRun run = probe("--size", "0", "--mode", "build");
        assertThat(run.exitCode()).isEqualTo(Main.EXIT_USAGE);
        assertThat(run.err()).isEqualTo("xnet: size must be positive, got 0" + System.lineSeparator());
        assertThat(probe("--size", "3", "--mode", "build").exitCode()).isZero();
    }

    @Test
    void aSettingALibraryCallRefusesIsAUsageError() {
        CliRun run = probe("--size", "0", "--mode", "run");
        assertThat(run.exitCode()).isEqualTo(Main.EXIT_USAGE);
        assertThat(run.err()).isEqualTo("xnet: size must be positive, got 0" + System.lineSeparator());
    }

    @Test
    void aRefusedSettingTheCommandNamesIsThatOptionsError() {
        CliRun run = probe("--size", "-4", "--mode", "named");
        assertThat(run.exitCode()).isEqualTo(Main.EXIT_USAGE);
        List<String> lines = run.err().lines().toList();
        assertThat(lines.get(0)).isEqualTo("--size must be positive, got -4");
        assertThat(lines.get(1)).startsWith("Usage: xnet probe");
    }

    @Test
    void anIllegalArgumentExceptionFromInsideALibraryCallIsUnexpected() {
        CliRun run = probe("--mode", "bug");
        assertThat(run.exitCode()).isEqualTo(Main.EXIT_BAD_INPUT).isNotEqualTo(Main.EXIT_USAGE);
        assertThat(run.err()).startsWith("xnet: probe: unexpected IllegalArgumentException: pixel count 2 does not match")
                .endsWith(" (set XNET_DEBUG=1 for the stack trace)" + System.lineSeparator())
                .hasLineCount(1);
        assertThat(run.out()).doesNotContain("ok");
    }

    @Test
    void aRefusalNoCommandConvertedIsUnexpectedToo() {
        // the conversion is the command's job: a refusal it let through is its bug
        CliRun run = probe("--size", "0", "--mode", "unconverted");
        assertThat(run.exitCode()).isEqualTo(Main.EXIT_BAD_INPUT);
        assertThat(run.err()).startsWith("xnet: probe: unexpected InvalidSetting: size must be positive, got 0");
    }

    @Test
    void aParseErrorKeepsPicocliMessageAndUsage() {
        CliRun run = probe("--size", "abc");
        assertThat(run.exitCode()).isEqualTo(Main.EXIT_USAGE);
        assertThat(run.err()).startsWith("Invalid value for option '--size': 'abc' is not an int")
                .contains("Usage: xnet probe");
    }
}
