package dev.panicattack.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.FileInputStream;
import java.nio.channels.FileChannel;
import java.nio.channels.ServerSocketChannel;
import java.io.IOException;
import java.lang.instrument.Instrumentation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.panicattack.evidence.EvidenceStore;
import dev.panicattack.evidence.Fact;
import dev.panicattack.probe.fixtures.Subject;
import net.bytebuddy.agent.ByteBuddyAgent;

class ProbeSessionTest {

    private static final String SUBJECT = Subject.class.getName();
    private static final String FIXTURES = Subject.class.getPackageName();

    private final EvidenceStore store = EvidenceStore.open();

    @AfterEach
    void noHookLeftBehind() {
        assertThat(CatchHandlers.SLOT.published()).isNull();
        assertThat(ResourceLedger.SLOT.published()).isNull();
        assertThat(ExecutorLedger.SLOT.published()).isNull();
        assertThat(MethodHook.inject(ByteBuddyAgent.getInstrumentation()).published()).isNull();
    }

    private static ProbeSession start(String... names) {
        dev.panicattack.subject.Subject subject = dev.panicattack.subject.Subject.of(names)
                .resolve(ProbeSessionTest.class.getClassLoader());
        return ProbeSession.start(subject, () -> 0L);
    }

    private List<Fact> facts(String predicate) {
        return store.facts(predicate);
    }

    @Test
    void countsEveryCallOfEachMethod() {
        try (ProbeSession session = start(SUBJECT)) {
            for (int i = 0; i < 5; i++) {
                Subject.square(i);
            }
            Subject.depth(3);
            session.record(store);
        }
        assertThat(facts("probe_call")).extracting(fact -> fact.values().subList(0, 2)).containsExactlyInAnyOrder(
                List.of(SUBJECT + ".square", 5L), List.of(SUBJECT + ".depth", 3L));
        assertThat(facts("probe_subject")).containsExactly(Fact.of("probe_subject", SUBJECT));
    }

    @Test
    void recordsTheDeepestRecursionPerThread() {
        try (ProbeSession session = start(SUBJECT)) {
            Subject.depth(200);
            Subject.depth(7);
            session.record(store);
        }
        assertThat(facts("probe_depth")).containsExactly(
                Fact.of("probe_depth", Thread.currentThread().getId(), SUBJECT + ".depth", 200L));
    }

    @Test
    void latencyQuantilesAreLog2BucketBoundsNeverAboveTheMaximum() {
        try (ProbeSession session = start(SUBJECT)) {
            Subject.square(2);
            session.record(store);
        }
        List<Object> call = facts("probe_call").get(0).values();
        long p50 = (Long) call.get(2);
        long max = (Long) call.get(4);
        assertThat(p50).isLessThanOrEqualTo(max);
        assertThat(facts("probe_latency")).hasSize(1);
        assertThat((Long) facts("probe_latency").get(0).values().get(1)).isGreaterThanOrEqualTo(max);
    }

    @Test
    void everyCallIsCountedAndTheFirstThenEverySixteenthIsTimed() {
        try (ProbeSession session = start(SUBJECT)) {
            for (int i = 0; i < 33; i++) {
                Subject.square(i);
            }
            session.record(store);
        }
        assertThat(facts("probe_call").get(0).values().subList(0, 2)).containsExactly(SUBJECT + ".square", 33L);
        assertThat(facts("probe_latency").stream().mapToLong(fact -> (Long) fact.values().get(2)).sum()).isEqualTo(3L);
    }

    @Test
    void countsExceptionsThatEscapeEachMethod() {
        try (ProbeSession session = start(SUBJECT)) {
            for (int i = 0; i < 2; i++) {
                assertThatThrownBy(Subject::fail).isInstanceOf(IllegalStateException.class);
            }
            session.record(store);
        }
        assertThat(facts("probe_thrown")).containsExactly(
                Fact.of("probe_thrown", SUBJECT + ".fail", "java.lang.IllegalStateException", 2L));
    }

    @Test
    void anExceptionCaughtAndNeitherRethrownNorWrappedIsDropped() {
        try (ProbeSession session = start(SUBJECT)) {
            assertThat(Subject.parseOrDefault("x")).isEqualTo(-1);
            assertThat(Subject.parseOrDefault("y")).isEqualTo(-1);
            assertThat(Subject.parseOrDefault("3")).isEqualTo(3);
            assertThatThrownBy(() -> Subject.parseOrWrap("x")).hasCauseInstanceOf(NumberFormatException.class);
            assertThatThrownBy(() -> Subject.parseOrRethrow("x")).isInstanceOf(NumberFormatException.class);
            session.record(store);
        }
        assertThat(facts("exception_dropped")).containsExactly(Fact.of("exception_dropped", SUBJECT + ".parseOrDefault",
                "java.lang.NumberFormatException", (long) lineOf("catch (NumberFormatException e) {", 0), 2L));
    }

    @Test
    void aResourceTheSubjectOpenedAndNeverClosedIsUnclosedWithWhereItWasOpened(@TempDir Path directory)
            throws IOException {
        Path file = Files.writeString(directory.resolve("data.txt"), "x");
        FileInputStream leaked;
        try (ProbeSession session = start(SUBJECT)) {
            leaked = Subject.openAndForget(file.toFile());
            Subject.readFirst(file.toFile());
            // The test's own stream is not the subject's: never counted.
            try (FileInputStream own = new FileInputStream(file.toFile())) {
                assertThat(own.read()).isEqualTo('x');
            }
            session.record(store);
        } finally {
            // Nothing to do here: the stream is closed below, once the facts are taken.
        }
        leaked.close();
        String openedAt = SUBJECT + ".openAndForget(Subject.java:" + lineOf("return new FileInputStream(file);", 0) + ")";
        assertThat(facts("resource_unclosed")).hasSize(1);
        assertThat(facts("resource_unclosed").get(0).values().subList(0, 3))
                .containsExactly("java.io.FileInputStream", openedAt, 1L);
        assertThat((String) facts("resource_unclosed").get(0).values().get(3)).startsWith(openedAt + " <- ");
        assertThat(facts("resource_opened")).extracting(fact -> fact.values().get(0) + " " + fact.values().get(2))
                .containsExactlyInAnyOrder("java.io.FileInputStream 1", "java.io.FileInputStream 1");
    }

    @Test
    void channelsTheSubjectOpenedAndNeverClosedAreUnclosed(@TempDir Path directory) throws IOException {
        Path file = Files.writeString(directory.resolve("data.txt"), "x");
        FileChannel leakedFile;
        ServerSocketChannel leakedServer;
        try (ProbeSession session = start(SUBJECT)) {
            leakedFile = Subject.openChannelAndForget(file);
            leakedServer = Subject.listenAndForget();
            assertThat(Subject.readFirstThroughFiles(file)).isEqualTo('x');
            // The test's own channel is not the subject's: never counted.
            try (FileChannel own = FileChannel.open(file)) {
                assertThat(own.size()).isEqualTo(1);
            }
            session.record(store);
        }
        leakedFile.close();
        leakedServer.close();
        String fileAt = SUBJECT + ".openChannelAndForget(Subject.java:" + lineOf("return FileChannel.open(file);", 0) + ")";
        String serverAt = SUBJECT + ".listenAndForget(Subject.java:"
                + lineOf("return ServerSocketChannel.open().bind(", 0) + ")";
        assertThat(facts("resource_unclosed")).extracting(fact -> fact.values().subList(0, 3)).containsExactlyInAnyOrder(
                List.of("sun.nio.ch.FileChannelImpl", fileAt, 1L), List.of("sun.nio.ch.ServerSocketChannelImpl", serverAt, 1L));
        // Files.newInputStream's channel was opened by the subject, and closed.
        assertThat(facts("resource_opened")).extracting(fact -> (String) fact.values().get(1))
                .anyMatch(at -> at.startsWith(SUBJECT + ".readFirstThroughFiles("));
    }

    @Test
    void theResourceHookNeverFollowsItsOwnClassLoadingIntoAStackOverflow(@TempDir Path directory) throws IOException {
        Path file = Files.writeString(directory.resolve("data.txt"), "x");
        ProbeSession session = start(SUBJECT);
        assertThat(Subject.readFirst(file.toFile())).isEqualTo('x');
        // The reset reads class files while the JDK classes are still advised: the ledger's stack walk
        // loaded classes, whose jars opened files, whose advice called the ledger again, until the
        // stack overflowed (and the JVM printed "transform method call failed").
        session.close();
        assertThat(session.resourceHookFailures()).isZero();
    }

    @Test
    void aPoolTheSubjectCreatedRecordsRejectionsAndQueueMaxima() {
        try (ProbeSession session = start(SUBJECT)) {
            assertThat(Subject.saturate(new CountDownLatch(1))).isEqualTo(1);
            session.record(store);
        }
        assertThat(facts("executor_pool")).hasSize(1);
        String pool = (String) facts("executor_pool").get(0).values().get(0);
        assertThat(pool).startsWith("java.util.concurrent.ThreadPoolExecutor@");
        assertThat(facts("executor_rejected")).extracting(fact -> fact.values().subList(1, 3))
                .containsExactly(List.of(pool, 1L));
        assertThat(facts("executor_queue")).extracting(fact -> fact.values().subList(1, 3))
                .containsExactly(List.of(pool, 0L), List.of(pool, 1L));
    }

    @Test
    void closeResetsEveryTransformationSoTheSubjectIsUnadvisedAfterwards() {
        ProbeSession session = start(SUBJECT);
        Subject.square(1);
        session.close();
        Instrumentation instrumentation = ByteBuddyAgent.getInstrumentation();
        // The transformer is gone: removing it again finds nothing.
        assertThat(instrumentation.removeTransformer(session.transformer())).isFalse();
        // A hook published now sees no call: no advice is left in the class.
        AtomicInteger calls = new AtomicInteger();
        IntFunction<Object> counting = id -> {
            calls.incrementAndGet();
            return null;
        };
        MethodHook hook = MethodHook.inject(instrumentation);
        assertThat(hook.publish(counting)).isTrue();
        try {
            Subject.square(2);
            Subject.depth(4);
        } finally {
            hook.withdraw(counting);
        }
        assertThat(calls).hasValue(0);
        session.close();
    }

    @Test
    void aPackageSubjectCoversItsClasses() {
        try (ProbeSession session = start(FIXTURES)) {
            Subject.square(3);
            session.record(store);
            assertThat(session.transformedClasses()).contains(SUBJECT);
        }
        assertThat(facts("probe_call")).extracting(fact -> fact.values().subList(0, 2))
                .containsExactly(List.of(SUBJECT + ".square", 1L));
    }

    @Test
    void asecondSessionWhileOneIsActiveIsRefused() {
        try (ProbeSession session = start(SUBJECT)) {
            assertThatThrownBy(() -> start(SUBJECT)).isInstanceOf(IllegalStateException.class)
                    .hasMessage("the probes of another test are active in this JVM; probed tests cannot run in parallel:"
                            + " run them in the same thread (JUnit's default) or switch probes off with"
                            + " panic.probes.enabled=false");
            session.record(store);
        }
    }

    @Test
    void withoutJavaagentTheAgentIsAttachedOnceAndLaterStartsSayNothing() {
        assertThat(java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments())
                .noneMatch(argument -> argument.startsWith("-javaagent"));
        try (ProbeSession session = start(SUBJECT)) {
            session.record(store);
        }
        assertThat(ProbeAgent.installed()).isTrue();
        java.io.ByteArrayOutputStream notice = new java.io.ByteArrayOutputStream();
        ProbeAgent.instrumentation(new java.io.PrintStream(notice, true, java.nio.charset.StandardCharsets.UTF_8));
        assertThat(notice.toString(java.nio.charset.StandardCharsets.UTF_8)).isEmpty();
    }

    /** The line of the {@code n}th occurrence of {@code text} in the fixture's source. */
    static int lineOf(String text, int n) {
        try {
            List<String> lines = Files.readAllLines(Path.of("src/test/java/dev/panicattack/probe/fixtures/Subject.java"));
            int seen = 0;
            for (int i = 0; i < lines.size(); i++) {
                if (lines.get(i).contains(text) && seen++ == n) {
                    return i + 1;
                }
            }
            throw new AssertionError(text + " not in Subject.java");
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
