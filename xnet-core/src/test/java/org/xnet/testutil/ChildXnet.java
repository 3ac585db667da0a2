package org.xnet.testutil;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code xnet ARGS} in a child JVM with this JVM's classpath, offline and headless, as a user's shell
 * would start it: for tests that signal, kill or time a real process (the product's code path, its
 * own JVM, its own exit code). The child JVM compiles with C1 only ({@code -XX:TieredStopAtLevel=1}):
 * a JVM that lives a few seconds spends more CPU in the C2 compiler than it gains (a two-epoch tiny
 * training: 2.9 s of CPU instead of 5.0 s here); results do not change, the heavy arithmetic is
 * libtorch's and Java's floating point is the same in every compiler.
 */
public final class ChildXnet {
    private ChildXnet() {
    }

    /** The command; the caller redirects its output. */
    public static ProcessBuilder command(String... args) {
        return command(List.of(), args);
    }

    /** The command with extra JVM options ({@code -Xmx1g}); the caller redirects its output. */
    public static ProcessBuilder command(List<String> jvmOptions, String... args) {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-Dai.djl.offline=true", "-Djava.awt.headless=true"));
        cmd.addAll(jvmOptions);
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), "org.xnet.cli.Main"));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().put("DJL_OFFLINE", "true");
        return pb;
    }

    /** Starts the command with standard output discarded and standard error written to {@code stderr}. */
    public static Process start(Path stderr, String... args) throws IOException {
        return command(args).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.to(stderr.toFile())).start();
    }
}
