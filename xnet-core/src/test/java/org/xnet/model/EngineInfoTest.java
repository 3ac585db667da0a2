package org.xnet.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EngineInfoTest {
    @Test
    void threadsSayWhetherTheyAreConfiguredOrLibtorchsDefault() {
        assertThat(EngineInfo.describeThreads("4", 2)).isEqualTo("4 (configured)");
        assertThat(EngineInfo.describeThreads(" 3 ", 8)).isEqualTo("3 (configured)");
        assertThat(EngineInfo.describeThreads(null, 2)).isEqualTo("libtorch default (not configured; 2 processors)");
        assertThat(EngineInfo.describeThreads("", 16)).isEqualTo("libtorch default (not configured; 16 processors)");
    }

    @Test
    void currentEngineIsOfflinePyTorchOnTheCpu() {
        EngineInfo info = EngineInfo.current();
        assertThat(info.engine()).isEqualTo("PyTorch");
        assertThat(info.offline()).isTrue();
        assertThat(info.device()).isEqualTo("cpu()");
    }
}
