package dev.panicattack.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Events;

import dev.panicattack.constraint.CpuConstraint;
import dev.panicattack.fuse.Fuse;
import dev.panicattack.fuse.FuseState;
import dev.panicattack.fuse.VirtualClock;
import dev.panicattack.pressure.PressureControl;
import dev.panicattack.pressure.PressurePlan;
import dev.panicattack.trial.TrialEnvironment;

/**
 * {@code panic.enabled=false} turns off the pressure of every entry point: annotations, run-wide
 * sets, a {@link PressureControl} parameter and the fuse assertions' {@code under(...)}. Each
 * fixture records the library's threads it saw while it ran.
 */
class PressureSwitchedOffTests {

    /** Names of the {@code panic-} threads a fixture saw while its pressure would have been on. */
    static final List<String> threadsSeen = new CopyOnWriteArrayList<>();

    @AfterEach
    void nothingRanAndNothingIsLeft() {
        // Diagnosis still runs: the run's heartbeat is its thread, and no stressor's.
        assertThat(threadsSeen).filteredOn(name -> !name.equals(TrialEnvironment.HEARTBEAT_THREAD_NAME)).isEmpty();
        assertThat(PanicThreads.alive()).isEmpty();
        threadsSeen.clear();
    }

    @Test
    void annotationsApplyNoPressure() {
        Events tests = execute(AnnotatedTestCases.class, switchedOff());

        tests.assertStatistics(stats -> stats.succeeded(2));
        assertThat(entries(tests, PanicConfiguration.PRESSURE_REPORT_ENTRY)).isEmpty();
    }

    @Test
    void aRunWideSetAppliesNoPressure() {
        Events tests = execute(PlainTestCases.class, Map.of(
                "junit.jupiter.extensions.autodetection.enabled", "true",
                PanicConfiguration.CONSTRAINT_SET_PROPERTY_NAME, "gentle-cpu",
                PanicConfiguration.ENABLED_PROPERTY_NAME, "false"));

        tests.assertStatistics(stats -> stats.succeeded(1));
        assertThat(entries(tests, PanicConfiguration.PRESSURE_REPORT_ENTRY)).isEmpty();
    }

    @Test
    void aPressureControlParameterAcceptsEveryCallAppliesNothingAndSaysSo() {
        Events tests = execute(InCodeTestCases.class, switchedOff());

        tests.assertStatistics(stats -> stats.succeeded(1));
        assertThat(InCodeTestCases.summary).containsExactly("pressure disabled by panic.enabled=false; not applied:"
                + " cpu 80%, memory ramp to 50% over 1s, set 'gentle-cpu'");
        assertThat(entries(tests, PressureInCode.REPORT_ENTRY)).containsExactly("pressure disabled by"
                + " panic.enabled=false; not applied: cpu 80%, memory ramp to 50% over 1s, set 'gentle-cpu'");
    }

    @Test
    void aDisabledPressureControlStillRefusesWhatAnOpenOneRefuses() {
        Events tests = execute(MisusedControlTestCases.class, switchedOff());

        assertThat(failures(tests)).singleElement().satisfies(failure -> assertThat(failure)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("cpu level must be between 0 and 100, but was 150.0"));
    }

    @Test
    void aFuseAssertionUnderAControlRunsWithoutPressureAndSaysSo() {
        Events tests = execute(FuseUnderControlTestCases.class, switchedOff());

        assertThat(failures(tests)).singleElement().satisfies(failure -> assertThat(failure)
                .isInstanceOf(AssertionError.class)
                .hasMessageStartingWith("Expecting fuse 'steady' to trip (OPEN) within 3 calls under no pressure (the"
                        + " PressureControl applies none: pressure disabled by panic.enabled=false),\n"
                        + "but it was CLOSED after 3 calls and 0.3s"));
    }

    @Test
    void aFuseAssertionUnderAPlanRunsWithoutPressureWhenTheSystemPropertySaysFalse() {
        String before = System.getProperty(PanicConfiguration.ENABLED_PROPERTY_NAME);
        System.setProperty(PanicConfiguration.ENABLED_PROPERTY_NAME, "false");
        Events tests;
        try {
            tests = execute(FuseUnderPlanTestCases.class, Map.of());
        } finally {
            if (before == null) {
                System.clearProperty(PanicConfiguration.ENABLED_PROPERTY_NAME);
            } else {
                System.setProperty(PanicConfiguration.ENABLED_PROPERTY_NAME, before);
            }
        }

        assertThat(failures(tests)).singleElement().satisfies(failure -> assertThat(failure)
                .isInstanceOf(AssertionError.class)
                .hasMessageStartingWith("Expecting fuse 'steady' to trip (OPEN) within 3 calls under no pressure (cpu"
                        + " 80% not applied: pressure disabled by panic.enabled=false),\n"
                        + "but it was CLOSED after 3 calls and 0.3s"));
    }

    @Test
    void aFuseAssertionUnderAPlanAppliesItWhenOnlyTheConfigurationParameterSaysFalse() {
        // The static API has no extension context: it sees system properties only, as documented.
        Events tests = execute(FuseUnderPlanTestCases.class, switchedOff());

        assertThat(failures(tests)).singleElement().satisfies(failure -> assertThat(failure)
                .hasMessageStartingWith("Expecting fuse 'steady' to trip (OPEN) within 3 calls under cpu 80%,\n"));
        assertThat(threadsSeen).anyMatch(name -> name.startsWith("panic-cpu-"));
        threadsSeen.clear();
    }

    private static Map<String, String> switchedOff() {
        return Map.of(PanicConfiguration.ENABLED_PROPERTY_NAME, "false");
    }

    private static Events execute(Class<?> fixture, Map<String, String> configuration) {
        return EngineTestKit.engine("junit-jupiter")
                .configurationParameter(PanicConfiguration.FLIGHT_RECORDER_PROPERTY_NAME, "false")
                .configurationParameters(configuration)
                .selectors(selectClass(fixture))
                .execute().testEvents();
    }

    private static List<String> entries(Events events, String key) {
        return events.reportingEntryPublished().stream()
                .map(event -> event.getPayload(ReportEntry.class).orElseThrow())
                .flatMap(entry -> entry.getKeyValuePairs().entrySet().stream())
                .filter(pair -> pair.getKey().equals(key))
                .map(Map.Entry::getValue)
                .toList();
    }

    private static List<Throwable> failures(Events tests) {
        return tests.failed().stream()
                .map(event -> event.getPayload(TestExecutionResult.class).orElseThrow().getThrowable().orElseThrow())
                .toList();
    }

    static void recordLibraryThreads() {
        Thread.getAllStackTraces().keySet().stream().map(Thread::getName).filter(name -> name.startsWith("panic-"))
                .forEach(threadsSeen::add);
    }

    /** A fuse that never trips; each call advances its clock by 100 ms and looks for the library's threads. */
    static final class SteadyFuse implements Fuse {
        private final VirtualClock clock = new VirtualClock();

        dev.panicattack.junit.fuse.FuseAssert assertion() {
            return PanicAssertions.assertThat(this).withClock(clock).pacedEvery(Duration.ZERO).whenCalling(() -> {
                clock.advance(Duration.ofMillis(100));
                recordLibraryThreads();
            });
        }

        @Override
        public String name() {
            return "steady";
        }

        @Override
        public FuseState state() {
            return FuseState.CLOSED;
        }

        @Override
        public long shedCount() {
            return 0;
        }
    }

    static class AnnotatedTestCases {
        @Test
        @UnderPressure(cpu = 40, memory = 30)
        void underPressure() {
            recordLibraryThreads();
        }

        @Test
        @ConstraintSet("gentle-cpu")
        void underASet() {
            recordLibraryThreads();
        }
    }

    static class PlainTestCases {
        @Test
        void run() {
            recordLibraryThreads();
        }
    }

    @PressureInCode
    static class InCodeTestCases {
        static final List<String> summary = new CopyOnWriteArrayList<>();

        @Test
        void changesPressure(PressureControl pressure) {
            summary.clear();
            pressure.set("cpu", 80).ramp("memory", 50, Duration.ofSeconds(1)).apply("gentle-cpu");
            recordLibraryThreads();
            assertThat(pressure.axes()).isEmpty();
            assertThat(pressure.timeline()).isEmpty();
            assertThat(pressure.targetNow("cpu")).isNaN();
            pressure.release("cpu").releaseAll();
            summary.add(pressure.achievedSummary());
        }
    }

    @PressureInCode
    static class MisusedControlTestCases {
        @Test
        void asksForTooMuch(PressureControl pressure) {
            pressure.set("cpu", 150);
        }
    }

    @PressureInCode
    static class FuseUnderControlTestCases {
        @Test
        void tripsUnderTheControl(PressureControl pressure) {
            pressure.set("cpu", 80);
            new SteadyFuse().assertion().under(pressure).tripsWithinCalls(3);
        }
    }

    static class FuseUnderPlanTestCases {
        @Test
        void tripsUnderAPlan() {
            PressurePlan plan = PressurePlan.resolve(dev.panicattack.constraint.Constraints.named("busy")
                    .withCpu(CpuConstraint.ofLoad(80)));
            new SteadyFuse().assertion().under(plan).tripsWithinCalls(3);
        }
    }
}
