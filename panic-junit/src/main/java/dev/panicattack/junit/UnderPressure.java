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
 * Runs the annotated test, or every test of the annotated class, under the pressure it declares (CPU,
 * memory, time, concurrency, disk, network), held by panic-attack for the whole test method invocation.
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
 * <p><b>Naming.</b> The attributes are named as the keys of a constraint set's YAML: the other axes
 * are grouped in a nested annotation named as their YAML section ({@link Time}, {@link Concurrency},
 * {@link Disk}, {@link Network}), whose members are named exactly as the section's keys; a flat
 * attribute is the section plus the camel-cased key ({@code memoryLeakRate} is {@code memory.leakRate}),
 * and a section's level may be given as the section itself ({@code cpu = 80} is {@code cpu.load},
 * {@code memory = 70} is {@code memory.heap}), as in YAML ({@code cpu: 80}). Every share is a percent.
 *
 * <p><b>time</b>: the subject's wall clock ({@code System.currentTimeMillis}, {@code Instant.now},
 * {@code java.time.Clock} and the {@code java.time} {@code now()} methods, called from the test class's package)
 * reads real time plus {@code skew + drift * t + the jumps so far}, {@code t} counted from when
 * pressure is established; {@code System.nanoTime} is never shifted. Guide: {@code docs/time-pressure.md}.
 *
 * <p><b>concurrency</b>, <b>disk</b>, <b>network</b>: exactly as the {@code concurrency:},
 * {@code disk:} and {@code network:} sections of a constraint set; see
 * {@code docs/concurrency-pressure.md}, {@code docs/disk-pressure.md} and {@code docs/network-pressure.md}.
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

    /** A {@code seed} left at this value declares none: a fresh seed is drawn and reported, so the run can be replayed. */
    long FRESH_SEED = Long.MIN_VALUE;

    /** {@link Concurrency#commonPool()} value meaning "as many workers as the common pool's parallelism". */
    int WHOLE_COMMON_POOL = -1;

    /** {@code cpu.load}: percent of the JVM's CPU capacity held busy, including the test's own use; 0 to 100. */
    int cpu() default 0;

    /** {@code memory.heap}: percent of the maximum heap held occupied; 0 to 100. */
    int memory() default 0;

    /** {@code memory.leakRate}: growth of the occupancy target in percent of the maximum heap per second; 0 to 100. */
    double memoryLeakRate() default 0;

    /** The {@code time:} section: the subject's wall clock; default: unchanged. */
    Time time() default @Time;

    /** The {@code concurrency:} section; default: none. */
    Concurrency concurrency() default @Concurrency;

    /** The {@code disk:} section: a disk budget for the subject's files; default: none. */
    Disk disk() default @Disk;

    /** The {@code network:} section: faults on the test's own loopback client connections; default: none. */
    Network network() default @Network;

    /**
     * The code under test: what the probes instrument, and whose own calls the time axis (its wall
     * clock) and the concurrency axis (its noise points) act on. The other axes act on the whole JVM
     * (cpu, memory), on directories (disk) or on loopback connections (network), whoever uses them.
     * Fully qualified class names (with their nested
     * classes) or package names (with their subpackages), such as {@code "com.acme.orders"} or
     * {@code "com.acme.orders.OrderService"}. Empty (the default) means {@link Diagnose#subject()} if present, else the package of the test class
     * and its subpackages. Each name must be a loadable class or a package holding classes, else the
     * test fails before it starts. panic-attack's own classes are never probed.
     * User guide: {@code docs/probes.md}.
     */
    String[] subject() default {};

    /**
     * The {@code time:} section ({@code docs/time-pressure.md}). Each member left empty leaves that part
     * of the clock unchanged.
     */
    @Documented
    @Retention(RetentionPolicy.RUNTIME)
    @Target({})
    @interface Time {

        /** Signed constant offset of the subject's wall clock, such as {@code "-30s"}. */
        String skew() default "";

        /** Signed drift of the subject's wall clock per second of real time, such as {@code "+50ms/s"}; -1s/s to +1s/s. */
        String drift() default "";

        /** Steps of the subject's wall clock: {@code "-1h at 2s"}, {@code "-1s every 500ms"} or {@code "-1s every 500ms from 2s"}. */
        String[] jumps() default {};
    }

    /**
     * The {@code concurrency:} section ({@code docs/concurrency-pressure.md}). Each member left at its
     * default declares nothing.
     */
    @Documented
    @Retention(RetentionPolicy.RUNTIME)
    @Target({})
    @interface Concurrency {

        /** Contender threads competing for the subject's locks and the CPU; 0 to 1024; default 0 (none). */
        int contenders() default 0;

        /**
         * Percent, 0 to 100, of the hits of the subject's noise points (a synchronization point or an
         * access to a plain shared field) that yield or park the thread for 20 to 500 microseconds; default 0.
         */
        double noise() default 0;

        /** Seed of the noise decisions; the default {@link UnderPressure#FRESH_SEED} draws a fresh one, reported. */
        long seed() default FRESH_SEED;

        /** Copies of the test body run at once, each in its own test thread; 1 to 256; default 1. */
        int parallel() default 1;

        /** Common pool workers held blocked during the test; 0 to 256, or {@link UnderPressure#WHOLE_COMMON_POOL}; default 0. */
        int commonPool() default 0;
    }

    /**
     * The {@code disk:} section ({@code docs/disk-pressure.md}). Any member off its default declares the
     * axis; its budget applies to the subject's files under {@link #scope()} (default {@code java.io.tmpdir}).
     */
    @Documented
    @Retention(RetentionPolicy.RUNTIME)
    @Target({})
    @interface Disk {

        /** Percent of the disk budget counted as used when the test starts; 0 to 100; default 0. */
        int fill() default 0;

        /** The disk budget, a size with a binary unit such as {@code "64MiB"} or {@code "1GiB"}; default {@code ""}: 64 MiB. */
        String budget() default "";

        /** Added latency per accepted write and fsync in scope, such as {@code "5ms"}; 0 to 10s; default {@code ""}: none. */
        String latency() default "";

        /** Percent of the subject's reads, writes and fsyncs in scope that fail with {@code IOException("Input/output error")}; 0 to 100; default 0. */
        double errorRate() default 0;

        /** Seed of the error draws, 0 or more; the default {@link UnderPressure#FRESH_SEED} draws a fresh one, reported. */
        long seed() default FRESH_SEED;

        /** Background fsynced writes in the first scope directory, a rate such as {@code "20MiB/s"}; up to 1GiB/s; default {@code ""}: none. */
        String contention() default "";

        /** Directories whose files are in scope, absolute or relative to the working directory; default {}: {@code java.io.tmpdir}. */
        String[] scope() default {};
    }

    /**
     * The {@code network:} section ({@code docs/network-pressure.md}): faults on the test's own loopback
     * client connections. Each member left at its default declares nothing.
     */
    @Documented
    @Retention(RetentionPolicy.RUNTIME)
    @Target({})
    @interface Network {

        /** Each answer becomes readable no sooner than this after its request was written, such as {@code "50ms"}; 0 to 10s. */
        String latency() default "";

        /** Each latency draw is uniform in latency ± this, such as {@code "10ms"}; at most the latency. */
        String jitter() default "";

        /** Percent of writes lost, each delayed by TCP retransmission timeouts (200 ms, doubling); 0 to 100. */
        double loss() default 0;

        /** Rate each faulted connection's direction is paced to, such as {@code "1MiB/s"}; default unlimited. */
        String bandwidth() default "";

        /** Percent of reads and writes that fail with a connection reset, after which the connection stays reset; 0 to 100. */
        double reset() default 0;

        /** Percent of connects refused ({@code ConnectException}); 0 to 100. */
        double refuse() default 0;

        /** Faulted connections open but nothing the peer sends arrives: reads wait for their timeout. */
        boolean blackhole() default false;

        /** Loopback hosts whose connections are faulted ({@code localhost}, {@code 127.x.x.x}, {@code ::1}); default all. */
        String[] hosts() default {};

        /** Destination ports whose connections are faulted, 1 to 65535; default all. */
        int[] ports() default {};

        /** Seed of the jitter, loss, reset and refuse draws; the default {@link UnderPressure#FRESH_SEED} draws a fresh one, reported. */
        long seed() default FRESH_SEED;
    }
}
