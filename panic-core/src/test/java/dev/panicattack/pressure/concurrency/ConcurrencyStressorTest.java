package dev.panicattack.pressure.concurrency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import dev.panicattack.evidence.Fact;
import dev.panicattack.pressure.concurrency.fixture.GuardedCounter;
import dev.panicattack.pressure.concurrency.fixture.LockedCounter;
import dev.panicattack.pressure.concurrency.fixture.RacyCounter;
import dev.panicattack.subject.Subject;

class ConcurrencyStressorTest {

    private static final Subject FIXTURES = Subject.of("dev.panicattack.pressure.concurrency.fixture");

    private static ConcurrencyPlan noise(double percent, long seed) {
        return new ConcurrencyPlan(0, percent, seed, true, 1, 0, FIXTURES);
    }

    private static int race(RacyCounter counter, int threads, int increments) throws InterruptedException {
        CountDownLatch start = new CountDownLatch(1);
        Thread[] racers = new Thread[threads];
        for (int index = 0; index < threads; index++) {
            racers[index] = new Thread(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
                for (int i = 0; i < increments; i++) {
                    counter.increment();
                }
            }, "racer-" + index);
            racers[index].start();
        }
        start.countDown();
        for (Thread racer : racers) {
            racer.join();
        }
        return counter.count();
    }

    @Test
    void noiseAtUnsynchronizedWritesLosesUpdatesAndIsRecorded() throws InterruptedException {
        ConcurrencyStressor stressor = new ConcurrencyStressor(noise(50, 42));
        int counted;
        try {
            stressor.start();
            assertThat(stressor.awaitEstablished(Duration.ofSeconds(1))).isTrue();
            counted = race(new RacyCounter(), 2, 500);
        } finally {
            stressor.close();
        }
        assertThat(counted).isLessThan(1000);
        assertThat(stressor.instrumentedClasses()).isGreaterThanOrEqualTo(1);
        List<NoisePoint> points = stressor.noisePoints();
        assertThat(points).anySatisfy(point -> {
            assertThat(point.className()).isEqualTo(RacyCounter.class.getName());
            assertThat(point.method()).isEqualTo("increment");
            assertThat(point.kind()).isEqualTo(NoisePoint.SHARED_WRITE);
            assertThat(point.line()).isEqualTo(9);
            assertThat(point.hits()).isEqualTo(1000);
            assertThat(point.threads()).isEqualTo(2);
            assertThat(point.delays()).isGreaterThan(0);
        });
        assertThat(stressor.facts()).contains(Fact.of("concurrency_seed", 42L), Fact.of("noise_level", 50.0));
        assertThat(stressor.facts()).anySatisfy(fact -> assertThat(fact.predicate()).isEqualTo("noise_point"));
        assertThat(NoiseHook.SLOT.published()).isNull();
        assertThat(stressor.achieved(0)).startsWith("concurrency seed 42: noise 50% perturbed ")
                .endsWith("; replay with @UnderPressure(concurrency = @Concurrency(seed = 42)) or concurrency: { seed: 42 }");
    }

    @Test
    void afterCloseTheSubjectRunsUntouched() throws InterruptedException {
        ConcurrencyStressor stressor = new ConcurrencyStressor(noise(100, 7));
        stressor.start();
        stressor.close();
        long hitsAtClose = stressor.noisePoints().stream().mapToLong(NoisePoint::hits).sum();
        // A fresh stressor's noise registers points only where classes are instrumented again: none are left behind.
        assertThat(race(new RacyCounter(), 1, 100)).isEqualTo(100);
        assertThat(stressor.noisePoints().stream().mapToLong(NoisePoint::hits).sum()).isEqualTo(hitsAtClose);
        assertThat(NoiseHook.SLOT.published()).isNull();
        stressor.close();
    }

    @Test
    void theSubjectsBytecodeCallsTheHookOnlyWhileTheStressorRuns() throws Exception {
        new RacyCounter().increment();
        ConcurrencyStressor stressor = new ConcurrencyStressor(noise(10, 3));
        String during;
        try {
            stressor.start();
            during = currentBytes(RacyCounter.class);
        } finally {
            stressor.close();
        }
        assertThat(during).contains(NoiseHook.class.getName().replace('.', '/'));
        // The whole class file, constant pool included, is the original again (JDK 25 kept the hooked
        // constant pool when the reset ran with no other transformer registered).
        assertThat(currentBytes(RacyCounter.class)).doesNotContain(NoiseHook.class.getName().replace('.', '/'));
        assertThat(NoiseHook.SLOT.published()).isNull();
        long hitsAtClose = stressor.noisePoints().stream().mapToLong(NoisePoint::hits).sum();
        assertThat(race(new RacyCounter(), 1, 100)).isEqualTo(100);
        assertThat(stressor.noisePoints().stream().mapToLong(NoisePoint::hits).sum()).isEqualTo(hitsAtClose);
    }

    /** The class file as the JVM now has it, seen by a retransformation that changes nothing. */
    private static String currentBytes(Class<?> type) throws Exception {
        java.lang.instrument.Instrumentation instrumentation = net.bytebuddy.agent.ByteBuddyAgent.install();
        java.util.concurrent.atomic.AtomicReference<byte[]> seen = new java.util.concurrent.atomic.AtomicReference<>();
        java.lang.instrument.ClassFileTransformer capture = new java.lang.instrument.ClassFileTransformer() {
            @Override
            public byte[] transform(ClassLoader loader, String name, Class<?> redefined,
                    java.security.ProtectionDomain domain, byte[] bytes) {
                if (redefined == type) {
                    seen.set(bytes.clone());
                }
                return null;
            }
        };
        instrumentation.addTransformer(capture, true);
        try {
            instrumentation.retransformClasses(type);
        } finally {
            instrumentation.removeTransformer(capture);
        }
        return new String(seen.get(), java.nio.charset.StandardCharsets.ISO_8859_1);
    }

    @Test
    void synchronizedAndLockedAccessesAreGuardedPoints() {
        ConcurrencyStressor stressor = new ConcurrencyStressor(noise(20, 1));
        try {
            stressor.start();
            GuardedCounter guarded = new GuardedCounter();
            LockedCounter locked = new LockedCounter();
            for (int i = 0; i < 10; i++) {
                guarded.increment();
                locked.increment();
            }
            assertThat(guarded.count()).isEqualTo(10);
            assertThat(locked.count()).isEqualTo(10);
        } finally {
            stressor.close();
        }
        List<NoisePoint> points = stressor.noisePoints();
        assertThat(points).filteredOn(point -> point.className().endsWith("GuardedCounter"))
                .extracting(NoisePoint::kind).containsOnly(NoisePoint.GUARDED_READ, NoisePoint.GUARDED_WRITE);
        assertThat(points).filteredOn(point -> point.className().endsWith("LockedCounter"))
                .extracting(NoisePoint::kind)
                .contains(NoisePoint.LOCK, NoisePoint.UNLOCK, NoisePoint.MONITOR_ENTER, NoisePoint.MONITOR_EXIT,
                        NoisePoint.GUARDED_READ, NoisePoint.GUARDED_WRITE)
                .doesNotContain(NoisePoint.SHARED_READ, NoisePoint.SHARED_WRITE);
    }

    @Test
    void contendersTakeTheSubjectsLocksAndStop() throws InterruptedException {
        ConcurrencyStressor stressor = new ConcurrencyStressor(new ConcurrencyPlan(2, 0, 5, true, 1, 0, FIXTURES));
        try {
            stressor.start();
            LockedCounter locked = new LockedCounter();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (stressor.contenderAcquisitions() == 0 && System.nanoTime() < deadline) {
                locked.increment();
            }
            assertThat(stressor.contenderAcquisitions()).isPositive();
        } finally {
            stressor.close();
        }
        assertThat(stressor.contendersAliveAfterClose()).isZero();
        assertThat(Thread.getAllStackTraces().keySet()).noneMatch(thread -> thread.getName().startsWith("panic-contender-"));
        assertThat(stressor.facts()).anySatisfy(fact -> assertThat(fact.predicate()).isEqualTo("contenders"));
    }

    @Test
    void commonPoolWorkersAreBlockedUntilClose() throws Exception {
        int workers = Math.min(2, ForkJoinPool.getCommonPoolParallelism());
        ConcurrencyStressor stressor = new ConcurrencyStressor(new ConcurrencyPlan(0, 0, 5, true, 1, workers, FIXTURES));
        try {
            stressor.start();
            assertThat(stressor.awaitEstablished(Duration.ofSeconds(5))).isTrue();
            assertThat(stressor.commonPoolBlocked()).isEqualTo(workers);
        } finally {
            stressor.close();
        }
        assertThat(ForkJoinPool.commonPool().submit(() -> 1).get(10, TimeUnit.SECONDS)).isEqualTo(1);
        assertThat(stressor.facts()).contains(Fact.of("common_pool_blocked", workers, workers));
    }

    @Test
    void aSecondActiveStressorIsRefused() {
        ConcurrencyStressor first = new ConcurrencyStressor(noise(10, 1));
        ConcurrencyStressor second = new ConcurrencyStressor(noise(10, 2));
        try {
            first.start();
            assertThatThrownBy(second::start).isInstanceOf(IllegalStateException.class)
                    .hasMessage("another concurrency stressor is active in this JVM; close it before starting a new"
                            + " one (tests under concurrency pressure do not run in parallel)");
        } finally {
            second.close();
            first.close();
        }
        assertThat(NoiseHook.SLOT.published()).isNull();
    }

    @Test
    void parallelOutcomeIsRecorded() {
        ConcurrencyStressor stressor = new ConcurrencyStressor(new ConcurrencyPlan(0, 0, 3, true, 4, 0, FIXTURES));
        stressor.start();
        stressor.recordParallel(4, 1);
        stressor.close();
        assertThat(stressor.facts()).contains(Fact.of("parallel_copies", 4), Fact.of("parallel_failed", 1));
        assertThat(stressor.achieved(0)).contains("4 parallel copies (1 failed)");
        assertThatThrownBy(() -> stressor.recordParallel(2, 3)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("parallel outcome must have 1 or more copies and 0 to copies failed, but was 3 of 2");
    }
}
