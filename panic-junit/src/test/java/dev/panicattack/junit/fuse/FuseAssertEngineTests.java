package dev.panicattack.junit.fuse;

import dev.panicattack.fuse.VirtualClock;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectMethod;

import dev.panicattack.fuse.Fuse;
import dev.panicattack.fuse.FuseState;
import dev.panicattack.junit.PanicAssertions;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineTestKit;

/** The fuse assertions inside real Jupiter tests, through the engine: exact outcomes and messages. */
class FuseAssertEngineTests {

    /** A fuse that follows a script: the state after call n is states[min(n, last)]. */
    static final class ScriptedFuse implements Fuse {
        private final List<FuseState> states;
        private final VirtualClock clock = new VirtualClock();
        private int calls;

        ScriptedFuse(FuseState... states) {
            this.states = List.of(states);
        }

        void call() {
            calls++;
            clock.advance(Duration.ofMillis(100));
        }

        FuseAssert assertion() {
            return PanicAssertions.assertThat(this).withClock(clock).pacedEvery(Duration.ZERO).whenCalling(this::call);
        }

        @Override
        public String name() {
            return "scripted";
        }

        @Override
        public FuseState state() {
            return states.get(Math.min(calls, states.size() - 1));
        }

        @Override
        public long shedCount() {
            return 0;
        }
    }

    static class FuseTestCases {

        @Test
        void staysTrippedButWasClosed() {
            new ScriptedFuse(FuseState.CLOSED).assertion().staysTrippedFor(Duration.ofSeconds(1));
        }

        @Test
        void closesWithoutHalfOpening() {
            new ScriptedFuse(FuseState.OPEN, FuseState.OPEN, FuseState.CLOSED).assertion()
                    .halfOpensAndClosesWithin(Duration.ofSeconds(1));
        }

        @Test
        void neverHalfOpens() {
            new ScriptedFuse(FuseState.OPEN).assertion().halfOpensAndClosesWithin(Duration.ofMillis(300));
        }

        @Test
        void halfOpensThenCloses() {
            new ScriptedFuse(FuseState.OPEN, FuseState.HALF_OPEN, FuseState.CLOSED).assertion()
                    .halfOpensAndClosesWithin(Duration.ofSeconds(1)).closesWithin(Duration.ofSeconds(1));
        }

        @Test
        void stillClock() {
            ScriptedFuse fuse = new ScriptedFuse(FuseState.CLOSED);
            PanicAssertions.assertThat(fuse).withClock(new VirtualClock()).pacedEvery(Duration.ZERO).whenCalling(() -> { })
                    .tripsWithin(Duration.ofSeconds(1));
        }
    }

    @Test
    void staysTrippedFailsWhenTheFuseWasNeverTripped() {
        assertThat(failure("staysTrippedButWasClosed")).isInstanceOf(AssertionError.class).hasMessage("""
                Expecting fuse 'scripted' to stay tripped (OPEN or HALF_OPEN) for 1s under the caller's pressure,
                but it was CLOSED when the assertion began; trip it first.
                timeline (time since start: state, calls made, sheds counted by the fuse):
                  0s: CLOSED, 0 calls, 0 shed""");
    }

    @Test
    void halfOpensAndClosesFailsWhenItClosesWithoutHalfOpening() {
        assertThat(failure("closesWithoutHalfOpening")).hasMessage("""
                Expecting fuse 'scripted' to half-open and then close within 1s after pressure lifted,
                but it closed at 0.2s without being seen HALF_OPEN.
                timeline (time since start: state, calls made, sheds counted by the fuse):
                  0s: OPEN, 0 calls, 0 shed
                  0.2s: CLOSED, 2 calls, 0 shed
                  1s: CLOSED, 10 calls, 0 shed""");
    }

    @Test
    void halfOpensAndClosesFailsWhenItNeverHalfOpens() {
        assertThat(failure("neverHalfOpens")).hasMessage("""
                Expecting fuse 'scripted' to half-open and then close within 300ms after pressure lifted,
                but it never half-opened: it was OPEN after 3 calls and 0.3s.
                timeline (time since start: state, calls made, sheds counted by the fuse):
                  0s: OPEN, 0 calls, 0 shed
                  0.3s: OPEN, 3 calls, 0 shed""");
    }

    @Test
    void halfOpensAndClosesPasses() {
        EngineTestKit.engine("junit-jupiter").selectors(selectMethod(FuseTestCases.class, "halfOpensThenCloses"))
                .execute().testEvents().assertStatistics(stats -> stats.started(1).succeeded(1));
    }

    @Test
    void aClockTheLoadNeverMovesIsReported() {
        assertThat(failure("stillClock")).isInstanceOf(IllegalStateException.class).hasMessage(
                "the clock of the assertion on fuse 'scripted' did not move in 100000 calls, so the time limit 1s"
                        + " can never pass; advance the clock given to withClock(...) in the load");
    }

    private static Throwable failure(String method) {
        return EngineTestKit.engine("junit-jupiter").selectors(selectMethod(FuseTestCases.class, method)).execute()
                .testEvents().failed().stream()
                .map(event -> event.getPayload(TestExecutionResult.class).orElseThrow().getThrowable().orElseThrow())
                .findFirst().orElseThrow();
    }
}
