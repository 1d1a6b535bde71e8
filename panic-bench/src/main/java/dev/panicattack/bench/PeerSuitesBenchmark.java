package dev.panicattack.bench;

import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * {@code peer-suites}: real third-party JUnit Jupiter suites, published as {@code tests} jars on
 * Maven Central, run through the JUnit Platform Launcher on their own JUnit version with panic-junit
 * on the class path, in three modes ({@link PeerMode}), each in a forked JVM of its own; then, per
 * suite, which tests that pass plain fail with diagnosis or under {@code production-spike}, how the
 * latter failed, the cost in wall time, and what panic-attack left behind.
 *
 * <p>Each fork gets the flags this JVM was started with ({@code panic-bench/run} passes the root
 * pom's {@code panic.argLine}), the suite's own test JVM flags, {@value #HEAP}, and a fresh
 * {@code java.io.tmpdir}, working directory and {@code panic.reports.directory} under
 * {@code panic-bench/target/peer-suites/<suite>/<mode>/}; its output goes to {@code output.log}
 * there. A fork still running after {@link #RUN_BOUND} is killed and reported.
 */
final class PeerSuitesBenchmark implements Benchmark {

    static final String HEAP = "-Xmx1g";
    /** A trivial test took 9 to 27 s under production-spike on the loaded 2-core machine: the spike runs set this bound. */
    static final Duration RUN_BOUND = Duration.ofMinutes(30);
    private static final String SIGNATURE_ERROR = "dev.panicattack.junit.PanicSignatureError";

    /**
     * The suites: each project's own test JVM flags and a slice of its tests, named by class. A test
     * under production-spike takes seconds (see {@link #RUN_BOUND}), so whole suites (18 365 tests in
     * commons-codec, about 900 in commons-pool2) would take hours there; the slices keep the whole
     * benchmark near half an hour. Widen them when a spiked test gets cheaper.
     */
    private static final List<PeerSuite> SUITES = List.of(
            // CPU-bound: the crypt(3) implementations (MD5, SHA-256 and SHA-512 crypt run thousands of
            // rounds per call) and two phonetic encoders; 101 tests. The pom's own selection is Surefire's
            // default minus **/*PerformanceTest.java, which this slice does not reach.
            new PeerSuite("commons-codec", "commons-codec", "1.19.0",
                    "^org\\.apache\\.commons\\.codec\\.(digest\\.(Apr1Crypt|Crypt|Md5Crypt|Sha256Crypt|Sha512Crypt"
                            + "|Sha2Crypt|UnixCrypt|B64)|language\\.(Refined)?Soundex)Test$",
                    "", List.of()),
            // Sleep-heavy: abandoned-object removal and eviction on timers, waits for a failing factory,
            // soft references, concurrent state changes; 21 tests. The pom opens java.lang for CGLIB on
            // JDK 16+ (its --illegal-access=permit is void on 17 and left out) and excludes
            // TestSoftRefOutOfMemory, which this slice does not reach.
            new PeerSuite("org.apache.commons", "commons-pool2", "2.12.1",
                    "^org\\.apache\\.commons\\.pool2\\.impl\\.Test(AbandonedObjectPool|AbandonedKeyedObjectPool"
                            + "|EvictionTimer|GenericObjectPoolFactoryCreateFailure|DefaultPooledObject|PooledSoftReference)$",
                    "", List.of("--add-opens", "java.base/java.lang=ALL-UNNAMED")));

    @Override
    public String name() {
        return "peer-suites";
    }

    @Override
    public void run(PrintStream out) throws Exception {
        long start = System.nanoTime();
        Path root = Path.of("").toAbsolutePath();
        Path base = root.resolve("panic-bench/target/peer-suites");
        List<Path> panic = PeerClasspath.panic(root, base);
        Path runner = root.resolve("panic-bench/target/classes");
        for (PeerSuite suite : SUITES) {
            Path directory = base.resolve(suite.artifactId());
            Files.createDirectories(directory);
            PeerClasspath.Suite resolved = PeerClasspath.suite(suite, directory);
            Path testClasses = PeerCheckout.testClasses(resolved.testJar(), directory.resolve("test-classes"));
            List<Path> classpath = new ArrayList<>(PeerClasspath.merge(suite, resolved.entries(), panic, out));
            classpath.set(classpath.indexOf(resolved.testJar()), testClasses);
            classpath.add(runner);
            out.println("peer-suites: " + suite.coordinates() + " on JUnit Jupiter " + resolved.jupiterVersion()
                    + ", class path in " + directory.resolve("test.classpath") + " plus panic-junit's");
            Map<PeerMode, PeerRun> runs = new EnumMap<>(PeerMode.class);
            for (PeerMode mode : PeerMode.values()) {
                PeerRun run = fork(suite, resolved.testJar(), testClasses, classpath, directory.resolve(mode.label()), mode);
                runs.put(mode, run);
                out.println("peer-suites: " + suite.artifactId() + " " + mode.label() + ": " + run.tests().size()
                        + " tests in " + Figures.fixed(run.wallNanos() / 1e9, 1) + " s, " + run.failures().size()
                        + " failed" + (run.complete() ? "" : run.timedOut()
                                ? ", killed after " + RUN_BOUND.toMinutes() + " min"
                                : ", JVM ended early with exit code " + run.exitCode())
                        + "; output in " + directory.resolve(mode.label()).resolve("output.log"));
            }
            report(out, suite, resolved, runs, directory.resolve(PeerMode.SPIKE.label()).resolve("reports"));
        }
        out.println("peer-suites: whole benchmark " + Figures.fixed((System.nanoTime() - start) / 1e9, 0) + " s");
    }

    private static PeerRun fork(PeerSuite suite, Path testJar, Path testClasses, List<Path> classpath, Path directory,
            PeerMode mode) throws IOException, InterruptedException {
        PeerFiles.deleteRecursively(directory);
        Path tmp = Files.createDirectories(directory.resolve("tmp"));
        Path work = Files.createDirectories(directory.resolve("work"));
        PeerCheckout.workingDirectory(testJar, work);
        Path reports = Files.createDirectories(directory.resolve("reports"));
        Path summary = directory.resolve("summary.tsv");
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
        command.addAll(suite.jvmArguments());
        command.add(HEAP);
        command.add("-Djava.io.tmpdir=" + tmp);
        command.add("-cp");
        command.add(classpath.stream().map(Path::toString).collect(Collectors.joining(File.pathSeparator)));
        command.add(PeerSuiteRun.class.getName());
        command.add(summary.toString());
        command.add(testClasses.toString());
        command.add(suite.includeClassNames());
        command.add(suite.excludeClassNames());
        Map<String, String> configuration = new LinkedHashMap<>(mode.configuration());
        configuration.put("panic.reports.directory", reports.toString());
        configuration.forEach((key, value) -> command.add(key + "=" + value));
        BoundedFork fork = BoundedFork.run(command, work, directory.resolve("output.log"), RUN_BOUND, "peer-suites");
        return PeerRun.read(summary, fork.killed(), fork.exitCode(), fork.nanos());
    }

    private static void report(PrintStream out, PeerSuite suite, PeerClasspath.Suite resolved,
            Map<PeerMode, PeerRun> runs, Path spikeReports) throws IOException {
        PeerRun plain = runs.get(PeerMode.PLAIN);
        PeerRun diagnose = runs.get(PeerMode.DIAGNOSE);
        PeerRun spike = runs.get(PeerMode.SPIKE);
        List<String> passedPlain = plain.passed();
        for (PeerRun.Result failure : plain.failures()) {
            out.println("peer-suites: " + suite.artifactId() + " fails plain (left out of the other counts): "
                    + describe(failure));
        }
        for (PeerRun.Result container : plain.failedContainers().values()) {
            out.println("peer-suites: " + suite.artifactId() + " container fails plain (its tests are not counted): "
                    + describe(container));
        }
        List<PeerRun.Result> diagnoseFailures = failuresAmong(passedPlain, diagnose);
        for (PeerRun.Result failure : diagnoseFailures) {
            out.println("peer-suites: " + suite.artifactId() + " fails with diagnosis: " + describe(failure));
        }
        List<PeerRun.Result> spikeFailures = failuresAmong(passedPlain, spike);
        for (PeerRun.Result failure : spikeFailures) {
            out.println("peer-suites: " + suite.artifactId() + " fails under production-spike: " + describe(failure));
        }
        long classified = spikeFailures.stream().filter(failure -> failure.exception().equals(SIGNATURE_ERROR)).count();
        Map<String, Long> bugClasses = spikeFailures.stream().filter(failure -> !failure.bugClass().equals("-"))
                .collect(Collectors.groupingBy(PeerRun.Result::bugClass, LinkedHashMap::new, Collectors.counting()));
        Map<String, Long> unclassifiedTypes = spikeFailures.stream()
                .filter(failure -> !failure.exception().equals(SIGNATURE_ERROR))
                .collect(Collectors.groupingBy(PeerRun.Result::exception, LinkedHashMap::new, Collectors.counting()));
        for (PeerMode mode : PeerMode.values()) {
            PeerRun run = runs.get(mode);
            run.threads().forEach(thread -> out.println("peer-suites: " + suite.artifactId() + " " + mode.label()
                    + " left thread " + thread));
            run.files().forEach(file -> out.println("peer-suites: " + suite.artifactId() + " " + mode.label()
                    + " left file " + file));
        }
        // A run that did not get to its end never looked: it counts nothing, and shows "?" per mode.
        int leftovers = runs.values().stream().mapToInt(run -> run.threads().size() + run.files().size()).sum();
        List<String> incomplete = runs.entrySet().stream().filter(entry -> !entry.getValue().complete())
                .map(entry -> entry.getKey().label() + (entry.getValue().timedOut() ? "(killed)" : "(exit "
                        + entry.getValue().exitCode() + ")")).toList();
        out.println("RESULT peer-suites suite=" + suite.artifactId()
                + " tests=" + plain.tests().size()
                + " plain_failed=" + plain.failures().size()
                + " diagnose_failed=" + diagnoseFailures.size()
                + " diagnose_ratio=" + Figures.fixed((double) diagnose.wallNanos() / plain.wallNanos(), 3)
                + " spike_failed=" + spikeFailures.size()
                + " classified=" + classified
                + " unclassified=" + (spikeFailures.size() - classified)
                + " leftovers=" + leftovers
                + " version=" + suite.version()
                + " jupiter=" + resolved.jupiterVersion()
                + " plain_s=" + seconds(plain)
                + " diagnose_s=" + seconds(diagnose)
                + " spike_s=" + seconds(spike)
                + " spike_ratio=" + Figures.fixed((double) spike.wallNanos() / plain.wallNanos(), 3)
                + " median_test_ms=" + perMode(runs, run -> Figures.fixed(run.medianMillis(), 0))
                + " report_mb=" + Figures.fixed(PeerFiles.size(spikeReports) / (1024.0 * 1024.0), 1)
                + " leftover_threads=" + perMode(runs, run -> run.complete() ? run.threads().size() : "?")
                + " leftover_files=" + perMode(runs, run -> run.complete() ? run.files().size() : "?")
                + " not_run=" + passedPlain.stream().filter(diagnose::didNotRun).count()
                + "/" + passedPlain.stream().filter(spike::didNotRun).count()
                + " bug_classes=" + (bugClasses.isEmpty() ? "none" : join(bugClasses))
                + " unclassified_types=" + (unclassifiedTypes.isEmpty() ? "none" : join(unclassifiedTypes))
                + " incomplete=" + (incomplete.isEmpty() ? "none" : String.join(",", incomplete)));
    }

    /** Failures in {@code run} of tests that passed plain, in the order they finished there. */
    private static List<PeerRun.Result> failuresAmong(List<String> passedPlain, PeerRun run) {
        List<PeerRun.Result> failures = new ArrayList<>();
        for (String id : passedPlain) {
            run.failureOf(id).ifPresent(failure -> failures.add(new PeerRun.Result(id, failure.status(),
                    failure.millis(), failure.exception(), failure.bugClass(), failure.cause(), failure.message())));
        }
        return failures;
    }

    private static String describe(PeerRun.Result result) {
        return testName(result.id()) + " " + result.exception()
                + (result.bugClass().equals("-") ? "" : " " + result.bugClass())
                + (result.cause().equals("-") ? "" : " (cause " + result.cause() + ")")
                + ": " + result.message();
    }

    /**
     * A readable name from a unique id: {@code [class:a.b.FooTest]/[method:bar(java.lang.String)]/...}
     * becomes {@code FooTest.bar(String)}, an invocation {@code #3} becomes {@code [3]}.
     */
    static String testName(String uniqueId) {
        String body = uniqueId.startsWith("[") && uniqueId.endsWith("]")
                ? uniqueId.substring(1, uniqueId.length() - 1) : uniqueId;
        StringBuilder name = new StringBuilder();
        for (String segment : body.split("]/\\[")) {
            int colon = segment.indexOf(':');
            String type = colon < 0 ? segment : segment.substring(0, colon);
            String value = colon < 0 ? "" : segment.substring(colon + 1);
            if (type.equals("engine")) {
                continue;
            }
            if (value.startsWith("#")) {
                name.append('[').append(value.substring(1)).append(']');
                continue;
            }
            if (name.length() > 0) {
                name.append('.');
            }
            name.append(value.replaceAll("(?:\\w+\\.)+(\\w)", "$1"));
        }
        return name.toString();
    }

    private static String seconds(PeerRun run) {
        return Figures.fixed(run.wallNanos() / 1e9, 1);
    }

    /** One figure per mode, plain/diagnose/spike. */
    private static String perMode(Map<PeerMode, PeerRun> runs, Function<PeerRun, Object> figure) {
        return runs.values().stream().map(run -> String.valueOf(figure.apply(run))).collect(Collectors.joining("/"));
    }

    private static String join(Map<String, Long> counts) {
        return counts.entrySet().stream().map(entry -> entry.getKey().substring(entry.getKey().lastIndexOf('.') + 1)
                + ":" + entry.getValue()).collect(Collectors.joining(","));
    }
}
