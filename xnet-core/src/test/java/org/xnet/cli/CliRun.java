package org.xnet.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;

/** Runs the CLI in-process and keeps its exit code, standard output and error output. */
record CliRun(int exitCode, String out, String err) {
    static CliRun of(String... args) {
        Main.ensureOffline();
        return on(Main.commandLine(), args);
    }

    /** Runs {@code args} on a given command line (e.g. one with an extra test command). */
    static CliRun on(CommandLine cl, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int code = cl.execute(args);
        return new CliRun(code, out.toString(), err.toString());
    }
}
