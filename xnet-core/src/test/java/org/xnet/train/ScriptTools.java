package org.xnet.train;

import ai.djl.ndarray.NDManager;
import org.xnet.core.XNetException;
import org.xnet.io.DatasetFile;
import org.xnet.model.ModelFile;

import java.nio.file.Path;

/**
 * Helpers for scripts/kill-resume-test.sh (run from the test classpath, not a test):
 * {@code dataset OUT.h5} writes the tiny synthetic dataset of the trainer tests;
 * {@code load FILE.xnet...} loads every model file and exits 1 naming the first that fails.
 */
public final class ScriptTools {
    private ScriptTools() {
    }

    public static void main(String[] args) throws XNetException {
        if (args.length >= 2 && args[0].equals("dataset")) {
            DatasetFile.write(TinySegData.dataset(16, 48, 8, 21), Path.of(args[1]));
            return;
        }
        if (args.length >= 1 && args[0].equals("load")) {
            try (NDManager m = NDManager.newBaseManager()) {
                for (int i = 1; i < args.length; i++) {
                    try {
                        ModelFile.load(Path.of(args[i]), m);
                        System.out.println("ok " + args[i]);
                    } catch (XNetException | RuntimeException e) {
                        System.out.println("CORRUPT " + args[i] + ": " + e.getMessage());
                        System.exit(1);
                    }
                }
            }
            return;
        }
        System.err.println("usage: ScriptTools dataset OUT.h5 | load FILE.xnet...");
        System.exit(2);
    }
}
