package dev.panicattack.pressure;

import dev.panicattack.constraint.Axis;
import dev.panicattack.evidence.MaxHeap;
import dev.panicattack.pressure.axis.PressureSample;
import dev.panicattack.pressure.axis.PressureTrace;
import dev.panicattack.pressure.axis.StressorThreads;
import dev.panicattack.pressure.memory.HeapBallast;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.panicattack.constraint.Constraints;
import dev.panicattack.constraint.CpuConstraint;
import dev.panicattack.constraint.NetworkConstraint;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class PressureControlTest {

    @AfterEach
    void nothingLeftRunning() {
        assertThat(StressorThreads.alive()).isEmpty();
    }

    private static PressureTrace trace(PressureControl control, String series) {
        return control.traces().stream().filter(trace -> trace.series().equals(series)).reduce((a, b) -> b).orElseThrow();
    }

    /** Mean achieved over the samples after {@code from} (time since the control opened). */
    private static double achievedSince(PressureControl control, String axis, Duration from) {
        return trace(control, axis).samples().stream().filter(sample -> sample.at().compareTo(from) > 0)
                .mapToDouble(PressureSample::achieved).average().orElse(Double.NaN);
    }

    private static long samplesSince(PressureControl control, String axis, Duration from) {
        return trace(control, axis).samples().stream().filter(sample -> sample.at().compareTo(from) > 0).count();
    }

    /**
     * The achieved CPU, only over windows where the rest of the machine used under 10 points (it is
     * a shared machine: another tenant can hold both cores), when there are at least 5 of them.
     */
    private static void assertQuietCpu(PressureControl control, Duration from, double low, double high) {
        java.util.List<PressureSample> totals = trace(control, "cpu").samples();
        java.util.List<PressureSample> machine = trace(control, "cpu-machine").samples();
        java.util.List<PressureSample> quiet = new java.util.ArrayList<>();
        for (int i = 0; i < Math.min(totals.size(), machine.size()); i++) {
            if (totals.get(i).at().compareTo(from) > 0 && machine.get(i).achieved() - totals.get(i).achieved() < 10) {
                quiet.add(totals.get(i));
            }
        }
        if (quiet.size() >= 5) {
            assertThat(quiet.stream().mapToDouble(PressureSample::achieved).average().orElseThrow()).isBetween(low, high);
        }
    }

    @Test
    void cpuIsSetRampedAndReleasedByTheSameStressor() {
        try (PressureControl control = PressureControl.open()) {
            control.set("cpu", 40);
            Duration settled = control.elapsed().plusMillis(300);
            StressorThreads.await(() -> samplesSince(control, "cpu", settled) >= 8, "8 cpu samples at 40%");
            assertQuietCpu(control, settled, 25, 55);

            control.ramp("cpu", 70, Duration.ofMillis(500));
            assertThat(control.targetNow("cpu")).isBetween(39.0, 71.0);
            Duration ramped = control.elapsed().plusMillis(800);
            StressorThreads.await(() -> samplesSince(control, "cpu", ramped) >= 8, "8 cpu samples at 70%");
            assertThat(trace(control, "cpu").samples().get(trace(control, "cpu").samples().size() - 1).target())
                    .isEqualTo(70.0);
            assertQuietCpu(control, ramped, 50, 85);
            assertThat(control.traces()).extracting(PressureTrace::series).containsExactly("cpu", "cpu-burners", "cpu-machine");

            control.release("cpu");
            assertThat(StressorThreads.alive()).isEmpty();
            assertThat(control.axes()).isEmpty();
            assertThat(control.timeline()).extracting(PressureChange::axis, PressureChange::action)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("cpu", PressureChange.Action.SET),
                            org.assertj.core.groups.Tuple.tuple("cpu", PressureChange.Action.RAMP),
                            org.assertj.core.groups.Tuple.tuple("cpu", PressureChange.Action.RELEASE));
            assertThat(control.timeline().get(1).description()).matches("cpu ramp 40% to 70% over 500ms");
            assertThat(control.timelineTable()).matches("(?s)at +axis  change\n[0-9.]+s +cpu   cpu 40%\n[0-9.]+s +cpu   cpu ramp"
                    + " 40% to 70% over 500ms\n[0-9.]+s +cpu   cpu released");
        }
    }

    @Test
    void heapRampsFromTheBallastItHoldsWithoutDroppingIt() {
        try (PressureControl control = PressureControl.open()) {
            control.set("memory", 30);
            Duration settled = control.elapsed().plusMillis(300);
            StressorThreads.await(() -> samplesSince(control, "memory", settled) >= 5, "5 heap samples at 30%");
            assertThat(achievedSince(control, "memory", settled)).isBetween(25.0, 40.0);
            PressureTrace ballast = trace(control, "heap-ballast");
            long held = (long) ballast.samples().get(ballast.samples().size() - 1).achieved();

            control.ramp("memory", 40, Duration.ofSeconds(1));
            AtomicLong lowest = new AtomicLong(Long.MAX_VALUE);
            Duration ramped = control.elapsed().plusMillis(1300);
            StressorThreads.await(() -> {
                PressureTrace now = trace(control, "heap-ballast");
                lowest.accumulateAndGet((long) now.samples().get(now.samples().size() - 1).achieved(), Math::min);
                return samplesSince(control, "memory", ramped) >= 5;
            }, "5 heap samples at 40%");
            // Re-aimed, not replaced: the ballast held at 30% was never dropped on the way to 40%.
            assertThat(lowest.get()).isGreaterThanOrEqualTo(held - 4 * HeapBallast.PIECE_FOOTPRINT);
            assertThat(achievedSince(control, "memory", ramped)).isBetween(34.0, 47.0);
            assertThat(control.traces()).extracting(PressureTrace::series).containsExactly("memory", "heap-ballast");

            control.set("memory", 20);
            Duration lowered = control.elapsed().plusMillis(500);
            StressorThreads.await(() -> samplesSince(control, "memory", lowered) >= 3, "3 heap samples at 20%");
            PressureTrace after = trace(control, "heap-ballast");
            assertThat(after.samples().get(after.samples().size() - 1).achieved()).isLessThan(held);
            assertThat(control.timeline()).extracting(PressureChange::description)
                    .containsExactly("memory 30%", "memory ramp 30% to 40% over 1s", "memory 20%");
        }
    }

    @Test
    void aTestThatThrowsWithTheControlOpenLeavesNoThreadsAndNoBallast() {
        PressureControl[] opened = new PressureControl[1];
        assertThatThrownBy(() -> {
            try (PressureControl control = PressureControl.open()) {
                opened[0] = control;
                control.set("memory", 40).set("cpu", 30);
                throw new IllegalStateException("the test body failed");
            }
        }).hasMessage("the test body failed");

        assertThat(StressorThreads.alive()).isEmpty();
        assertThat(opened[0].isClosed()).isTrue();
        assertThat(opened[0].timeline()).extracting(PressureChange::description)
                .containsExactly("memory 40%", "cpu 30%", "all pressure closed");
        System.gc();
        double used = 100.0 * ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed()
                / MaxHeap.ofThisJvm();
        assertThat(used).isLessThan(30);
        assertThatThrownBy(() -> opened[0].set("cpu", 10)).isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("PressureControl.set(\"cpu\", 10) called after the control was closed (at ")
                .hasMessageEndingWith("s); open a new PressureControl");
    }

    @Test
    void appliesAConstraintSetAndRecordsIt() {
        try (PressureControl control = PressureControl.open()) {
            control.apply(Constraints.named("warm").withCpu(CpuConstraint.ofLoad(20)));
            assertThat(control.axes()).containsExactly("cpu");
            assertThat(control.targetNow("cpu")).isEqualTo(20.0);
            assertThat(control.timeline()).extracting(PressureChange::description).containsExactly("set 'warm': cpu 20%");
            control.releaseAll();
            assertThat(control.axes()).isEmpty();
            assertThat(control.achievedSummary()).startsWith("cpu target 20% achieved ");
        }
    }

    @Test
    void badRequestsAreRefusedBeforeAnythingStarts() {
        try (PressureControl control = PressureControl.open()) {
            assertThatThrownBy(() -> control.set("disk", 50))
                    .hasMessage("PressureControl.set acts on the axis \"cpu\" or \"memory\", but was \"disk\"; other axes have"
                            + " no single level: apply their plan with apply(AxisPlan)");
            assertThatThrownBy(() -> control.set("cpu", 150))
                    .hasMessage("cpu level must be between 0 and 100, but was 150.0");
            assertThatThrownBy(() -> control.ramp("cpu", 50, Duration.ZERO))
                    .hasMessage("ramp(\"cpu\", 50, over) needs a positive duration, but over was PT0S; to change the level"
                            + " at once use set(\"cpu\", 50)");
            assertThatThrownBy(() -> control.apply(Constraints.named("net").withNetwork(NetworkConstraint.none())))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("Constraint set 'net' declares a network section with no fault");
            assertThat(control.axes()).isEmpty();
            assertThat(StressorThreads.alive()).isEmpty();

            control.set("memory", 20);
            assertThatThrownBy(() -> control.ramp("memory", 10, Duration.ofSeconds(1)))
                    .hasMessage("ramp(\"memory\", 10, 1s) would lower the heap from its current target 20%, but a heap ramp"
                            + " only rises, as a leak does; use set(\"memory\", 10) to lower it");
            assertThat(control.timeline()).hasSize(1);
        }
    }

    @Test
    void closeStopsEveryAxisWhenOneFailsToStopAndThenSaysWhich() {
        IllegalStateException refused = new IllegalStateException("reset refused");
        StopFailingStressor network = StopFailingStressor.failingToStop(Axis.NETWORK, refused);
        StopFailingStressor disk = StopFailingStressor.stopping(Axis.DISK);
        PressureControl control = PressureControl.open();
        control.set("cpu", 20);
        control.apply(StopFailingStressor.planOf(network));
        control.apply(StopFailingStressor.planOf(disk));
        control.set("memory", 10);

        assertThatThrownBy(control::close)
                .isInstanceOf(PressureReleaseException.class)
                .hasMessageStartingWith("could not release the pressure on network (java.lang.IllegalStateException:"
                        + " reset refused); the other 3 axes were released.")
                .hasCause(refused);
        assertThat(StressorThreads.alive()).isEmpty();
        assertThat(control.ballastBytes()).isZero();
        assertThat(disk.closes()).isEqualTo(1);
        assertThat(control.isClosed()).isTrue();
        assertThat(control.axes()).isEmpty();
        assertThat(control.timeline().get(control.timeline().size() - 1).description()).isEqualTo("all pressure closed");

        control.close();
        assertThat(network.closes()).isEqualTo(1);
    }

    @Test
    void anAxisThatFailsToStopIsReleasedAllTheSameAndNothingReplacesIt() {
        IllegalStateException refused = new IllegalStateException("reset refused");
        StopFailingStressor failing = StopFailingStressor.failingToStop(Axis.NETWORK, refused);
        StopFailingStressor successor = StopFailingStressor.stopping(Axis.NETWORK);
        try (PressureControl control = PressureControl.open()) {
            control.apply(StopFailingStressor.planOf(failing));
            assertThatThrownBy(() -> control.apply(StopFailingStressor.planOf(successor)))
                    .isInstanceOf(PressureReleaseException.class)
                    .hasMessageStartingWith("could not release the pressure on network (java.lang.IllegalStateException:"
                            + " reset refused). What that stressor still holds")
                    .hasCause(refused);
            assertThat(control.axes()).isEmpty();
            assertThat(successor.closes()).isZero();

            control.apply(StopFailingStressor.planOf(StopFailingStressor.failingToStop(Axis.DISK, refused)));
            assertThatThrownBy(() -> control.release("disk"))
                    .isInstanceOf(PressureReleaseException.class)
                    .satisfies(thrown -> assertThat(((PressureReleaseException) thrown).axes()).containsExactly("disk"));
            assertThat(control.axes()).isEmpty();
            assertThat(control.timeline()).extracting(PressureChange::action).containsExactly(
                    PressureChange.Action.APPLY, PressureChange.Action.APPLY, PressureChange.Action.RELEASE);
        }
    }

    @Test
    void aDisabledControlChecksEveryCallAppliesNothingAndSaysWhatItWasAskedFor() {
        try (PressureControl control = PressureControl.disabled(dev.panicattack.subject.Subject.of(), "panic.enabled=false")) {
            control.set("cpu", 80).ramp("memory", 60, Duration.ofSeconds(2))
                    .apply(Constraints.named("busy").withCpu(CpuConstraint.ofLoad(50)))
                    .apply(StopFailingStressor.planOf(StopFailingStressor.stopping(Axis.DISK)));
            assertThatThrownBy(() -> control.set("cpu", 150)).hasMessage("cpu level must be between 0 and 100, but was 150.0");
            control.release("cpu").releaseAll();

            assertThat(StressorThreads.alive()).isEmpty();
            assertThat(control.disabledBy()).contains("panic.enabled=false");
            assertThat(control.axes()).isEmpty();
            assertThat(control.timeline()).isEmpty();
            assertThat(control.traces()).isEmpty();
            assertThat(control.targetNow("memory")).isNaN();
            assertThat(control.achievedSummary()).isEqualTo("pressure disabled by panic.enabled=false; not applied:"
                    + " cpu 80%, memory ramp to 60% over 2s, set 'busy', disk test pressure");
        }
        assertThat(PressureControl.open().disabledBy()).isEmpty();
    }
}
