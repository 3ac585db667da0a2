package org.xnet.synth;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import org.xnet.io.Nifti;

/**
 * Not a test: times {@link Synthesizer#render} on one CT volume with the default config (200x200,
 * cone beam), reporting wall time and process CPU time per view. Run:
 * {@code java -cp target/classes:target/test-classes:target/lib/* org.xnet.synth.SynthBenchTool CT.nii.gz VIEWS}.
 */
public final class SynthBenchTool {
    public static void main(String[] args) throws Exception {
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        int views = Integer.parseInt(args[1]);
        long w0 = System.nanoTime();
        BodyVolume body = BodyVolume.of(Nifti.read(Path.of(args[0])), -300);
        long w1 = System.nanoTime();
        Synthesizer synth = new Synthesizer(SynthConfig.defaults().withViews(views));
        synth.render(body, new View(10, 0, 1)); // warm-up
        long c0 = os.getProcessCpuTime();
        long w2 = System.nanoTime();
        for (View v : synth.drawViews(5)) {
            synth.render(body, v);
        }
        long w3 = System.nanoTime();
        long c1 = os.getProcessCpuTime();
        System.out.printf("%s: read+body %.1f s; %d views in %.2f s wall = %.2f views/s; CPU %.2f s/view; cores %d%n",
                body, (w1 - w0) / 1e9, views, (w3 - w2) / 1e9, views / ((w3 - w2) / 1e9), (c1 - c0) / 1e9 / views,
                Runtime.getRuntime().availableProcessors());
    }
}
