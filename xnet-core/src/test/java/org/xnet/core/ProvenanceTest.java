package org.xnet.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The creation time of a provenance: the clock, or SOURCE_DATE_EPOCH for reproducible files. */
class ProvenanceTest {
    private static final Instant NOW = Instant.parse("2031-01-02T03:04:05.678Z");

    @Test
    void withoutSourceDateEpochTheClockToTheSecondIsRecorded() {
        assertThat(Provenance.created(null, NOW)).isEqualTo("2031-01-02T03:04:05Z");
        assertThat(Provenance.created("  ", NOW)).isEqualTo("2031-01-02T03:04:05Z");
    }

    @Test
    void sourceDateEpochReplacesTheClock() {
        assertThat(Provenance.created("1796428800", NOW)).isEqualTo("2026-12-05T00:00:00Z");
        assertThat(Provenance.created(" 0\n", NOW)).isEqualTo("1970-01-01T00:00:00Z");
    }

    @Test
    void aSourceDateEpochThatIsNotWholeSecondsIsRefused() {
        assertThatThrownBy(() -> Provenance.created("2026-12-05", NOW)).isInstanceOf(InvalidSetting.class)
                .hasMessage("SOURCE_DATE_EPOCH must be whole seconds since 1970, got '2026-12-05'");
    }

    @Test
    void createdInstantParsesTheRecordedTimeAndFallsBackToTheEpoch() {
        Provenance p = new Provenance("xnet-java", "1", "2026-12-05T00:00:00Z", 1, "", java.util.Map.of());
        assertThat(p.createdInstant()).isEqualTo(Instant.parse("2026-12-05T00:00:00Z"));
        Provenance foreign = new Provenance("other", "1", "yesterday", 1, "", java.util.Map.of());
        assertThat(foreign.createdInstant()).isEqualTo(Instant.EPOCH);
    }

    /** Sorted details, so JSON written from them has the same key order in every JVM (Map.copyOf's does not). */
    @Test
    void detailsIterateInKeyOrder() {
        java.util.Map<String, String> details = new java.util.HashMap<>();
        for (String k : new String[] {"threads", "config", "engine", "arithmetic", "djl", "cpu", "onednn"}) {
            details.put(k, k);
        }
        Provenance p = new Provenance("xnet-java", "1", "2026-12-05T00:00:00Z", 1, "", details);
        assertThat(p.details().keySet()).containsExactly("arithmetic", "config", "cpu", "djl", "engine", "onednn",
                "threads");
    }
}
