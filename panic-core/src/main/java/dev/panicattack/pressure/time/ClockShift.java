package dev.panicattack.pressure.time;

import dev.panicattack.constraint.Axis;
import dev.panicattack.subject.Subject;
import static net.bytebuddy.matcher.ElementMatchers.isStatic;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.nameStartsWith;
import static net.bytebuddy.matcher.ElementMatchers.not;
import static net.bytebuddy.matcher.ElementMatchers.takesNoArguments;

import dev.panicattack.evidence.Fact;
import dev.panicattack.internal.Teardown;
import dev.panicattack.internal.instrument.RetransformingHooks;
import dev.panicattack.internal.text.Figures;
import dev.panicattack.pressure.axis.PressureSample;
import dev.panicattack.pressure.axis.PressureTrace;
import dev.panicattack.pressure.axis.Stressor;
import java.lang.instrument.Instrumentation;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;
import java.util.stream.Collectors;

import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.agent.builder.ResettableClassFileTransformer;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.DynamicType;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * Shifts the subject's wall clock by the {@link TimePlan}'s offset: {@code System.currentTimeMillis()}
 * call sites in subject classes are rewritten, and the JDK's system clock (behind {@code Instant.now},
 * {@code Clock.systemUTC()}, {@code Clock.systemDefaultZone()}, {@code InstantSource.system()} and
 * every {@code java.time} {@code now()}) is advised to add the offset when its nearest caller outside
 * the JDK is a subject class. Everyone else, the build included, reads real time.
 * {@link System#nanoTime()} is never touched.
 *
 * <p>{@link #start()} installs everything with the offset held at 0; {@link #awaitEstablished} starts
 * the plan's clock (t = 0). A sampler thread measures the offset through {@code Instant.now} every
 * {@value #SAMPLE_PERIOD_MILLIS} ms. {@link #close()} measures each API once more, then removes the
 * advice, resets every rewritten class and withdraws the hook. One clock shift at a time per JVM.
 * Semantics: {@code docs/time-pressure.md}.
 */
public final class ClockShift implements Stressor {

    static final long SAMPLE_PERIOD_MILLIS = 100;
    /** Samples and jump facts kept. */
    static final int MAX_KEPT = 1000;

    /** What each API read at one moment, as an offset from real time in milliseconds. */
    public record Measurement(String api, long offsetMillis) {
        public Measurement {
            Objects.requireNonNull(api, "api");
        }
    }

    private final TimePlan plan;
    private final AtomicBoolean started = new AtomicBoolean();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final List<PressureSample> samples = new CopyOnWriteArrayList<>();
    private final AtomicInteger rewrittenClasses = new AtomicInteger();
    private final AtomicInteger callSites = new AtomicInteger();
    private final List<String> hooked = new CopyOnWriteArrayList<>();
    private final CountDownLatch stop = new CountDownLatch(1);
    private volatile List<Measurement> finalMeasurements = List.of();
    private volatile long startNanos;
    private volatile WallClock clock;
    private volatile Instrumentation instrumentation;
    private volatile ResettableClassFileTransformer jdkTransformer;
    private volatile ResettableClassFileTransformer subjectTransformer;
    private volatile Thread sampler;
    private volatile long endElapsedNanos = -1;
    /** Why the final measurement is missing (an OutOfMemoryError in the subject can leave no room): reported, not hidden. */
    private volatile Throwable measurementFailure;

    public ClockShift(TimePlan plan) {
        this.plan = Objects.requireNonNull(plan, "plan");
    }

    @Override
    public Axis axis() {
        return Axis.TIME;
    }

    /** The plan this stressor applies. */
    public TimePlan plan() {
        return plan;
    }

    /** Publishes the hook (offset 0 until established), advises the JDK clock and rewrites subject call sites. */
    @Override
    public void start() {
        if (!started.compareAndSet(false, true)) {
            throw new IllegalStateException("clock shift already started; a clock shift is started at most once");
        }
        startNanos = System.nanoTime();
        WallClock hook = new WallClock(plan, startNanos);
        if (!ClockAdvice.SLOT.publish(hook)) {
            throw new IllegalStateException("another clock shift is active in this JVM; close it before starting"
                    + " a new one (tests under time pressure do not run in parallel)");
        }
        clock = hook;
        try {
            instrumentation = RetransformingHooks.instrumentation();
            jdkTransformer = installJdk(instrumentation);
            subjectTransformer = installSubject(instrumentation);
        } catch (RuntimeException | Error e) {
            try {
                uninstall();
            } catch (RuntimeException | Error suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
    }

    private ResettableClassFileTransformer installJdk(Instrumentation instrumentation) {
        boolean currentInstant = hasCurrentInstant();
        loadTargets();
        RetransformingHooks hooks = new RetransformingHooks();
        AgentBuilder.Identified.Extendable configured = hooks.builder()
                // The default ignore matcher silently skips JDK classes, which are exactly the targets; ignoring
                // everything else by name keeps the scan of all loaded classes cheap.
                .ignore(not(nameStartsWith("java.time.Clock")))
                .type(named("java.time.Clock$SystemClock").or(named("java.time.Clock$SystemInstantSource")))
                .transform((b, type, loader, module, domain) -> {
                    DynamicType.Builder<?> result = b.visit(ClockAdvice.SLOT.advice().to(ClockAdvice.Millis.class)
                            .on(named("millis").and(takesNoArguments())));
                    // Without Clock.currentInstant (early JDK 17 updates) the instant() methods read the VM clock themselves.
                    return currentInstant ? result
                            : result.visit(ClockAdvice.SLOT.advice().to(ClockAdvice.Now.class).on(named("instant").and(takesNoArguments())));
                });
        if (currentInstant) {
            configured = configured.type(named("java.time.Clock"))
                    .transform((b, type, loader, module, domain) -> b.visit(ClockAdvice.SLOT.advice().to(ClockAdvice.Now.class)
                            .on(named("currentInstant").and(isStatic()).and(takesNoArguments()))));
        }
        int expected = currentInstant ? 3 : 2;
        ResettableClassFileTransformer transformer = hooks.install(configured, instrumentation, expected,
                (transformed, errors) -> "could not instrument the JDK's system clock for the time axis ("
                        + transformed + " of " + expected + " classes transformed, " + errors
                        + " errors); run on a JDK that allows agents (-XX:+EnableDynamicAgentLoading)");
        if (currentInstant) {
            hooked.add("Clock.currentInstant");
        } else {
            hooked.add("Clock$SystemClock.instant");
            hooked.add("Clock$SystemInstantSource.instant");
        }
        hooked.add("Clock$SystemClock.millis");
        hooked.add("Clock$SystemInstantSource.millis");
        return transformer;
    }

    private ResettableClassFileTransformer installSubject(Instrumentation instrumentation) {
        RetransformingHooks hooks = new RetransformingHooks(rewrittenClasses);
        AgentBuilder configured = hooks.builder()
                .ignore(not(new ElementMatcher.Junction.AbstractBase<TypeDescription>() {
                    @Override
                    public boolean matches(TypeDescription type) {
                        return plan.subject().includes(type.getName());
                    }
                }))
                // Application classes of the subject only: never the JDK's, never the library's own.
                .type((type, loader, module, redefined, domain) -> Subject.loadedByApplication(loader)
                        && plan.subject().includes(type.getName(), domain))
                .transform((b, type, loader, module, domain) -> b.visit(new CallSiteRewrite(callSites)));
        ResettableClassFileTransformer transformer = hooks.install(configured, instrumentation, 0,
                (transformed, errors) -> "could not rewrite the System.currentTimeMillis call sites of subject "
                        + plan.subject().describe() + " (" + errors + " errors)");
        hooked.add("System.currentTimeMillis");
        return transformer;
    }

    /** Loads the advised classes first, so each is retransformed now and the count below is exact. */
    private static void loadTargets() {
        for (String name : List.of("java.time.Clock$SystemClock", "java.time.Clock$SystemInstantSource")) {
            try {
                Class.forName(name, false, null);
            } catch (ClassNotFoundException e) {
                throw new IllegalStateException("the JDK's system clock class " + name + " is missing on Java "
                        + Runtime.version() + "; the time axis supports JDK 17 and later", e);
            }
        }
    }

    private static boolean hasCurrentInstant() {
        try {
            Clock.class.getDeclaredMethod("currentInstant");
            return true;
        } catch (NoSuchMethodException e) {
            return false;
        }
    }

    /** Starts the plan's clock: t = 0 is now, when every axis before this one is established. */
    @Override
    public boolean awaitEstablished(Duration timeout) {
        WallClock hook = clock;
        if (hook == null || closed.get()) {
            return false;
        }
        if (sampler == null) {
            hook.run(System.nanoTime());
            samples.add(measureSample(hook));
            Thread thread = new Thread(this::sample, "panic-clock-sampler");
            thread.setDaemon(true);
            sampler = thread;
            thread.start();
        }
        return true;
    }

    private void sample() {
        try {
            while (!stop.await(SAMPLE_PERIOD_MILLIS, TimeUnit.MILLISECONDS)) {
                if (samples.size() < MAX_KEPT) {
                    samples.add(measureSample(clock));
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private PressureSample measureSample(WallClock hook) {
        long elapsed = hook.elapsedNanos();
        long target = plan.offsetNanosAt(elapsed) / 1_000_000;
        long seen = measure(hook, "Instant.now", () -> Instant.now().toEpochMilli());
        return new PressureSample(Duration.ofNanos(System.nanoTime() - startNanos), target, seen);
    }

    /** Reads {@code api} as the subject would and returns its offset from real time, in ms (within 1 ms). */
    private static long measure(WallClock hook, String api, LongSupplier read) {
        long before = System.currentTimeMillis();
        long seen = hook.asSubject(() -> read.getAsLong());
        long after = System.currentTimeMillis();
        return seen - Math.floorDiv(before + after, 2);
    }

    /** Measures every hooked API once, as the subject sees it. */
    private List<Measurement> measureAll(WallClock hook) {
        ZoneId zone = ZoneId.systemDefault();
        Map<String, LongSupplier> apis = new LinkedHashMap<>();
        apis.put("currentTimeMillis", () -> hook.applyAsLong(System.currentTimeMillis()));
        apis.put("Instant.now", () -> Instant.now().toEpochMilli());
        apis.put("Clock.systemUTC().millis", () -> Clock.systemUTC().millis());
        apis.put("Clock.systemUTC().instant", () -> Clock.systemUTC().instant().toEpochMilli());
        apis.put("Clock.systemDefaultZone().millis", () -> Clock.systemDefaultZone().millis());
        apis.put("InstantSource.system().millis", () -> InstantSource.system().millis());
        apis.put("LocalDateTime.now", () -> LocalDateTime.now().atZone(zone).toInstant().toEpochMilli());
        apis.put("ZonedDateTime.now", () -> ZonedDateTime.now().toInstant().toEpochMilli());
        apis.put("OffsetDateTime.now", () -> OffsetDateTime.now().toInstant().toEpochMilli());
        List<Measurement> measured = new ArrayList<>();
        apis.forEach((api, read) -> measured.add(new Measurement(api, measure(hook, api, read))));
        return List.copyOf(measured);
    }

    /** The offset each API shows the subject now (or, once closed, just before the hooks came off). */
    public List<Measurement> measurements() {
        WallClock hook = clock;
        return closed.get() || hook == null ? finalMeasurements : measureAll(hook);
    }

    /** The requested offset now, in ms (0 before established; once closed, at the end). */
    public long requestedOffsetMillis() {
        WallClock hook = clock;
        long elapsed = closed.get() ? endElapsedNanos : hook == null ? -1 : hook.elapsedNanos();
        return elapsed < 0 ? 0 : plan.offsetNanosAt(elapsed) / 1_000_000;
    }

    /** Subject classes rewritten so far, and the call sites in them. */
    public int rewrittenClasses() {
        return rewrittenClasses.get();
    }

    /** {@code System.currentTimeMillis()} call sites rewritten so far. */
    public int callSites() {
        return callSites.get();
    }

    /** Target is the requested offset, achieved the offset read through {@code Instant.now}, both in ms. */
    @Override
    public PressureTrace trace() {
        return new PressureTrace(Axis.TIME, "ms offset", List.copyOf(samples));
    }

    /**
     * {@code time offset requested -3600000ms, seen currentTimeMillis -3600000ms, Instant.now -3600000ms, ...;
     * 2 jumps; 3 call sites in 1 subject classes}.
     */
    @Override
    public String achieved(long establishedNanos) {
        List<Measurement> seen = measurements();
        String apis = seen.stream().map(m -> m.api() + " " + m.offsetMillis() + "ms").collect(Collectors.joining(", "));
        long elapsed = elapsedNow();
        long jumps = elapsed < 0 ? 0 : plan.occurrencesBy(Duration.ofNanos(elapsed), MAX_KEPT).size();
        String seenText = apis.isEmpty() ? "" : ", seen " + apis;
        Throwable failure = measurementFailure;
        if (failure != null) {
            seenText = ", not measured at the end: " + failure;
        }
        return "time offset requested " + requestedOffsetMillis() + "ms" + seenText
                + "; " + jumps + " jumps; " + callSites() + " currentTimeMillis call sites in " + rewrittenClasses()
                + " subject classes";
    }

    private long elapsedNow() {
        if (closed.get()) {
            return endElapsedNanos;
        }
        WallClock hook = clock;
        return hook == null ? -1 : hook.elapsedNanos();
    }

    /**
     * {@code clock_hooked(api)} per hooked API, {@code clock_call_sites(classes, sites)},
     * {@code clock_offset(t, millis)} per sample (measured through {@code Instant.now}),
     * {@code clock_jump(t, millis)} per jump that happened, {@code clock_reads(tid, count, last_t)} per
     * thread that read the shifted clock; times in ms since the stressor started.
     */
    @Override
    public List<Fact> facts() {
        List<Fact> facts = new ArrayList<>();
        hooked.forEach(api -> facts.add(Fact.of("clock_hooked", api)));
        facts.add(Fact.of("clock_call_sites", (long) rewrittenClasses(), (long) callSites()));
        for (PressureSample sample : samples) {
            facts.add(Fact.of("clock_offset", sample.at().toMillis(), Math.round(sample.achieved())));
        }
        WallClock hook = clock;
        long elapsed = elapsedNow();
        if (hook != null && elapsed >= 0) {
            long epochMillis = (hook.epochNanos() - startNanos) / 1_000_000;
            for (TimePlan.Occurrence jump : plan.occurrencesBy(Duration.ofNanos(elapsed), MAX_KEPT)) {
                facts.add(Fact.of("clock_jump", epochMillis + jump.at().toMillis(), jump.by().toMillis()));
            }
            hook.reads().forEach((id, reads) -> facts.add(Fact.of("clock_reads", id, reads.count(), reads.lastMillis())));
        }
        return List.copyOf(facts);
    }

    /**
     * Measures each API, stops the sampler, removes all advice and rewrites, withdraws the hook. A
     * failed measurement is named in {@link #achieved}; each removal runs even when an earlier one
     * failed, and the first failure is then thrown, later ones suppressed in it. Idempotent.
     */
    @Override
    public void close() {
        if (!started.get() || !closed.compareAndSet(false, true)) {
            return;
        }
        WallClock hook = clock;
        try {
            if (hook != null) {
                endElapsedNanos = hook.elapsedNanos();
                finalMeasurements = measureAll(hook);
                if (sampler != null) {
                    samples.add(measureSample(hook));
                }
            }
        } catch (RuntimeException | OutOfMemoryError e) {
            // close() must remove the hooks whatever happens; the missing figures are named in achieved().
            measurementFailure = e;
        } finally {
            stop.countDown();
            Thread thread = sampler;
            if (thread != null) {
                try {
                    thread.join(TimeUnit.SECONDS.toMillis(5));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            uninstall();
        }
    }

    private void uninstall() {
        Teardown teardown = new Teardown();
        ResettableClassFileTransformer subject = subjectTransformer;
        if (subject != null) {
            teardown.run(() -> RetransformingHooks.reset(subject, instrumentation));
        }
        ResettableClassFileTransformer jdk = jdkTransformer;
        if (jdk != null) {
            teardown.run(() -> RetransformingHooks.reset(jdk, instrumentation));
        }
        // Even if a reset failed, rewritten sites then fall back to the identity and advice finds no hook.
        WallClock hook = clock;
        if (hook != null) {
            teardown.run(() -> ClockAdvice.SLOT.withdraw(hook));
        }
        teardown.finish();
    }
}
