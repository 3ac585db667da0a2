package org.xnet.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The kernel check on this machine's libtorch. Where the oneDNN repair applied or was not needed,
 * every configuration must compute correct convolutions, forward and backward: a repair that did
 * not take, or a libtorch with a new bug, fails here. The decision logic itself is tested with
 * injected kernels (KernelCheckTest, RuntimeChoiceTest, OneDnnCacheRepairTest).
 */
class KernelsTest {
    @Test
    void afterTheRepairEveryConfigurationIsCorrect() {
        String repair = Kernels.ensureRepaired();
        assertThat(repair).matches("(repaired|not affected|not applicable|failed): .+");
        assumeTrue(repair.startsWith("repaired") || repair.startsWith("not affected"), repair);
        List<KernelVerdict> verdicts = Kernels.verdicts();
        assertThat(verdicts).extracting(KernelVerdict::options).containsExactlyElementsOf(RuntimeOptions.all());
        for (KernelVerdict v : verdicts) {
            assertThat(v.trainingFailure()).as(v.options().describe() + " (" + repair + ")").isEmpty();
            assertThat(v.cases()).hasSize(KernelCheck.CASES.size());
        }
    }

    @Test
    void theRepairRunsOnceAndTheVerdictsAreRemembered() {
        assertThat(Kernels.ensureRepaired()).isEqualTo(Kernels.ensureRepaired());
        RuntimeOptions o = RuntimeOptions.all().get(1);
        assertThat(Kernels.verdict(o)).isSameAs(Kernels.verdict(o));
    }

    @Test
    void anotherThreadCountOnceTheEngineRunsIsRefused() throws Exception {
        Kernels.ensureRepaired(); // the engine runs (the tests configure 1 thread, pom.xml)
        int running = Kernels.configuredThreads();
        RuntimeRequest more = RuntimeRequest.AUTO.withThreads(running + 1);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Kernels.resolve(more, Workload.INFERENCE))
                .isInstanceOf(org.xnet.core.XNetException.class)
                .hasMessageStartingWith("cannot run with " + (running + 1) + " threads: this process's engine already runs with ");
        if (running > 0) {
            assertThat(Kernels.resolve(RuntimeRequest.AUTO.withThreads(running), Workload.INFERENCE).threads())
                    .isEqualTo(running);
        }
    }
}
