package dev.panicattack.fuse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class VirtualClockTest {

    @Test
    void timePassesOnlyWhenAdvanced() {
        VirtualClock clock = new VirtualClock();
        assertThat(clock.instant()).isEqualTo(VirtualClock.DEFAULT_START);
        clock.advance(Duration.ofMillis(1500));
        assertThat(clock.instant()).isEqualTo(Instant.parse("2026-01-01T00:00:01.500Z"));
        assertThat(clock.millis()).isEqualTo(VirtualClock.DEFAULT_START.toEpochMilli() + 1500);
        assertThat(clock.withZone(ZoneId.of("Europe/Paris"))).isSameAs(clock);
    }

    @Test
    void concurrentCallersLoseNoAdvance() throws InterruptedException {
        VirtualClock clock = new VirtualClock(Instant.EPOCH);
        List<Thread> callers = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            Thread caller = new Thread(() -> {
                for (int step = 0; step < 10_000; step++) {
                    clock.advance(Duration.ofMillis(1));
                }
            });
            caller.start();
            callers.add(caller);
        }
        for (Thread caller : callers) {
            caller.join();
        }
        assertThat(clock.instant()).isEqualTo(Instant.EPOCH.plusSeconds(40));
    }

    @Test
    void itNeverGoesBack() {
        VirtualClock clock = new VirtualClock();
        assertThatThrownBy(() -> clock.advance(Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a VirtualClock only moves forward, but advance(PT-1S) would move it back; to model a clock"
                        + " jump, use the time axis (docs/time-pressure.md)");
        assertThat(clock.instant()).isEqualTo(VirtualClock.DEFAULT_START);
    }
}
