package org.xnet.cli;

import java.util.concurrent.Callable;
import org.xnet.core.Provenance;
import org.xnet.model.CpuFeatures;
import org.xnet.model.EngineInfo;
import picocli.CommandLine.Command;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code xnet info}: the engine, its version, threads, offline mode and device. */
@Command(name = "info", mixinStandardHelpOptions = true,
        description = "Show the deep-learning engine, its version, threads, offline mode and device.")
final class InfoCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        EngineInfo info = EngineInfo.current();
        var out = spec.commandLine().getOut();
        out.printf("xnet        %s%n", Provenance.softwareVersion());
        out.printf("engine      %s %s (DJL %s)%n", info.engine(), info.engineVersion(), info.djlVersion());
        out.printf("threads     %s%n", info.threads());
        out.printf("offline     %s%n", info.offline());
        out.printf("device      %s%n", info.device());
        CpuFeatures cpu = CpuFeatures.detect();
        out.printf("cpu         %s%n", cpu.model());
        out.printf("bfloat16    %s%n", cpu.bf16()
                ? "hardware support (" + (cpu.amxBf16() ? "AMX" : "AVX-512 BF16") + "): default precision bf16 (--precision fp32 to change)"
                : "no AMX or AVX-512 BF16 on this CPU: default precision fp32 (--precision bf16 works, emulated and slower)");
        out.printf("java        %s%n", System.getProperty("java.version"));
        return 0;
    }
}
