package dev.panicattack.signature;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.panicattack.evidence.Fact;

/** The threads and hangs rules on hand-made evidence: what each needs, and what it must not conclude. */
class ThreadsRulesTest {

    private final SignatureEngine engine = SignatureEngine.withPatternLibrary(getClass().getClassLoader())
            .withCalibration(Calibration.none());

    private static List<Fact> twoThreads() {
        return new ArrayList<>(List.of(Fact.of("first_test_thread_id", 40), Fact.of("test_thread", 40),
                Fact.of("thread", 41, "request-0", "false"), Fact.of("thread", 42, "request-1", "false")));
    }

    private static List<Fact> assertionFailed(List<Fact> facts) {
        facts.add(Fact.of("test_failed", 900, "org.opentest4j.AssertionFailedError"));
        facts.add(Fact.of("failure_is", 0, "org.opentest4j.AssertionFailedError"));
        facts.add(Fact.of("failure_is", 0, "java.lang.AssertionError"));
        return facts;
    }

    private static List<BugClass> classes(List<Signature> signatures) {
        return signatures.stream().map(Signature::bugClass).toList();
    }

    @Test
    void assertionFailureWhileTwoUnlockedThreadsRanTogetherIsADataRace() {
        List<Fact> facts = assertionFailed(twoThreads());
        for (long t = 100; t <= 500; t += 100) {
            facts.add(Fact.of("thread_state", t, 41, "RUNNABLE"));
            facts.add(Fact.of("thread_state", t, 42, "RUNNABLE"));
        }

        List<Signature> signatures = engine.diagnose(facts);

        assertThat(classes(signatures)).containsExactly(BugClass.DATA_RACE);
        assertThat(signatures.get(0).proofs().get(0)).contains("unsynchronized-threads-broke-an-assertion")
                .contains("request-");
    }

    @Test
    void singleThreadedAssertionFailureIsNotARace() {
        List<Fact> facts = assertionFailed(twoThreads());
        facts.add(Fact.of("thread_state", 100, 40, "RUNNABLE"));
        facts.add(Fact.of("thread_state", 100, 41, "TERMINATED"));

        assertThat(engine.diagnose(facts)).isEmpty();
    }

    @Test
    void threadsSeenHoldingOrWaitingForAMonitorAreNotAnUnorderedRace() {
        List<Fact> owning = assertionFailed(twoThreads());
        owning.add(Fact.of("thread_state", 100, 41, "RUNNABLE"));
        owning.add(Fact.of("thread_state", 100, 42, "RUNNABLE"));
        owning.add(Fact.of("thread_owns", 100, 41, "Counter@1a"));
        List<Fact> blocked = assertionFailed(twoThreads());
        blocked.add(Fact.of("thread_state", 100, 41, "RUNNABLE"));
        blocked.add(Fact.of("thread_state", 100, 42, "RUNNABLE"));
        blocked.add(Fact.of("thread_state", 200, 41, "BLOCKED"));
        blocked.add(Fact.of("thread_state", 200, 42, "BLOCKED"));

        assertThat(engine.diagnose(owning)).isEmpty();
        assertThat(classes(engine.diagnose(blocked))).doesNotContain(BugClass.DATA_RACE);
    }

    /** A request thread runnable at every sample but given 10% of a core, under CPU pressure the machine felt. */
    private static List<Fact> starvedUnder(String series, double achieved, long cpuNanosPerSample) {
        List<Fact> facts = assertionFailed(twoThreads());
        for (long t = 100; t <= 800; t += 100) {
            facts.add(Fact.of("thread_state", t, 41, "RUNNABLE"));
            facts.add(Fact.of("thread_cpu", t, 41, t * cpuNanosPerSample / 100));
            facts.add(Fact.of("thread_state", t, 42, "RUNNABLE"));
            facts.add(Fact.of("thread_cpu", t, 42, t * 1_000_000));
            facts.add(Fact.of("pressure_target", t, "cpu", 100.0));
            boolean machine = series.equals("cpu-machine");
            facts.add(Fact.of("pressure_achieved", t, "cpu", machine ? 40.0 : achieved));
            facts.add(Fact.of("pressure_achieved", t, "cpu-machine", machine ? achieved : 40.0));
        }
        return facts;
    }

    @Test
    void runnableThreadWithoutCpuUnderAchievedPressureIsStarvedNotARace() {
        List<Signature> byBurners = engine.diagnose(starvedUnder("cpu", 95.0, 10_000_000));
        List<Signature> byNeighbours = engine.diagnose(starvedUnder("cpu-machine", 100.0, 10_000_000));

        assertThat(classes(byBurners)).containsExactly(BugClass.CPU_STARVATION);
        assertThat(byBurners.get(0).proofs().get(0)).contains("runnable-without-cpu").contains("thread_cpu");
        assertThat(classes(byNeighbours)).containsExactly(BugClass.CPU_STARVATION);
    }

    @Test
    void noStarvationWhenThePressureWasNotAchievedOrTheThreadGotItsCore() {
        List<Fact> notAchieved = starvedUnder("cpu", 40.0, 10_000_000);
        List<Fact> gotItsCore = starvedUnder("cpu", 95.0, 80_000_000);
        List<Fact> noPressure = new ArrayList<>(starvedUnder("cpu", 95.0, 10_000_000));
        noPressure.removeIf(fact -> fact.predicate().startsWith("pressure_"));

        assertThat(classes(engine.diagnose(notAchieved))).doesNotContain(BugClass.CPU_STARVATION);
        assertThat(classes(engine.diagnose(gotItsCore))).doesNotContain(BugClass.CPU_STARVATION);
        assertThat(classes(engine.diagnose(noPressure))).doesNotContain(BugClass.CPU_STARVATION);
    }

    @Test
    void starvationNeedsAFailedTest() {
        List<Fact> passed = starvedUnder("cpu", 95.0, 10_000_000);
        passed.removeIf(fact -> fact.predicate().equals("test_failed"));

        assertThat(classes(engine.diagnose(passed))).doesNotContain(BugClass.CPU_STARVATION);
    }

    @Test
    void aCycleOfTimedWaitsIsNoDeadlock() {
        List<Fact> facts = twoThreads();
        facts.add(Fact.of("thread_blocked_on", 100, 41, "ReentrantLock$NonfairSync@1", 42));
        facts.add(Fact.of("thread_blocked_on", 100, 42, "ReentrantLock$NonfairSync@2", 41));
        facts.add(Fact.of("thread_state", 100, 41, "TIMED_WAITING"));
        facts.add(Fact.of("thread_state", 100, 42, "TIMED_WAITING"));
        facts.add(Fact.of("deadlocked", 100, 41));
        facts.add(Fact.of("deadlocked", 100, 42));
        facts.add(Fact.of("fail_on", "deadlock"));
        List<Fact> untimed = new ArrayList<>(facts);
        untimed.replaceAll(fact -> fact.predicate().equals("thread_state")
                ? Fact.of("thread_state", 100, fact.values().get(1), "WAITING") : fact);

        assertThat(engine.diagnose(facts)).isEmpty();
        assertThat(classes(engine.diagnose(untimed))).containsExactly(BugClass.DEADLOCK);
    }

    private static List<Fact> stalled(String... topFrames) {
        List<Fact> facts = twoThreads();
        facts.addAll(List.of(Fact.of("hang", 1200, "stall"), Fact.of("stall_window", 1000),
                Fact.of("no_progress", 1200, 40, 1100), Fact.of("no_progress", 1200, 41, 1100),
                Fact.of("hang_frame", 1200, 41, 0, "sun.nio.ch.EPoll.wait")));
        for (int depth = 0; depth < topFrames.length; depth++) {
            facts.add(Fact.of("hang_frame", 1200, 40, depth, topFrames[depth]));
        }
        return facts;
    }

    @Test
    void aThreadReadingASilentSocketIsAMissingTimeoutAndTheOthersStallBecauseOfIt() {
        // JDK 17 and JDK 25 show the same frames for an untimed java.net.Socket read.
        List<Signature> signatures = engine.diagnose(stalled("sun.nio.ch.SocketDispatcher.read0",
                "sun.nio.ch.NioSocketImpl.read", "java.net.Socket$SocketInputStream.read", "com.example.Client.status"));

        assertThat(classes(signatures)).containsExactly(BugClass.MISSING_TIMEOUT);
    }

    @Test
    void aWaitWithNoPeerIsAStall() {
        List<Signature> signatures = engine.diagnose(stalled("java.lang.Object.wait", "com.example.Mailbox.take"));

        assertThat(classes(signatures)).containsExactly(BugClass.STALL);
    }
}
