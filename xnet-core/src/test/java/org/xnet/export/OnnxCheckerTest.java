package org.xnet.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.djl.ndarray.NDManager;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xnet.model.ModelSpec;

/**
 * The exports pass the ONNX project's own checker ({@code onnx.checker.check_model} with full_check,
 * Debian's python3-onnx) and numpy reads the package's test tensors (check_export.py). Skipped, with
 * the reason, where /usr/bin/python3 has no onnx module ({@code apt-get install python3-onnx}).
 */
@Tag("slow")
class OnnxCheckerTest {
    private static final String PYTHON = "/usr/bin/python3";

    @TempDir
    Path dir;

    @Test
    void referenceCheckerAcceptsEveryArchitectureAndThePackage() throws Exception {
        assumeTrue(run(List.of(PYTHON, "-c", "import onnx, numpy, yaml")).exit == 0,
                "skipped: " + PYTHON + " lacks onnx, numpy or yaml (apt-get install python3-onnx python3-yaml)");
        List<String> args = new ArrayList<>(List.of(PYTHON, script().toString()));
        try (NDManager manager = NDManager.newBaseManager()) {
            for (ModelSpec spec : List.of(TinyNets.XNET, TinyNets.XNET_SHARED, TinyNets.UNET, TinyNets.SEGNET)) {
                var net = TinyNets.random(spec, manager, 2);
                String name = spec.architecture().cliName() + (spec.shareWeights() ? "-shared" : "");
                for (OnnxShape shape : List.of(OnnxShape.dynamic(), OnnxShape.fixed(40, 24))) {
                    Path file = dir.resolve(name + "-" + shape + ".onnx");
                    Files.write(file, OnnxExport.toBytes(net, shape, Map.of("k", "v")));
                    args.add(file.toString());
                }
            }
        }
        Path model = dir.resolve("tiny.xnet");
        PackageFiles.saveRandomModel(TinyNets.UNET, 40, model);
        Path zip = dir.resolve("tiny.zip");
        BioImageIoExport.export(model, zip, BioImageIoOptions.of("MIT"));
        args.add(zip.toString());

        Result r = run(args);
        System.out.print(r.output);
        assertThat(r.exit).as(r.output).isZero();
        // one line per file, and one more for the model inside the package
        assertThat(r.output.lines().filter(l -> l.contains(" ok: "))).hasSize(args.size() - 2 + 1);
    }

    private Path script() throws Exception {
        Path script = dir.resolve("check_export.py");
        try (InputStream in = getClass().getResourceAsStream("check_export.py")) {
            Files.copy(in, script);
        }
        return script;
    }

    private record Result(int exit, String output) {
    }

    private static Result run(List<String> command) throws Exception {
        if (!Files.isExecutable(Path.of(PYTHON))) {
            return new Result(-1, PYTHON + " not found");
        }
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(5, TimeUnit.MINUTES)) {
            p.destroy();
            return new Result(-1, "timed out\n" + output);
        }
        return new Result(p.exitValue(), output);
    }
}
