package dev.panicattack.junit.exhaustion;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.lang.invoke.MethodHandles;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

import com.sun.management.HotSpotDiagnosticMXBean;

import dev.panicattack.junit.Diagnose;
import dev.panicattack.junit.PanicSignatureError;
import dev.panicattack.junit.UnderPressure;

/**
 * Every kind of memory a test can exhaust, in the test body and in a thread it started, ends in a
 * classified failure with a report, and the JVM runs the next test. Each exhaustion happens in a JVM
 * of its own ({@link ChildJvm}) with small limits; the children run at the same time, started before
 * the first test, and each test judges one child's results.
 */
class ExhaustionTests {

    /** A bound for a hung child, far above what one takes (13 s for the longest on a loaded 2-core machine). */
    private static final Duration CHILD_LIMIT = Duration.ofSeconds(120);
    private static final List<String> SMALL_MEMORY = List.of("-XX:+UseG1GC", "-Xmx256m", "-XX:MaxMetaspaceSize=64m",
            "-XX:CompressedClassSpaceSize=16m", "-XX:MaxDirectMemorySize=16m");
    /** Room for the JVM's own reservations, and 768 MiB that the test's one huge thread stack takes but for 256 MiB. */
    private static final String ADDRESS_SPACE_LIMIT = "export MALLOC_ARENA_MAX=2 && ulimit -v 2621440";

    @TempDir
    static Path directory;

    private static ChildJvm memory;
    private static ChildJvm threads;
    private static ChildJvm heapDump;
    private static ChildJvm exitOnOutOfMemory;

    @BeforeAll
    static void startTheChildren() throws IOException {
        memory = ChildJvm.start(directory, "memory", SMALL_MEMORY, Optional.empty(),
                MetaspaceInBodyTestCases.class, MetaspaceInWorkerTestCases.class, ClassSpaceTestCases.class,
                HeapInBodyTestCases.class, HeapInWorkerTestCases.class, HeapHeldTestCases.class,
                DirectMemoryTestCases.class);
        threads = ChildJvm.start(directory, "threads", List.of("-Xmx128m", "-XX:CompressedClassSpaceSize=64m",
                "-XX:ReservedCodeCacheSize=64m"), Optional.of(ADDRESS_SPACE_LIMIT), NativeThreadsTestCases.class);
        Path dumps = Files.createDirectories(directory.resolve("dumps"));
        heapDump = ChildJvm.start(directory, "heap-dump", List.of("-Xmx256m", "-XX:+HeapDumpOnOutOfMemoryError",
                "-XX:HeapDumpPath=" + dumps), Optional.empty(), HeapDumpTestCases.class);
        exitOnOutOfMemory = ChildJvm.start(directory, "exit-on-oom", List.of("-Xmx256m", "-XX:+ExitOnOutOfMemoryError"),
                Optional.empty(), ExitOnOutOfMemoryTestCases.class);
    }

    @Test
    void everyMemoryPoolFilledByTheBodyOrAWorkerFailsClassifiedAndTheRunGoesOn() throws Exception {
        ChildJvm.Run run = memory.await(CHILD_LIMIT);

        assertThat(run.endedNormally()).as("%s", run).isTrue();
        assertClassified(run, "MetaspaceInBodyTestCases", "MEMORY_LEAK", "Metaspace");
        assertClassified(run, "MetaspaceInWorkerTestCases", "MEMORY_LEAK", "Metaspace");
        assertClassified(run, "ClassSpaceTestCases", "MEMORY_LEAK", "Compressed Class Space");
        assertClassified(run, "HeapInBodyTestCases", "HEAP_EXHAUSTION", "heap");
        assertClassified(run, "HeapInWorkerTestCases", "HEAP_EXHAUSTION", "heap");
        // Held until the failure, with no ballast to release: retained (a leak) if the sensor saw it grow, else exhaustion.
        assertClassified(run, "HeapHeldTestCases", run.test("HeapHeldTestCases#fillsTheHeapAndHoldsIt").firstLine()
                .startsWith("panic: MEMORY_LEAK") ? "MEMORY_LEAK" : "HEAP_EXHAUSTION", "heap");
        assertClassified(run, "DirectMemoryTestCases", "HEAP_EXHAUSTION", "direct");
        // Where the fix belongs: the allocation that met the full heap, the class definitions that filled metaspace.
        // With no frame of the OutOfMemoryError recorded, the body's place at the last look names the allocation;
        // when that look caught the body outside the program's code (a sampled stack), the remedy says so.
        assertThat(run.test("HeapInBodyTestCases#fillsTheHeap").message()).as("%s", run).containsPattern("\n  at "
                + java.util.regex.Pattern.quote(ExhaustionTests.class.getName() + ".allocateUntilFull")
                + "(\\(ExhaustionTests\\.java:\\d+\\))?: (allocates when the heap runs out|thread \"[^\"]+\" stood here at the"
                + " last look before the heap ran out)\n|\n  not located: the allocation itself: the OutOfMemoryError has no"
                + " recorded frame outside the JDK\n");
        assertThat(run.test("MetaspaceInBodyTestCases#fillsMetaspace").message()).as("%s", run)
                .contains("\nfix: stop defining classes per call: cache and reuse the generated class")
                .containsPattern("\n  at " + java.util.regex.Pattern.quote(ExhaustionTests.class.getName() + ".defineUntilFull")
                        + "(\\(ExhaustionTests\\.java:\\d+\\))?: thread \"[^\"]+\" was defining classes here at the last look"
                        + " before Metaspace ran out\n");
        assertThat(evidence(run, "HeapInBodyTestCases")).contains("\"ballast_released\"");
        assertThat(evidence(run, "MetaspaceInBodyTestCases")).contains("\"pool_at_failure\"");
        assertThat(evidence(run, "MetaspaceInWorkerTestCases")).contains("\"pool_peak\"");
    }

    @Test
    @EnabledOnOs(value = OS.LINUX, disabledReason = "the child's address space is limited with bash's ulimit -v")
    void nativeThreadsRunningOutFailsClassifiedAndTheRunGoesOn() throws Exception {
        ChildJvm.Run run = threads.await(CHILD_LIMIT);

        assertThat(run.endedNormally()).as("%s", run).isTrue();
        assertClassified(run, "NativeThreadsTestCases", "THREAD_LEAK", "threads");
    }

    @Test
    void heapPressureSwitchesTheHeapDumpOffUntilItEndsSoNoBallastIsDumped() throws Exception {
        ChildJvm.Run run = heapDump.await(CHILD_LIMIT);

        assertThat(run.endedNormally()).as("%s", run).isTrue();
        assertClassified(run, "HeapDumpTestCases", "HEAP_EXHAUSTION", "heap");
        try (Stream<Path> dumps = Files.list(directory.resolve("dumps"))) {
            assertThat(dumps).isEmpty();
        }
    }

    @Test
    void heapPressureIsRefusedBeforeItStartsInAJvmThatExitsOnOutOfMemory() throws Exception {
        ChildJvm.Run run = exitOnOutOfMemory.await(CHILD_LIMIT);

        assertThat(run.endedNormally()).as("%s", run).isTrue();
        ChildJvm.TestLine refused = run.test("ExitOnOutOfMemoryTestCases#fillsTheHeap");
        assertThat(refused.status()).isEqualTo("FAILED");
        assertThat(refused.thrown()).isEqualTo(IllegalStateException.class.getName());
        assertThat(refused.message()).isEqualTo("heap pressure cannot run in this JVM: it was started with"
                + " -XX:+ExitOnOutOfMemoryError, which ends the JVM at the first OutOfMemoryError, and heap pressure"
                + " provokes them on purpose. Remove -XX:+ExitOnOutOfMemoryError from the test JVM's arguments"
                + " (Surefire's or Failsafe's argLine, Gradle's jvmArgs), or run the heap-pressure tests in a fork"
                + " without it (docs/exhaustion.md)");
        assertThat(run.test("ExitOnOutOfMemoryTestCases#nextTestRuns").status()).isEqualTo("SUCCESSFUL");
    }

    /** The fixture's exhausting test failed with {@code bugClass} keyed {@code key} and a report; its next test passed. */
    private static void assertClassified(ChildJvm.Run run, String fixture, String bugClass, String key) {
        ChildJvm.TestLine exhausted = run.test(fixture + "#" + exhaustingTest(run, fixture));
        assertThat(exhausted.status()).as("%s", run).isEqualTo("FAILED");
        assertThat(exhausted.thrown()).as("%s", run).isEqualTo(PanicSignatureError.class.getName());
        assertThat(exhausted.firstLine()).as("%s", run).startsWith("panic: " + bugClass + " (confidence ");
        assertThat(exhausted.message()).as("%s", run)
                .contains("signature(class=\"" + bugClass.toLowerCase(java.util.Locale.ROOT) + "\", key=\"" + key + "\")");
        assertThat(run.report(fixture + "#" + exhaustingTest(run, fixture))).as("%s", run)
                .hasValueSatisfying(report -> assertThat(report).exists());
        assertThat(run.test(fixture + "#nextTestRuns").status()).as("%s", run).isEqualTo("SUCCESSFUL");
    }

    private static String exhaustingTest(ChildJvm.Run run, String fixture) {
        return run.out().stream().filter(line -> line.startsWith("test\t" + fixture + "#"))
                .map(line -> line.split("\t")[1].substring(fixture.length() + 1))
                .filter(method -> !method.equals("nextTestRuns")).findFirst()
                .orElseThrow(() -> new AssertionError("no exhausting test of " + fixture + " ran;\n" + run));
    }

    private static String evidence(ChildJvm.Run run, String fixture) throws IOException {
        Path html = run.report(fixture + "#" + exhaustingTest(run, fixture)).orElseThrow();
        String name = html.getFileName().toString();
        return Files.readString(html.resolveSibling(name.substring(0, name.length() - ".html".length()) + ".json"));
    }

    /** Fills metaspace with hidden classes, each a copy of {@code template}, kept in {@code into}, until it is full. */
    static void defineUntilFull(List<Class<?>> into, Class<?> template) throws IOException, IllegalAccessException {
        byte[] bytes;
        try (InputStream in = template.getResourceAsStream(template.getName().substring(
                template.getName().lastIndexOf('.') + 1) + ".class")) {
            bytes = in.readAllBytes();
        }
        MethodHandles.Lookup lookup = MethodHandles.lookup();
        while (true) {
            into.add(lookup.defineHiddenClass(bytes, false).lookupClass());
        }
    }

    /** Fills the heap with 1 MiB arrays held until the failure, which frees them. */
    static void allocateUntilFull() {
        List<byte[]> held = new ArrayList<>();
        while (true) {
            held.add(new byte[1 << 20]);
        }
    }

    /** Whatever the next test does, it loads a class: metaspace has room again. */
    static void loadsAClass() {
        assertThat(new Object() { }.getClass().isAnonymousClass()).isTrue();
    }

    /** Its hidden copies take much of metaspace and little class space: static methods have no virtual-method table. */
    static final class MethodsTemplate {
        static int a(int x) { return x + 1; }
        static int b(int x) { return x + 2; }
        static int c(int x) { return x + 3; }
        static int d(int x) { return x + 4; }
        static int e(int x) { return x + 5; }
        static int f(int x) { return x + 6; }
        static int g(int x) { return x + 7; }
        static int h(int x) { return x + 8; }
        static int i(int x) { return x + 9; }
        static int j(int x) { return x + 10; }
        static int k(int x) { return x + 11; }
        static int l(int x) { return x + 12; }
    }

    /** Its hidden copies take mostly class space: a class is at least its header there. */
    static final class EmptyTemplate {
    }

    @Order(1)
    @Diagnose
    @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
    static class MetaspaceInBodyTestCases {
        private final List<Class<?>> defined = new ArrayList<>();

        @Test
        @Order(1)
        void fillsMetaspace() throws Exception {
            defineUntilFull(defined, MethodsTemplate.class);
        }

        @Test
        @Order(2)
        void nextTestRuns() {
            loadsAClass();
        }
    }

    @Order(2)
    @Diagnose
    @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
    static class MetaspaceInWorkerTestCases {
        private final List<Class<?>> defined = new ArrayList<>();
        private final ExecutorService worker = Executors.newSingleThreadExecutor();

        @Test
        @Order(1)
        void fillsMetaspaceInAWorker() throws Exception {
            worker.submit((Callable<Void>) () -> {
                defineUntilFull(defined, MethodsTemplate.class);
                return null;
            }).get();
        }

        @Test
        @Order(2)
        void nextTestRuns() {
            loadsAClass();
        }

        @AfterEach
        void stopTheWorker() {
            worker.shutdownNow();
        }
    }

    @Order(3)
    @Diagnose
    @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
    static class ClassSpaceTestCases {
        private final List<Class<?>> defined = new ArrayList<>();

        @Test
        @Order(1)
        void fillsClassSpace() throws Exception {
            defineUntilFull(defined, EmptyTemplate.class);
        }

        @Test
        @Order(2)
        void nextTestRuns() {
            loadsAClass();
        }
    }

    @Order(4)
    @UnderPressure(memory = 50)
    @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
    static class HeapInBodyTestCases {

        @Test
        @Order(1)
        void fillsTheHeap() {
            allocateUntilFull();
        }

        @Test
        @Order(2)
        void nextTestRuns() {
            loadsAClass();
        }
    }

    @Order(5)
    @UnderPressure(memory = 50)
    @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
    static class HeapInWorkerTestCases {
        private final ExecutorService worker = Executors.newSingleThreadExecutor();

        @Test
        @Order(1)
        void fillsTheHeapInAWorker() throws Exception {
            worker.submit(ExhaustionTests::allocateUntilFull).get();
        }

        @Test
        @Order(2)
        void nextTestRuns() {
            loadsAClass();
        }

        @AfterEach
        void stopTheWorker() {
            worker.shutdownNow();
        }
    }

    @Order(6)
    @Diagnose
    @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
    static class HeapHeldTestCases {
        private final List<byte[]> held = new ArrayList<>();

        @Test
        @Order(1)
        void fillsTheHeapAndHoldsIt() {
            while (true) {
                held.add(new byte[1 << 20]);
            }
        }

        @Test
        @Order(2)
        void nextTestRuns() {
            loadsAClass();
        }
    }

    @Order(7)
    @Diagnose
    @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
    static class DirectMemoryTestCases {
        private final List<ByteBuffer> held = new ArrayList<>();

        @Test
        @Order(1)
        void fillsDirectMemory() {
            while (true) {
                held.add(ByteBuffer.allocateDirect(1 << 20));
            }
        }

        @Test
        @Order(2)
        void nextTestRuns() {
            loadsAClass();
        }
    }

    @Diagnose
    @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
    static class NativeThreadsTestCases {
        /** What the JVM keeps for itself once the test's thread has its stack. */
        private static final long LEFT_TO_THE_JVM = 256L << 20;
        private final CountDownLatch release = new CountDownLatch(1);
        private final List<Thread> started = new ArrayList<>();

        @Test
        @Order(1)
        void startsThreadsUntilNoneCanStart() throws IOException {
            long stack = addressSpaceLeft() - LEFT_TO_THE_JVM;
            assertThat(stack).as("address space left beyond the JVM's share").isPositive();
            // The first thread takes all the address space but the JVM's share; the second finds none.
            for (int i = 0; i < 8; i++) {
                Thread thread = new Thread(null, this::awaitRelease, "huge-stack-" + i, stack);
                thread.setDaemon(true);
                thread.start();
                started.add(thread);
            }
            throw new AssertionError("8 threads of " + (stack >> 20) + " MiB stack each started under the limit");
        }

        @Test
        @Order(2)
        void nextTestRuns() {
            loadsAClass();
        }

        @AfterEach
        void releaseThreads() throws InterruptedException {
            release.countDown();
            for (Thread thread : started) {
                thread.join();
            }
        }

        private void awaitRelease() {
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        /** {@code ulimit -v} minus the address space the JVM has taken, from {@code /proc/self}. */
        private static long addressSpaceLeft() throws IOException {
            long limit = Files.readAllLines(Path.of("/proc/self/limits")).stream()
                    .filter(line -> line.startsWith("Max address space"))
                    .map(line -> line.substring("Max address space".length()).trim().split("\\s+")[0])
                    .map(Long::parseLong).findFirst().orElseThrow();
            long used = Files.readAllLines(Path.of("/proc/self/status")).stream()
                    .filter(line -> line.startsWith("VmSize:"))
                    .map(line -> Long.parseLong(line.replaceAll("\\D", "")) * 1024).findFirst().orElseThrow();
            return limit - used;
        }
    }

    @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
    static class HeapDumpTestCases {

        @Test
        @Order(1)
        @UnderPressure(memory = 50)
        void fillsTheHeap() {
            allocateUntilFull();
        }

        @Test
        @Order(2)
        void nextTestRuns() {
            HotSpotDiagnosticMXBean hotSpot = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
            assertThat(hotSpot.getVMOption("HeapDumpOnOutOfMemoryError").getValue()).isEqualTo("true");
        }
    }

    @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
    static class ExitOnOutOfMemoryTestCases {

        @Test
        @Order(1)
        @UnderPressure(memory = 50)
        void fillsTheHeap() {
            allocateUntilFull();
        }

        @Test
        @Order(2)
        void nextTestRuns() {
            loadsAClass();
        }
    }
}
