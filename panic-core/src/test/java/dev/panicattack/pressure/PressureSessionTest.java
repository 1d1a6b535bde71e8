package dev.panicattack.pressure;

import dev.panicattack.constraint.Axis;
import dev.panicattack.pressure.axis.PressureTrace;
import dev.panicattack.pressure.axis.StressorThreads;
import dev.panicattack.pressure.axis.Waveform;
import dev.panicattack.pressure.cpu.CpuStressor;
import dev.panicattack.pressure.memory.HeapBallast;
import dev.panicattack.pressure.memory.HeapPlan;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.panicattack.constraint.Constraints;
import dev.panicattack.constraint.CpuConstraint;
import dev.panicattack.constraint.MemoryConstraint;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class PressureSessionTest {

    @AfterEach
    void nothingLeftRunning() {
        assertThat(StressorThreads.alive()).isEmpty();
    }

    @Test
    void runsCpuAndHeapAndStopsEverythingOnClose() {
        PressurePlan cpuOnly = PressurePlan.resolve(Constraints.named("busy").withCpu(CpuConstraint.ofLoad(40)));
        PressurePlan plan = PressurePlan.of("busy", cpuOnly.cpu().orElseThrow(), new HeapPlan(OptionalDouble.empty(), 0, 95));
        PressureSession session = PressureSession.start(plan);
        try (session) {
            StressorThreads.await(() -> session.traces().get(0).samples().size() >= 5
                    && session.traces().get(3).samples().size() >= 5, "5 samples on each axis");
            assertThat(session.traces()).extracting(PressureTrace::series)
                    .containsExactly("cpu", "cpu-burners", "cpu-machine", "memory", "heap-ballast");
            assertThat(StressorThreads.alive()).contains("panic-cpu-controller", "panic-heap-ballast");
            assertThat(session.achievedSummary())
                    .matches("cpu target 40% achieved [0-9.]+% \\(sd [0-9.]+\\); heap target [0-9.]+% achieved [0-9.]+%"
                            + " \\(ballast up to [0-9]+ MiB\\)");
        }
        assertThat(StressorThreads.alive()).isEmpty();
        session.close();
        assertThat(session.ballastBytes()).isZero();
    }

    @Test
    void releaseHeapDropsTheBallast() {
        PressurePlan plan = PressurePlan.resolve(Constraints.named("heap")
                .withMemory(MemoryConstraint.none().withLeakRate(1)));
        try (PressureSession session = PressureSession.start(plan)) {
            session.releaseHeap();
            assertThat(session.ballastBytes()).isZero();
            assertThat(session.heap()).hasValueSatisfying(ballast -> assertThat(ballast.isReleased()).isTrue());
        }
    }

    @Test
    void emptyPlanStartsNothing() {
        try (PressureSession session = PressureSession.start(PressurePlan.none())) {
            assertThat(session.traces()).isEmpty();
            assertThat(session.achievedSummary()).isEqualTo("no pressure");
            assertThat(session.ballastBytes()).isZero();
            session.releaseHeap();
            assertThat(StressorThreads.alive()).isEmpty();
        }
    }

    @Test
    void closesWhatStartedWhenALaterStressorFails() {
        HeapBallast heap = new HeapBallast(new HeapPlan(OptionalDouble.of(10), 0, 95), 64L * 1024 * 1024, byte[]::new);
        CpuStressor cpu = new CpuStressor(Waveform.constant(20));
        cpu.close();

        assertThatThrownBy(() -> PressureSession.start(PressurePlan.none(), List.of(heap, cpu)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("CpuStressor was closed before start(); create a new one");
        assertThat(heap.isReleased()).isTrue();
        assertThat(StressorThreads.alive()).isEmpty();
    }

    @Test
    void closeStopsEveryStressorWhenOneFailsToStopAndThenSaysWhich() {
        HeapBallast heap = new HeapBallast(new HeapPlan(OptionalDouble.of(10), 0, 95), 64L * 1024 * 1024, byte[]::new);
        IllegalStateException refused = new IllegalStateException("reset refused");
        StopFailingStressor network = StopFailingStressor.failingToStop(Axis.NETWORK, refused);
        StopFailingStressor disk = StopFailingStressor.stopping(Axis.DISK);
        CpuStressor cpu = new CpuStressor(Waveform.constant(20));
        PressureSession session = PressureSession.start(PressurePlan.none(), List.of(heap, network, disk, cpu));

        assertThatThrownBy(session::close)
                .isInstanceOf(PressureReleaseException.class)
                .hasMessage("could not release the pressure on network (java.lang.IllegalStateException: reset"
                        + " refused); the other 3 axes were released. What that stressor still holds (threads, ballast,"
                        + " hooks in loaded classes) may act on later tests in this JVM: the cause says what failed;"
                        + " until it is fixed, run those tests in a fresh JVM")
                .hasCause(refused)
                .satisfies(thrown -> assertThat(((PressureReleaseException) thrown).axes()).containsExactly("network"));
        assertThat(heap.isReleased()).isTrue();
        assertThat(disk.closes()).isEqualTo(1);
        assertThat(StressorThreads.alive()).isEmpty();

        session.close();
        assertThat(network.closes()).isEqualTo(1);
    }

    @Test
    void everyFailureToStopIsKeptTheFirstAsTheCauseTheLaterOnesSuppressed() {
        IllegalStateException first = new IllegalStateException("disk reset refused");
        UnsupportedOperationException second = new UnsupportedOperationException("clock reset refused");
        PressureSession session = PressureSession.start(PressurePlan.none(), List.of(
                StopFailingStressor.failingToStop(Axis.DISK, first), StopFailingStressor.failingToStop(Axis.TIME, second)));

        assertThatThrownBy(session::close)
                .isInstanceOf(PressureReleaseException.class)
                .hasMessageStartingWith("could not release the pressure on disk (java.lang.IllegalStateException: disk"
                        + " reset refused), time (java.lang.UnsupportedOperationException: clock reset refused). What"
                        + " those stressors still hold")
                .hasCause(first)
                .satisfies(thrown -> {
                    assertThat(thrown.getSuppressed()).containsExactly(second);
                    assertThat(((PressureReleaseException) thrown).axes()).containsExactly("disk", "time");
                });
    }
}
