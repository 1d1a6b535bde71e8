package dev.panicattack.resilience4j;

import dev.panicattack.fuse.VirtualClock;
import static dev.panicattack.junit.PanicAssertions.assertThat;
import static dev.panicattack.resilience4j.Resilience4jAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.panicattack.fuse.Fuse;
import dev.panicattack.fuse.FuseState;
import dev.panicattack.pressure.PressurePlan;
import dev.panicattack.pressure.cpu.CpuPlan;
import dev.panicattack.junit.fuse.FuseAssert;
import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadConfig;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.github.resilience4j.timelimiter.TimeLimiter;
import io.github.resilience4j.timelimiter.TimeLimiterConfig;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;

class OtherFusesAssertTest {

    /** A load shedder of the test's own: opens at its 3rd call, refuses every other call from then on. */
    static final class Shedder implements Fuse {
        final AtomicLong calls = new AtomicLong();
        final AtomicLong shed = new AtomicLong();

        void call() throws IOException {
            long n = calls.incrementAndGet();
            if (n >= 3 && n % 2 == 1) {
                shed.incrementAndGet();
                throw new IOException("shed by the shedder");
            }
        }

        @Override
        public String name() {
            return "shedder";
        }

        @Override
        public FuseState state() {
            return calls.get() >= 3 ? FuseState.OPEN : FuseState.CLOSED;
        }

        @Override
        public long shedCount() {
            return shed.get();
        }
    }

    @Test
    void anyFuse_withItsOwnRejection() {
        Shedder shedder = new Shedder();
        VirtualClock clock = new VirtualClock();
        FuseAssert assertion = assertThat(shedder).withClock(clock).pacedEvery(Duration.ZERO)
                .whenCalling(() -> {
                    clock.advance(Duration.ofMillis(10));
                    shedder.call();
                });

        assertThatThrownBy(() -> assertion.shedsAtLeast(50, 10)).isInstanceOf(IllegalStateException.class)
                .hasMessage("shedsAtLeast needs the exception type that marks a shed call: call"
                        + " rejectingWith(YourRejection.class) first");
        assertion.rejectingWith(IOException.class).tripsWithinCalls(3).shedsAtLeast(50, 10);
        assertThatThrownBy(() -> assertion.as("search shedder").shedsAtLeast(75, 4)).hasMessage("""
                [search shedder] Expecting fuse 'shedder' to shed at least 75% of 4 calls with IOException under the \
                caller's pressure,
                but it shed 50% (2 of 4 calls; 2 succeeded, 0 failed otherwise; the fuse counted 2 sheds).
                timeline (time since start: state, calls made, sheds counted by the fuse):
                  0s: OPEN, 0 calls, 0 shed
                  0.04s: OPEN, 4 calls, 2 shed""");
    }

    @Test
    void bulkhead_shedsConcurrentCallsWithBulkheadFullException() {
        Bulkhead bulkhead = Bulkhead.of("thumbnails", BulkheadConfig.custom().maxConcurrentCalls(2)
                .maxWaitDuration(Duration.ZERO).build());

        assertThat(bulkhead).withCallers(6).whenCalling(() -> bulkhead.executeRunnable(
                () -> LockSupport.parkNanos(Duration.ofMillis(5).toNanos())))
                .tripsWithin(Duration.ofSeconds(5))
                .shedsAtLeast(20, 300);
    }

    @Test
    void rateLimiter_shedsBeyondItsLimitWithRequestNotPermitted() {
        RateLimiter limiter = RateLimiter.of("search", RateLimiterConfig.custom().limitForPeriod(5)
                .limitRefreshPeriod(Duration.ofMinutes(1)).timeoutDuration(Duration.ZERO).build());

        assertThat(limiter).pacedEvery(Duration.ZERO).whenCalling(() -> limiter.executeRunnable(() -> { }))
                .tripsWithinCalls(6)
                .shedsAtLeast(100, 20);
    }

    @Test
    void timeLimiter_tripsOnTimeoutsWithTimeoutException() {
        TimeLimiter limiter = TimeLimiter.of("render", TimeLimiterConfig.custom().timeoutDuration(Duration.ofMillis(20)).build());

        assertThat(limiter).pacedEvery(Duration.ZERO)
                .whenCalling(() -> limiter.executeFutureSupplier(CompletableFuture<String>::new))
                .tripsWithinCalls(1)
                .shedsAtLeast(100, 3);
        assertThatThrownBy(() -> assertThat(limiter).pacedEvery(Duration.ZERO)
                .whenCalling(() -> limiter.executeFutureSupplier(() -> CompletableFuture.completedFuture("ok")))
                .shedsAtLeast(50, 2))
                .hasMessageStartingWith("Expecting time limiter 'render' to shed at least 50% of 2 calls with"
                        + " TimeoutException under the caller's pressure,\nbut it shed 0% (0 of 2 calls; 2 succeeded,"
                        + " 0 failed otherwise; the fuse counted 0 sheds).");
    }

    @Test
    void aPlanIsAppliedDuringTheAssertionAndNamedInItsMessage() {
        Shedder shedder = new Shedder();
        PressurePlan plan = PressurePlan.of("warm", CpuPlan.constant(20));

        assertThatThrownBy(() -> assertThat(shedder).under(plan).pacedEvery(Duration.ZERO)
                .whenCalling(() -> { }).tripsWithinCalls(2))
                .hasMessageStartingWith("Expecting fuse 'shedder' to trip (OPEN) within 2 calls under cpu 20%,\nbut it"
                        + " was CLOSED after 2 calls");
        Assertions.assertThat(Thread.getAllStackTraces().keySet())
                .noneMatch(thread -> thread.getName().startsWith("panic-cpu") && thread.isAlive());
    }
}
