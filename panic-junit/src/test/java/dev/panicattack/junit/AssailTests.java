package dev.panicattack.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Events;

import dev.panicattack.assail.Category;
import dev.panicattack.constraint.ConcurrencyConstraint;
import dev.panicattack.pressure.PressurePlan;
import dev.panicattack.signature.BugClass;

/** {@code @Assail}: targeted selection, precedence, the static-plus-dynamic DEADLOCK proof, clean code and bad input. */
class AssailTests {

    private static final String NESTED = "dev.panicattack.junit.AssailTests$";

    @AfterEach
    void releaseTheTellers() {
        DeadlockTestCases.release();
    }

    @Test
    void aRecursionAndALeakCandidateChooseMemoryWithALeakAndTheReportEntrySaysWhichFindingChoseWhat() {
        Events tests = execute(TargetedTestCases.class);

        tests.assertStatistics(stats -> stats.started(1).succeeded(1));
        String assail = entry(tests, Assail.REPORT_ENTRY);
        assertThat(assail.lines().findFirst().orElseThrow()).startsWith("2 findings chose memory, concurrency");
        assertThat(assail).containsPattern("memory chosen by GROWING_STATIC_COLLECTION at "
                + "dev\\.panicattack\\.junit\\.AssailTests\\$Cache\\.put:\\d+, applied\n")
                .containsPattern("memory chosen by RECURSION at dev\\.panicattack\\.junit\\.AssailTests\\$Tree\\.depth:\\d+,"
                        + " applied\n");
        assertThat(assail).containsPattern("concurrency chosen by RECURSION at .*Tree\\.depth:\\d+, applied");
        // the leak candidate's 2 %/s and the strongest heap level of the two findings (70 %)
        assertThat(entry(tests, PanicConfiguration.PRESSURE_REPORT_ENTRY)).startsWith("@Assail (heap 70% +2%/s up to 95%,");
        assertThat(entry(tests, PanicConfiguration.REPORT_ENTRY)).endsWith(".html");
        Path html = Path.of(entry(tests, PanicConfiguration.REPORT_ENTRY));
        assertThat(html).content().contains("<h2>Assail findings</h2>", "GROWING_STATIC_COLLECTION", "memory: applied");
    }

    @Test
    void explicitDeclarationsOverrideTheChosenValuesFieldByField() {
        Events tests = execute(PrecedenceTestCases.class);

        tests.assertStatistics(stats -> stats.started(1).succeeded(1));
        // @UnderPressure(memory = 20) replaces the chosen heap level; the chosen leak rate stays
        assertThat(entry(tests, PanicConfiguration.PRESSURE_REPORT_ENTRY)).startsWith("@Assail + @UnderPressure (heap 20% +2%/s up to 95%)");
        assertThat(entry(tests, Assail.REPORT_ENTRY)).containsPattern("memory chosen by GROWING_STATIC_COLLECTION at"
                + " .*Cache\\.put:\\d+, applied under the test's own memory declaration, whose values take precedence");
    }

    @Test
    void aNamedConstraintSetOverridesTheChosenValuesToo() {
        Events tests = execute(NamedSetTestCases.class);

        tests.assertStatistics(stats -> stats.started(1).succeeded(1));
        // heap-pressure declares heap 80; the leak candidate's 2 %/s stays
        assertThat(entry(tests, PanicConfiguration.PRESSURE_REPORT_ENTRY)).startsWith("@Assail + heap-pressure (heap 80% +2%/s up to 95%)");
    }

    @Test
    void aStaticLockOrderInversionThatReallyDeadlocksIsProvedFromBothTheCodeAndTheBlockedThreads() throws Exception {
        Events tests = execute(DeadlockTestCases.class);

        Throwable failure = DiagnoseTests.singleFailure(tests);
        assertThat(failure).isInstanceOf(PanicSignatureError.class);
        assertThat(((PanicSignatureError) failure).bugClass()).isEqualTo(BugClass.DEADLOCK);
        // lock-cycle 0.8, jvm-deadlock-detector 0.9 and the static inversion 0.7: 1 - 0.2 * 0.1 * 0.3 = 0.994
        assertThat(failure.getMessage().lines().findFirst().orElseThrow())
                .isEqualTo("panic: DEADLOCK (confidence 1.00) under @Assail (cpu 80%, concurrency 2 contenders)");
        // the message names both code locations: the inverted acquisition found statically, and the blocked frame
        String accountsPattern = (NESTED + "Accounts").replace("$", "\\$").replace(".", "\\.");
        assertThat(failure.getMessage()).contains("also by static-lock-order-inversion:")
                .containsPattern("static_lock_order\\(class=\"" + accountsPattern + "\", method=\"(leftThenRight|"
                        + "rightThenLeft)\", line=\\d+, first_lock=\"" + accountsPattern + "\\.(LEFT|RIGHT)\", second_lock=")
                .containsPattern("hang_frame\\(t=\\d+, tid=\\d+, depth=\\d+, method=\"" + accountsPattern
                        + "\\.(leftThenRight|rightThenLeft)\"\\)");
        String json = Files.readString(Path.of(entry(tests, PanicConfiguration.REPORT_ENTRY).replaceAll("\\.html$",
                ".json")));
        String accounts = NESTED + "Accounts";
        assertThat(json).containsPattern("static_lock_order\\(class=\\\\\"" + accounts.replace("$", "\\$")
                + "\\\\\", method=\\\\\"(leftThenRight|rightThenLeft)\\\\\", line=\\d+, first_lock=\\\\\""
                + accounts.replace("$", "\\$") + "\\.(LEFT|RIGHT)\\\\\"")
                .containsPattern("hang_frame\\(t=\\d+, tid=\\d+, depth=\\d+, method=\\\\\"" + accounts.replace("$", "\\$")
                        + "\\.(leftThenRight|rightThenLeft)\\\\\"\\)")
                .contains("static-lock-order-inversion");
        assertThat(entry(tests, Assail.REPORT_ENTRY)).containsPattern("cpu chosen by LOCK_ORDER at .*Accounts\\."
                + "(leftThenRight|rightThenLeft):\\d+, applied");
    }

    @Test
    void aStackOverflowInAMethodAssailFoundRecursiveIsProvedFromTheCodeToo() {
        Throwable failure = DiagnoseTests.singleFailure(execute(OverflowTestCases.class));

        assertThat(failure).isInstanceOf(PanicSignatureError.class);
        assertThat(((PanicSignatureError) failure).bugClass()).isEqualTo(BugClass.UNBOUNDED_RECURSION);
        // stack-overflow 0.8, recurring-frame 0.9 and static-recursion 0.7
        assertThat(failure.getMessage().lines().findFirst().orElseThrow())
                .isEqualTo("panic: UNBOUNDED_RECURSION (confidence 1.00) under @Assail (heap 70%, concurrency 2 contenders)");
        assertThat(failure.getMessage()).containsPattern("static_finding\\(category=\"recursion\", class=\""
                + (NESTED + "Tree").replace("$", "\\$").replace(".", "\\.") + "\", method=\"depth\", line=\\d+\\)");
        assertThat(failure.getCause()).isInstanceOf(StackOverflowError.class);
    }

    @Test
    void aCleanClassHasNoFindingsAndGetsNoPressure() {
        Events tests = execute(CleanTestCases.class);

        tests.assertStatistics(stats -> stats.started(1).succeeded(1));
        assertThat(entry(tests, Assail.REPORT_ENTRY)).startsWith("no findings: no pressure chosen (scanned ")
                .contains("target" + java.io.File.separator + "test-classes");
        assertThat(entry(tests, PanicConfiguration.PRESSURE_REPORT_ENTRY)).startsWith("@Assail (no pressure) |");
        assertThat(entries(tests, PanicConfiguration.REPORT_ENTRY)).isEmpty();
    }

    @Test
    void withoutASubjectTheTestPackageIsScannedInTheMainClassesNotTheTestClasses() {
        Events tests = execute(DefaultSubjectTestCases.class);

        tests.assertStatistics(stats -> stats.started(1).succeeded(1));
        String scanned = entry(tests, Assail.REPORT_ENTRY).lines().findFirst().orElseThrow();
        assertThat(scanned).endsWith("(scanned " + Path.of("target", "classes").toAbsolutePath() + ")")
                .doesNotContain("test-classes");
        assertThat(Path.of("target", "classes", "dev", "panicattack", "junit")).isDirectory();
        // the fixture ignores every category there is
        assertThat(DefaultSubjectTestCases.class.getDeclaredMethods()[0].getAnnotation(Assail.class).ignore())
                .containsExactlyInAnyOrder(Category.values());
    }

    @Test
    void ignoredCategoriesChooseNothing() {
        Events tests = execute(IgnoringTestCases.class);

        tests.assertStatistics(stats -> stats.started(1).succeeded(1));
        assertThat(entry(tests, Assail.REPORT_ENTRY)).startsWith("1 finding chose memory")
                .doesNotContain("GROWING_STATIC_COLLECTION");
    }

    @Test
    void anUnreadableLocationFailsTheTestBeforeAnythingStartsNamingTheInput() {
        Events tests = execute(MissingLocationTestCases.class);

        Throwable failure = DiagnoseTests.singleFailure(tests);
        assertThat(failure).isInstanceOf(ExtensionConfigurationException.class)
                .hasMessageStartingWith("@Assail cannot scan the code under test of MissingLocationTestCases.run():"
                        + " Cannot scan ")
                .hasMessageContaining("no-such-classes: the path does not exist; pass a classes directory (e.g."
                        + " target/classes) or a .jar file");
        assertThat(PanicThreads.alive()).doesNotContain("panic-cpu-burner");
    }

    @Test
    void aJdkClassHasNoCodeSourceToScan() {
        Throwable failure = DiagnoseTests.singleFailure(execute(JdkSubjectTestCases.class));

        assertThat(failure).isInstanceOf(ExtensionConfigurationException.class).hasMessage("@Assail names"
                + " java.lang.String on JdkSubjectTestCases.run(), whose class has no code source to scan (a JDK or"
                + " generated class); name a class of the code under test, or a location with @Assail(paths)");
    }

    @Test
    void aPackageNoClasspathRootHoldsIsAnError() {
        Throwable failure = DiagnoseTests.singleFailure(execute(UnknownPackageTestCases.class));

        assertThat(failure).isInstanceOf(ExtensionConfigurationException.class).hasMessage("@Assail(packages) names"
                + " 'com.nowhere.at.all', which no classpath root of UnknownPackageTestCases holds, on"
                + " UnknownPackageTestCases.run(); name a package of the code under test, or scan a location with"
                + " @Assail(paths)");
    }

    static Events execute(Class<?> fixture) {
        Map<String, String> configuration = new HashMap<>();
        configuration.put(PanicConfiguration.FLIGHT_RECORDER_PROPERTY_NAME, "false");
        return EngineTestKit.engine("junit-jupiter").configurationParameters(configuration)
                .selectors(selectClass(fixture)).execute().testEvents();
    }

    private static List<String> entries(Events tests, String key) {
        return tests.reportingEntryPublished().stream()
                .map(event -> event.getPayload(ReportEntry.class).orElseThrow().getKeyValuePairs())
                .filter(pairs -> pairs.containsKey(key)).map(pairs -> pairs.get(key)).toList();
    }

    private static String entry(Events tests, String key) {
        List<String> values = entries(tests, key);
        assertThat(values).as("report entries %s", key).hasSize(1);
        return values.get(0);
    }

    // ---- subjects: what @Assail scans ------------------------------------------------------------------------

    static final class Tree {
        private Tree() {
        }

        static int depth(int n) {
            return n == 0 ? 0 : 1 + depth(n - 1);
        }
    }

    static final class Cache {
        static final Map<String, byte[]> ENTRIES = new HashMap<>();

        private Cache() {
        }

        static void put(String key, byte[] value) {
            ENTRIES.put(key, value);
        }
    }

    static final class Accounts {
        static final ReentrantLock LEFT = new ReentrantLock();
        static final ReentrantLock RIGHT = new ReentrantLock();

        private Accounts() {
        }

        static void leftThenRight(CountDownLatch bothHoldOne) throws InterruptedException {
            LEFT.lockInterruptibly();
            try {
                bothHoldOne.countDown();
                bothHoldOne.await(10, TimeUnit.SECONDS);
                RIGHT.lockInterruptibly();
                RIGHT.unlock();
            } finally {
                LEFT.unlock();
            }
        }

        static void rightThenLeft(CountDownLatch bothHoldOne) throws InterruptedException {
            RIGHT.lockInterruptibly();
            try {
                bothHoldOne.countDown();
                bothHoldOne.await(10, TimeUnit.SECONDS);
                LEFT.lockInterruptibly();
                LEFT.unlock();
            } finally {
                RIGHT.unlock();
            }
        }
    }

    static final class Clean {
        private Clean() {
        }

        static int twice(int x) {
            return 2 * x;
        }
    }

    // ---- fixtures: the tests run through the engine -----------------------------------------------------------

    static class TargetedTestCases {
        @Test
        @Assail({Tree.class, Cache.class})
        void run() {
            assertThat(Tree.depth(10)).isEqualTo(10);
            Cache.put("k", new byte[16]);
        }
    }

    static class PrecedenceTestCases {
        @Test
        @Assail(Cache.class)
        @UnderPressure(memory = 20)
        void run() {
            Cache.put("k", new byte[16]);
        }
    }

    static class NamedSetTestCases {
        @Test
        @Assail(Cache.class)
        @ConstraintSet("heap-pressure")
        void run() {
            Cache.put("k", new byte[16]);
        }
    }

    static class DeadlockTestCases {
        static final List<Thread> tellers = new CopyOnWriteArrayList<>();

        @Test
        @Assail(Accounts.class)
        @Diagnose(stallWindow = "30s")
        void transfersInOppositeOrder() throws InterruptedException {
            CountDownLatch bothHoldOne = new CountDownLatch(2);
            Thread first = new Thread(() -> run(() -> Accounts.leftThenRight(bothHoldOne)), "teller-1");
            Thread second = new Thread(() -> run(() -> Accounts.rightThenLeft(bothHoldOne)), "teller-2");
            tellers.add(first);
            tellers.add(second);
            first.start();
            second.start();
            first.join();
            second.join();
        }

        interface Transfer {
            void run() throws InterruptedException;
        }

        private static void run(Transfer transfer) {
            try {
                transfer.run();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        static void release() {
            tellers.forEach(Thread::interrupt);
            tellers.clear();
        }
    }

    static class OverflowTestCases {
        @Test
        @Assail(Tree.class)
        void run() {
            Tree.depth(-1);
        }
    }

    static class CleanTestCases {
        @Test
        @Assail(Clean.class)
        void run() {
            assertThat(Clean.twice(2)).isEqualTo(4);
        }
    }

    static class IgnoringTestCases {
        @Test
        @Assail(value = {Tree.class, Cache.class}, ignore = Category.GROWING_STATIC_COLLECTION)
        void run() {
            assertThat(Tree.depth(3)).isEqualTo(3);
        }
    }

    static class DefaultSubjectTestCases {
        // Every category ignored: only where the scan looked matters here, and no pressure slows the test.
        @Test
        @Assail(ignore = {Category.RECURSION, Category.LOCK_ORDER, Category.GROWING_STATIC_COLLECTION,
                Category.THREAD_WITHOUT_SHUTDOWN, Category.BLOCKING_CALL_WITHOUT_TIMEOUT, Category.SWALLOWED_EXCEPTION,
                Category.BUSY_WAIT, Category.UNBOUNDED_QUEUE, Category.UNTRUSTED_DESERIALIZATION})
        void run() {
        }
    }

    static class MissingLocationTestCases {
        @Test
        @Assail(paths = "target/no-such-classes")
        void run() {
        }
    }

    static class JdkSubjectTestCases {
        @Test
        @Assail(String.class)
        void run() {
        }
    }

    static class UnknownPackageTestCases {
        @Test
        @Assail(packages = "com.nowhere.at.all")
        void run() {
        }
    }
}
