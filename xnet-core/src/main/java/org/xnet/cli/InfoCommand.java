package org.xnet.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.xnet.core.Provenance;
import org.xnet.core.XNetException;
import org.xnet.model.CpuFeatures;
import org.xnet.model.EngineInfo;
import org.xnet.model.InferenceGraph;
import org.xnet.model.KernelVerdict;
import org.xnet.model.Kernels;
import org.xnet.model.RuntimeOptions;
import org.xnet.model.RuntimeRequest;
import org.xnet.model.Workload;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code xnet info}: the engine, its version, threads, offline mode and device, the CPU, the oneDNN
 * repair, the kernel check's verdict per configuration and the configurations chosen for training
 * and inference.
 */
@Command(name = "info", mixinStandardHelpOptions = true,
        description = {"Show the deep-learning engine, its version, threads, offline mode and device, the CPU, "
                + "and the kernel check: which precision and memory layout compute correct convolutions here, "
                + "and which ones training and prediction use by default.",
                "Exit code 1 when no configuration passes."})
final class InfoCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--check-kernels", description = "Rerun the kernel check and print its table: per shape and "
            + "configuration the worst error as a fraction of its bound (above 1 fails), forward / forward+backward.")
    boolean table;

    @Override
    public Integer call() throws XNetException {
        EngineInfo info = EngineInfo.current();
        PrintWriter out = spec.commandLine().getOut();
        out.printf("xnet        %s%n", Provenance.softwareVersion());
        out.printf("engine      %s %s (DJL %s)%n", info.engine(), info.engineVersion(), info.djlVersion());
        out.printf("threads     %s%n", info.threads());
        out.printf("offline     %s%n", info.offline());
        out.printf("device      %s%n", info.device());
        CpuFeatures cpu = CpuFeatures.detect();
        String cap = CpuFeatures.oneDnnIsaCap();
        String aten = System.getenv("ATEN_CPU_CAPABILITY");
        String caps = (cap == null || cap.isBlank() ? "" : ", oneDNN capped to " + cap)
                + (aten == null || aten.isBlank() ? "" : ", ATen capped to " + aten);
        out.printf("cpu         %s (family %d%s%s)%n", cpu.model(), cpu.family(),
                cpu.avx512() ? ", AVX-512" : ", no AVX-512", caps);
        out.printf("bfloat16    %s%n", cpu.bf16()
                ? "hardware support (" + (cpu.amxBf16() ? "AMX" : "AVX-512 BF16") + ")"
                : CpuFeatures.detectUncapped().bf16() ? "not used: the CPU has it, oneDNN is capped to " + cap
                        + " (--precision bf16 works, emulated and slower)"
                : "no AMX or AVX-512 BF16 on this CPU (--precision bf16 works, emulated and slower)");
        out.printf("java        %s%n", System.getProperty("java.version"));
        out.printf("oneDNN      %s%n", Kernels.ensureRepaired());
        if (table) {
            Kernels.recheck();
        }
        List<KernelVerdict> verdicts = new ArrayList<>();
        for (RuntimeOptions o : RuntimeOptions.all()) {
            long start = System.nanoTime();
            KernelVerdict v = Kernels.verdict(o);
            verdicts.add(v);
            out.printf(Locale.ROOT, "kernels     %-20s %s (%.2f s)%n", o.describe(), describe(v),
                    (System.nanoTime() - start) / 1e9);
        }
        if (table) {
            printTable(out, verdicts);
        }
        out.flush();
        RuntimeOptions training = Kernels.resolve(RuntimeRequest.AUTO, Workload.TRAINING);
        RuntimeOptions inference = Kernels.resolve(RuntimeRequest.AUTO, Workload.INFERENCE);
        out.printf("training    %s (default; --precision and --layout narrow it)%n", training.describe());
        out.printf("inference   %s (default), %s graph%s%n", inference.describe(), InferenceGraph.configured().cliName(),
                InferenceGraph.configured() == InferenceGraph.FOLDED ? " (batch norms folded, one TorchScript call; -D"
                        + InferenceGraph.PROPERTY + "=layers runs the layers)" : "");
        return 0;
    }

    private static String describe(KernelVerdict v) {
        if (v.passes(Workload.TRAINING)) {
            return "correct";
        }
        if (v.passes(Workload.INFERENCE)) {
            return "forward correct, backward WRONG: " + v.trainingFailure();
        }
        return "WRONG: " + v.forwardFailure();
    }

    private static void printTable(PrintWriter out, List<KernelVerdict> verdicts) {
        out.printf("%n%-26s", "shape");
        for (KernelVerdict v : verdicts) {
            out.printf(" %22s", v.options().describe());
        }
        out.println();
        for (int i = 0; i < verdicts.get(0).cases().size(); i++) {
            out.printf("%-26s", verdicts.get(0).cases().get(i).shape());
            for (KernelVerdict v : verdicts) {
                KernelVerdict.CaseResult c = v.cases().get(i);
                out.printf(" %22s", ratio(c.forward()) + " / " + ratio(c.training()));
            }
            out.println();
        }
        out.println();
    }

    private static String ratio(double r) {
        return Double.isInfinite(r) ? "FAIL inf" : r > 1 ? String.format(Locale.ROOT, "FAIL %.3g", r)
                : String.format(Locale.ROOT, "%.3f", r);
    }
}
