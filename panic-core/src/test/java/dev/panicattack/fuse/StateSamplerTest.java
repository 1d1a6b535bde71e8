package dev.panicattack.fuse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class StateSamplerTest {

    @Test
    void samplesDimensionsAndFusesInDeclaredOrder() throws Exception {
        ThresholdFuse fuse = new ThresholdFuse("guard", "latency_ms", 100);
        AtomicInteger calls = new AtomicInteger();
        try (StateSampler sampler = StateSampler.builder().period(Duration.ofMillis(20)).heap().cpu()
                .gauge("latency_ms", () -> 10 * calls.incrementAndGet()).fuse(fuse).listener(fuse::observe).start()) {
            FusesUnderRealPressureTest.await(() -> sampler.samples().size() >= 12, Duration.ofSeconds(10), "12 samples");
            StateSample last = sampler.samples().get(sampler.samples().size() - 1);
            assertThat(last.dimensions().keySet()).containsExactly("heap", "cpu", "latency_ms");
            assertThat(last.value("heap")).isBetween(0.0, 100.0);
            assertThat(last.value("cpu")).isBetween(0.0, 100.0);
            assertThat(last.fuses().get("guard").state()).isEqualTo(FuseState.OPEN);
            assertThat(sampler.samples()).isSortedAccordingTo(java.util.Comparator.comparing(StateSample::at));
        }
        assertThat(Thread.getAllStackTraces().keySet()).noneMatch(thread -> thread.getName().equals("panic-state-sampler"));
    }

    @Test
    void aGaugeThatThrowsStopsTheSamplerAndIsNamed() throws Exception {
        try (StateSampler sampler = StateSampler.builder().gauge("latency_ms", () -> {
            throw new IllegalStateException("no connection");
        }).start()) {
            assertThat(sampler.awaitFirstSample(Duration.ofSeconds(10))).isTrue();
            assertThatThrownBy(sampler::samples).isInstanceOf(IllegalStateException.class)
                    .hasMessageStartingWith("StateSampler: the gauge 'latency_ms' threw java.lang.IllegalStateException:"
                            + " no connection at ")
                    .hasMessageEndingWith("s; a gauge must return a value at every sample");
        }
    }

    @Test
    void rejectsAnEmptyDeclarationAndABadPeriod() {
        assertThatThrownBy(() -> StateSampler.builder().start())
                .hasMessage("StateSampler has nothing to sample; declare dimensions with heap(), cpu() or gauge(name,"
                        + " supplier) and the fuses with fuse(...)");
        assertThatThrownBy(() -> StateSampler.builder().period(Duration.ZERO))
                .hasMessage("StateSampler period must be positive, but was PT0S; sample every few tens of milliseconds,"
                        + " like Duration.ofMillis(100)");
        assertThatThrownBy(() -> StateSampler.builder().gauge("x", () -> 1).gauge("x", () -> 2))
                .hasMessage("StateSampler already has a dimension named 'x'; give each gauge its own name");
    }
}
