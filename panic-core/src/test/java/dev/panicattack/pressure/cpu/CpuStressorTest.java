package dev.panicattack.pressure.cpu;

import dev.panicattack.constraint.Axis;

import dev.panicattack.pressure.axis.PressureSample;
import dev.panicattack.pressure.axis.StressorThreads;
import dev.panicattack.pressure.axis.Waveform;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Wide bands: this is a shared 2-core machine; precision figures belong to panic-bench cpu-hold. */
class CpuStressorTest {

    @AfterEach
    void nothingLeftRunning() {
        assertThat(StressorThreads.alive()).isEmpty();
    }

    @Test
    void holdsTargetAndStopsEveryThreadOnClose() {
        CpuStressor stressor = new CpuStressor(Waveform.constant(60));
        try (stressor) {
            stressor.start();
            assertThat(StressorThreads.alive()).contains("panic-cpu-burner-0", "panic-cpu-controller");
            awaitQuietOrDeadline(stressor);
        }

        List<PressureSample> totals = stressor.trace().samples();
        List<PressureSample> duties = stressor.burnerTrace().samples();
        // Control law, true under any load: with no subject the burners are told to supply the target.
        assertThat(mean(duties.subList(5, duties.size()), PressureSample::target)).isBetween(40.0, 80.0);
        assertThat(totals.subList(5, totals.size())).allSatisfy(sample -> assertThat(sample.target()).isEqualTo(60));
        // Including the last, part window, taken after the burners ended.
        assertThat(duties).allSatisfy(sample -> assertThat(sample.achieved()).isGreaterThanOrEqualTo(0));
        // Physics, only where another tenant did not hold the cores (the machine is shared).
        List<PressureSample> quiet = quietWindows(stressor);
        if (quiet.size() >= 5) {
            assertThat(mean(quiet, PressureSample::achieved)).isBetween(40.0, 80.0);
        }
        assertThat(stressor.timeToFirstPressure()).hasValueSatisfying(
                latency -> assertThat(latency).isLessThan(Duration.ofMillis(500)));
        assertThat(stressor.machineTrace().samples()).hasSizeGreaterThanOrEqualTo(25);
        assertThat(StressorThreads.alive()).isEmpty();
    }

    @Test
    void addsOnlyWhatTheSubjectDoesNotUse() throws InterruptedException {
        int processors = Runtime.getRuntime().availableProcessors();
        AtomicBoolean subjectRunning = new AtomicBoolean(true);
        // One thread busy 60% of each 10 ms slice: 30% of capacity on 2 processors.
        double subjectDuty = Math.min(1.0, 0.30 * processors);
        Thread subject = new Thread(() -> {
            while (subjectRunning.get()) {
                long sliceStart = System.nanoTime();
                long busyUntil = sliceStart + (long) (subjectDuty * 10_000_000L);
                while (System.nanoTime() < busyUntil) {
                    Thread.onSpinWait();
                }
                LockSupport.parkNanos(sliceStart + 10_000_000L - System.nanoTime());
            }
        }, "test-subject");
        subject.start();
        CpuStressor stressor = new CpuStressor(Waveform.constant(70));
        try (stressor) {
            stressor.start();
            awaitQuietOrDeadline(stressor);
        } finally {
            subjectRunning.set(false);
            subject.join();
        }

        List<PressureSample> totals = stressor.trace().samples();
        List<PressureSample> burners = stressor.burnerTrace().samples();
        // Control law: duty = target - measured subject share (+ a bounded integral term).
        double subjectShare = 0;
        double duty = 0;
        int steady = totals.size() - 5;
        for (int i = 5; i < totals.size(); i++) {
            subjectShare += Math.max(0, totals.get(i).achieved() - burners.get(i).achieved()) / steady;
            duty += burners.get(i).target() / steady;
        }
        assertThat(subjectShare).isGreaterThan(5.0);
        // The control law and the physics, only where another tenant did not hold the cores: under
        // contention everything the JVM does besides the burners reads as "subject" and the sum drifts.
        List<PressureSample> quiet = quietWindows(stressor);
        if (quiet.size() >= 5) {
            assertThat(duty + subjectShare).isBetween(55.0, 85.0);
            assertThat(mean(quiet, PressureSample::achieved)).isBetween(55.0, 85.0);
            assertThat(duty).isLessThan(60.0);
        }
    }

    @Test
    void closeIsIdempotentAndWorksBeforeStart() {
        CpuStressor unused = new CpuStressor(Waveform.constant(50));
        unused.close();
        unused.close();
        assertThatThrownBy(unused::start).isInstanceOf(IllegalStateException.class)
                .hasMessage("CpuStressor was closed before start(); create a new one");

        CpuStressor stressor = new CpuStressor(Waveform.constant(10));
        stressor.start();
        assertThatThrownBy(stressor::start).isInstanceOf(IllegalStateException.class)
                .hasMessage("CpuStressor.start() was already called; a stressor starts once");
        stressor.close();
        stressor.close();
        assertThat(stressor.trace().axis()).isEqualTo(Axis.CPU);
    }

    @Test
    void closeRestoresTheInterruptFlagAndStillJoins() {
        CpuStressor stressor = new CpuStressor(Waveform.constant(30));
        stressor.start();
        Thread.currentThread().interrupt();
        stressor.close();
        assertThat(Thread.interrupted()).isTrue();
        assertThat(StressorThreads.alive()).isEmpty();
    }

    private static double mean(List<PressureSample> samples, java.util.function.ToDoubleFunction<PressureSample> value) {
        return samples.stream().mapToDouble(value).average().orElseThrow();
    }

    /**
     * Windows after the first half second in which the rest of the machine used less than 10
     * points: the machine-wide load minus this process's.
     */
    static List<PressureSample> quietWindows(CpuStressor stressor) {
        List<PressureSample> totals = stressor.trace().samples();
        List<PressureSample> machine = stressor.machineTrace().samples();
        List<PressureSample> quiet = new java.util.ArrayList<>();
        for (int i = 5; i < Math.min(totals.size(), machine.size()); i++) {
            if (machine.get(i).achieved() - totals.get(i).achieved() < 10) {
                quiet.add(totals.get(i));
            }
        }
        return quiet;
    }

    /** At least 2.5 s of samples, then on until 15 quiet windows or 3 s more, whichever first. */
    static void awaitQuietOrDeadline(CpuStressor stressor) {
        awaitSamples(stressor, 25);
        long deadline = System.nanoTime() + Duration.ofSeconds(3).toNanos();
        while (quietWindows(stressor).size() < 15 && System.nanoTime() < deadline) {
            LockSupport.parkNanos(Duration.ofMillis(50).toNanos());
        }
    }

    /** Polls with a deadline; the controller writes one sample per 100 ms. */
    static void awaitSamples(CpuStressor stressor, int count) {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (stressor.trace().samples().size() < count) {
            assertThat(System.nanoTime()).as("waiting for %d cpu samples", count).isLessThan(deadline);
            LockSupport.parkNanos(Duration.ofMillis(20).toNanos());
        }
    }
}
