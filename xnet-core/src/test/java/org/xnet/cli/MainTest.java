package org.xnet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.engine.EngineException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import org.xnet.core.Provenance;
import org.xnet.core.XNetException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The command line itself: help, version, and how failures reach the user. */
class MainTest {
    /** A command that fails with the given throwable, to exercise the failure handling. */
    @Command(name = "fail", mixinStandardHelpOptions = true)
    static final class Failing implements Callable<Integer> {
        private final Throwable failure;

        Failing(Throwable failure) {
            this.failure = failure;
        }

        @Override
        public Integer call() throws Exception {
            if (failure instanceof Error e) {
                throw e;
            }
            throw (Exception) failure;
        }
    }

    private static CliRun runFailing(Throwable failure, boolean debug) {
        Main.ensureOffline();
        CommandLine cl = Main.commandLine(debug);
        cl.addSubcommand("fail", new Failing(failure));
        return CliRun.on(cl, "fail");
    }

    @Test
    void helpListsEverySubcommand() {
        CliRun run = CliRun.of("--help");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).startsWith("Usage: xnet ");
        assertThat(Main.commandLine().getSubcommands().keySet()).contains("info", "model", "train", "predict");
        for (String name : Main.commandLine().getSubcommands().keySet()) {
            assertThat(run.out()).containsPattern("(?m)^ +" + name + " ");
        }
    }

    @Test
    void versionIsTheBuildVersion() {
        CliRun run = CliRun.of("--version");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out().strip()).isEqualTo("xnet " + Provenance.softwareVersion())
                .matches("xnet \\d+\\.\\d+\\.\\d+(-SNAPSHOT)?");
    }

    @Test
    void everySubcommandOfferingVersionPrintsIt() {
        List<List<String>> offering = new ArrayList<>();
        collectVersionOptions(Main.commandLine(), new ArrayList<>(), offering);
        assertThat(offering).contains(List.of("info"), List.of("model", "summary"), List.of("train"));
        for (List<String> path : offering) {
            List<String> args = new ArrayList<>(path);
            args.add("-V");
            CliRun run = CliRun.of(args.toArray(String[]::new));
            assertThat(run.exitCode()).as("%s -V", path).isZero();
            assertThat(run.out().strip()).as("%s -V", path).isEqualTo("xnet " + Provenance.softwareVersion());
        }
    }

    private static void collectVersionOptions(CommandLine cl, List<String> path, List<List<String>> into) {
        for (var entry : cl.getSubcommands().entrySet()) {
            List<String> sub = new ArrayList<>(path);
            sub.add(entry.getKey());
            if (entry.getValue().getCommandSpec().optionsMap().containsKey("-V")) {
                into.add(sub);
            }
            collectVersionOptions(entry.getValue(), sub, into);
        }
    }

    @Test
    void hugeFilterDepthIsAUsageErrorNamingTheOption() {
        CliRun run = CliRun.of("model", "summary", "--filters", "2,2,2,100000");
        assertThat(run.exitCode()).isEqualTo(Main.EXIT_USAGE);
        assertThat(run.err().lines().findFirst()).hasValueSatisfying(line -> assertThat(line)
                .contains("--filters").contains("filter depth must be between 1 and 4096, got 100000"));
        assertThat(run.err()).doesNotContain("Exception").doesNotContainPattern("(?m)^\\s+at ");
        assertThat(CliRun.of("model", "init", "--filters", "0,2,2,2", "--out", "never.xnet").exitCode())
                .isEqualTo(Main.EXIT_USAGE);
        assertThat(CliRun.of("model", "summary", "--filters", "2,x,2,2").err()).contains("'x' is not a whole number");
    }

    @Test
    void unexpectedFailuresAreOneLineWithExitCodeOne() {
        record Case(Throwable failure, String line) {
        }
        List<Case> cases = List.of(
                new Case(new EngineException("DefaultCPUAllocator: can't allocate memory: you tried to allocate "
                        + "14745600000 bytes.\nException raised from alloc_cpu at c10/core/impl/alloc_cpu.cpp:117"),
                        "xnet: fail: unexpected EngineException: DefaultCPUAllocator: can't allocate memory: you tried "
                                + "to allocate 14745600000 bytes. (set XNET_DEBUG=1 for the stack trace)"),
                new Case(new OutOfMemoryError("Java heap space"),
                        "xnet: fail: out of memory (Java heap space) (set XNET_DEBUG=1 for the stack trace)"),
                new Case(new IllegalStateException(),
                        "xnet: fail: unexpected IllegalStateException (set XNET_DEBUG=1 for the stack trace)"),
                new Case(new UncheckedIOException(new AccessDeniedException("/data/m.xnet")),
                        "xnet: fail: /data/m.xnet: permission denied (set XNET_DEBUG=1 for the stack trace)"));
        for (Case c : cases) {
            CliRun run = runFailing(c.failure(), false);
            assertThat(run.exitCode()).as(c.line()).isEqualTo(Main.EXIT_BAD_INPUT);
            assertThat(run.err()).isEqualTo(c.line() + System.lineSeparator());
        }
    }

    @Test
    void userErrorsKeepTheirMessageAndDebugModeAddsTheStackTrace() {
        CliRun user = runFailing(new XNetException("in.tif: not an image"), false);
        assertThat(user.exitCode()).isEqualTo(Main.EXIT_BAD_INPUT);
        assertThat(user.err()).isEqualTo("xnet: in.tif: not an image" + System.lineSeparator());
        // an IllegalArgumentException that reaches the handler is a bug, not the user's mistake
        CliRun bug = runFailing(new IllegalArgumentException("--size must be positive"), false);
        assertThat(bug.exitCode()).isEqualTo(Main.EXIT_BAD_INPUT);
        assertThat(bug.err()).isEqualTo("xnet: fail: unexpected IllegalArgumentException: --size must be positive"
                + " (set XNET_DEBUG=1 for the stack trace)" + System.lineSeparator());

        CliRun debug = runFailing(new EngineException("boom"), true);
        assertThat(debug.exitCode()).isEqualTo(Main.EXIT_BAD_INPUT);
        List<String> lines = debug.err().lines().toList();
        assertThat(lines.get(0)).isEqualTo("xnet: fail: unexpected EngineException: boom");
        assertThat(lines.get(1)).isEqualTo("ai.djl.engine.EngineException: boom");
        assertThat(lines).anyMatch(l -> l.strip().startsWith("at org.xnet.cli.MainTest."));
    }
}
