package dev.panicattack.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.parallel.ResourceAccessMode;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.junit.jupiter.api.parallel.Resources;


/**
 * Runs the annotated test, or every test of the annotated class, under CPU and heap pressure held
 * by panic-attack for the whole test method invocation.
 *
 * <p><b>cpu</b>: the JVM (the test and the code under test, plus the library's burners) uses
 * {@code cpu} percent of the CPU capacity granted to the JVM, measured from process CPU time and
 * held by a closed loop that adds only what the test itself does not use. {@code 0}, the default,
 * applies no CPU pressure. Range 0 to 100.
 *
 * <p><b>memory</b>: the heap's live occupancy is held at {@code memory} percent of the maximum heap
 * by ballast the library owns. {@code 0}, the default, holds no base occupancy. Range 0 to 100.
 *
 * <p><b>memoryLeakRate</b>: the occupancy target grows by this many percent of the maximum heap per
 * second, from {@code memory} (or from the occupancy at the start when {@code memory} is 0), up to a
 * ceiling of 95 percent, as a real leak would. Range 0 to 100; default 0 (no leak).
 *
 * <p><b>clockSkew</b>, <b>clockDrift</b>, <b>clockJumps</b>: the subject's wall clock
 * ({@code System.currentTimeMillis}, {@code Instant.now}, {@code java.time.Clock} and the
 * {@code java.time} {@code now()} methods, called from the test class's package) reads real time plus
 * {@code skew + drift * t + the jumps so far}, {@code t} counted from when pressure is established.
 * {@code clockSkew} is a signed duration such as {@code "-30s"}; {@code clockDrift} a signed rate such
 * as {@code "+50ms/s"} (between -1s/s and +1s/s); each {@code clockJumps} entry is
 * {@code "-1h at 2s"}, {@code "-1s every 500ms"} or {@code "-1s every 500ms from 2s"}. Empty, the
 * default, leaves that part unchanged. {@code System.nanoTime} is never shifted. Guide:
 * {@code docs/time-pressure.md}.
 *
 * <p><b>disk*</b>: a disk budget for the subject's files (fill, latency, I/O errors at a rate,
 * background contention), exactly as the {@code disk:} section of a constraint set; see
 * {@code docs/disk-pressure.md}.
 *
 * <p><b>Scope and precedence.</b> On a method it applies to that method; on a class or an interface,
 * to each test method of the class, of its subclasses ({@link Inherited}), of the classes implementing
 * the interface and of its {@code @Nested} classes; a method annotation overrides the class
 * annotation as a whole. An overriding method carries only its own annotations. On an annotation of
 * your own, it applies wherever that annotation does. Each invocation of a {@code @ParameterizedTest}
 * or {@code @RepeatedTest}, and each dynamic test of a {@code @TestFactory}, runs under pressure of
 * its own ({@code docs/under-pressure.md}, "JUnit features"). Combined with {@link ConstraintSet}, the named sets are applied first and
 * the non-default attributes of this annotation override their fields. A run-wide set
 * ({@value PanicConfiguration#CONSTRAINT_SET_PROPERTY_NAME}) is the base under both, and
 * {@value PanicConfiguration#ENABLED_PROPERTY_NAME}{@code =false} turns all pressure off.
 *
 * <p><b>Safety.</b> Pressure starts after the whole configuration is validated and stops when the
 * test method ends, on every path (pass, failure, {@link OutOfMemoryError},
 * {@link StackOverflowError}, timeout, interrupt). An {@link OutOfMemoryError} releases the ballast
 * at once and fails only the test, not the run. Establishing and releasing the pressure happen
 * outside the test's own {@code @Timeout}. Tests under pressure hold JUnit's global resource lock
 * exclusively ({@code Resources.GLOBAL}, as {@code @Isolated} does), so under parallel execution no
 * other test runs beside them ({@code docs/parallel-execution.md}).
 *
 * <p>After the test, a report entry {@code panic.pressure} gives target versus achieved per axis.
 *
 * <p>User guide: {@code docs/under-pressure.md}.
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD, ElementType.ANNOTATION_TYPE})
@ExtendWith(TrialExtension.class)
@ResourceLock(value = Resources.GLOBAL, mode = ResourceAccessMode.READ_WRITE)
public @interface UnderPressure {

    /** Percent of the JVM's CPU capacity held busy, including the test's own use; 0 to 100. */
    int cpu() default 0;

    /** Percent of the maximum heap held occupied; 0 to 100. */
    int memory() default 0;

    /** Growth of the occupancy target in percent of the maximum heap per second; 0 to 100. */
    double memoryLeakRate() default 0;

    /** Signed constant offset of the subject's wall clock, such as {@code "-30s"}; empty for none. */
    String clockSkew() default "";

    /** Signed drift of the subject's wall clock per second of real time, such as {@code "+50ms/s"}; empty for none. */
    String clockDrift() default "";

    /** Steps of the subject's wall clock, such as {@code "-1h at 2s"} or {@code "-1s every 500ms"}; empty for none. */
    String[] clockJumps() default {};

    // Concurrency axis (docs/concurrency-pressure.md). Each attribute left at its default declares nothing.

    /** {@link #concurrencySeed()} value meaning "no seed declared": a fresh seed is drawn and reported. */
    long FRESH_SEED = Long.MIN_VALUE;

    /** {@link #concurrencyCommonPool()} value meaning "as many workers as the common pool's parallelism". */
    int WHOLE_COMMON_POOL = -1;

    /** Contender threads competing for the subject's locks and the CPU; 0 to 1024; default 0 (none). */
    int concurrencyContenders() default 0;

    /**
     * Probability, 0 to 1, that one hit of a noise point of the subject (a synchronization point or an
     * access to a plain shared field) yields or parks the thread for 20 to 500 microseconds; default 0.
     */
    double concurrencyNoise() default 0;

    /**
     * Seed of the noise decisions; the default {@link #FRESH_SEED} draws a fresh seed, which the
     * summary and the evidence report so a failing run can be replayed with this attribute.
     */
    long concurrencySeed() default FRESH_SEED;

    /** Copies of the test body run at once, each in its own test thread; 1 to 256; default 1. */
    int concurrencyParallel() default 1;

    /** Common pool workers held blocked during the test; 0 to 256, or {@link #WHOLE_COMMON_POOL}; default 0. */
    int concurrencyCommonPool() default 0;

    // Disk axis (user guide: docs/disk-pressure.md). Any non-default disk attribute declares the axis;
    // its budget applies to the subject's files under diskScope (default: java.io.tmpdir).

    /** Percent of the disk budget counted as used when the test starts; 0 to 100; default 0. */
    int diskFill() default 0;

    /** The disk budget, a size with a binary unit such as {@code "64MiB"} or {@code "1GiB"}; default {@code ""}: 64 MiB. */
    String diskBudget() default "";

    /** Added latency per accepted write and fsync in scope, such as {@code "5ms"}; 0 to 10s; default {@code ""}: none. */
    String diskLatency() default "";

    /** Percent of the subject's reads, writes and fsyncs in scope that fail with {@code IOException("Input/output error")}; 0 to 100; default 0. */
    double diskErrorRate() default 0;

    /** Seed of the error draws, to replay a run; 0 or more; default -1: a random seed, reported in the evidence. */
    long diskSeed() default -1;

    /** Background fsynced writes in the first scope directory, a rate such as {@code "20MiB/s"}; up to 1GiB/s; default {@code ""}: none. */
    String diskContention() default "";

    /** Directories whose files are in scope, absolute or relative to the working directory; default {}: {@code java.io.tmpdir}. */
    String[] diskScope() default {};

    // Network faults on the test's own loopback client connections: docs/network-pressure.md.

    /**
     * Each answer on a faulted connection becomes readable no sooner than this after its request was
     * written, such as {@code "50ms"}; 0 to 10s. {@code ""}, the default, adds none.
     */
    String networkLatency() default "";

    /** Each latency draw is uniform in latency ± this, such as {@code "10ms"}; at most the latency. Default none. */
    String networkJitter() default "";

    /** Percent of writes lost, each delayed by TCP retransmission timeouts (200 ms, doubling); 0 to 100, default 0. */
    double networkLoss() default 0;

    /** Rate each faulted connection's direction is paced to, such as {@code "1MiB/s"}. {@code ""}, the default: unlimited. */
    String networkBandwidth() default "";

    /** Percent of reads and writes that fail with a connection reset, after which the connection stays reset; 0 to 100. */
    double networkReset() default 0;

    /** Percent of connects refused ({@code ConnectException}); 0 to 100, default 0. */
    double networkRefuse() default 0;

    /** Faulted connections open but nothing the peer sends arrives: reads wait for their timeout. Default false. */
    boolean networkBlackhole() default false;

    /** Loopback hosts whose connections are faulted ({@code localhost}, {@code 127.x.x.x}, {@code ::1}); default all. */
    String[] networkHosts() default {};

    /** Destination ports whose connections are faulted, 1 to 65535; default all. */
    int[] networkPorts() default {};

    /**
     * What the probes instrument while the test runs: fully qualified class names (with their nested
     * classes) or package names (with their subpackages), such as {@code "com.acme.orders"} or
     * {@code "com.acme.orders.OrderService"}. Empty (the default) means {@link Diagnose#subject()} if present, else the package of the test class
     * and its subpackages. Each name must be a loadable class or a package holding classes, else the
     * test fails before it starts. panic-attack's own classes are never probed.
     * User guide: {@code docs/probes.md}.
     */
    String[] subject() default {};
}
