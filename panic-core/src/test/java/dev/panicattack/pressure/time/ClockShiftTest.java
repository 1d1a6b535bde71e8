package dev.panicattack.pressure.time;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.panicattack.constraint.ClockJump;
import dev.panicattack.evidence.Fact;
import dev.panicattack.subject.Subject;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ClockShiftTest {

    private static final long HOUR = 3_600_000L;
    /** Wide: two reads of the clock on a loaded 2-core machine. */
    private static final long TOLERANCE_MS = 250;
    private static final Subject READERS = Subject.of(ClockReader.class.getName(), LateClockReader.class.getName());

    @AfterEach
    void noHookLeftBehind() {
        assertThat(ClockAdvice.SLOT.published()).isNull();
    }

    private static TimePlan skew(Duration skew) {
        return new TimePlan(skew, Duration.ZERO, List.of(), READERS);
    }

    /** Each reading lies in the real-time window of the reads, shifted by {@code expectedMillis}. */
    private static void assertOffsets(java.util.function.Supplier<Map<String, Long>> reads, long expectedMillis) {
        long before = new java.util.Date().getTime();
        Map<String, Long> read = reads.get();
        long after = new java.util.Date().getTime();
        read.forEach((api, millis) -> assertThat(millis).as(api)
                .isBetween(before + expectedMillis - TOLERANCE_MS, after + expectedMillis + TOLERANCE_MS));
    }

    @Test
    void everyApiTheSubjectCallsSeesTheSkewAndNoneAfterClose() {
        ClockShift shift = new ClockShift(skew(Duration.ofHours(-1)));
        try {
            shift.start();
            assertThat(shift.awaitEstablished(Duration.ofSeconds(1))).isTrue();

            assertOffsets(ClockReader::readAll, -HOUR);
            assertThat(ClockReader.lambdaRead().getAsLong() - System.currentTimeMillis()).as("lambda")
                    .isCloseTo(-HOUR, within(TOLERANCE_MS));
            assertThat(shift.callSites()).isGreaterThanOrEqualTo(2);
            // The test itself is not the subject: its own clocks read real time.
            assertThat(Instant.now().toEpochMilli() - System.currentTimeMillis()).isCloseTo(0L, within(TOLERANCE_MS));
            assertThat(LocalDateTime.now()).isAfter(LocalDateTime.now().minusMinutes(1).minusSeconds(1));
        } finally {
            shift.close();
        }
        assertOffsets(ClockReader::readAll, 0);
        assertThat(shift.measurements()).extracting(ClockShift.Measurement::api).contains("currentTimeMillis",
                "Instant.now", "Clock.systemUTC().millis", "LocalDateTime.now", "ZonedDateTime.now", "OffsetDateTime.now");
        assertThat(shift.measurements()).allSatisfy(measured ->
                assertThat(measured.offsetMillis()).as(measured.api()).isCloseTo(-HOUR, within(TOLERANCE_MS)));
        // The offset seen is measured against the real clock read a moment apart: within a few ms of the request.
        assertThat(shift.achieved(0)).containsPattern("^time offset requested -3600000ms, seen currentTimeMillis -3(600|599)\\d\\d\\dms");
    }

    @Test
    void aClassFirstLoadedUnderTheShiftIsRewrittenAndResetAfterwards() {
        ClockShift shift = new ClockShift(skew(Duration.ofMinutes(10)));
        try {
            shift.start();
            shift.awaitEstablished(Duration.ofSeconds(1));
            assertThat(LateClockReader.currentTimeMillis() - System.currentTimeMillis())
                    .isCloseTo(600_000L, within(TOLERANCE_MS));
        } finally {
            shift.close();
        }
        assertThat(LateClockReader.currentTimeMillis() - System.currentTimeMillis()).isCloseTo(0L, within(TOLERANCE_MS));
    }

    @Test
    void theOffsetIsZeroUntilEstablished() {
        ClockShift shift = new ClockShift(skew(Duration.ofHours(2)));
        try {
            shift.start();
            assertOffsets(ClockReader::readAll, 0);
            shift.awaitEstablished(Duration.ofSeconds(1));
            assertOffsets(ClockReader::readAll, 2 * HOUR);
        } finally {
            shift.close();
        }
    }

    @Test
    void aBackwardJumpHappensAtItsTimeAndIsInTheFacts() {
        TimePlan plan = new TimePlan(Duration.ZERO, Duration.ZERO,
                List.of(ClockJump.once(Duration.ofMillis(300), Duration.ofHours(-1))), READERS);
        ClockShift shift = new ClockShift(plan);
        long established;
        try {
            shift.start();
            shift.awaitEstablished(Duration.ofSeconds(1));
            established = System.nanoTime();
            long before = ClockReader.currentTimeMillis() - System.currentTimeMillis();
            long beforeElapsed = System.nanoTime() - established;
            if (beforeElapsed < Duration.ofMillis(300).toNanos()) {
                assertThat(before).isCloseTo(0L, within(TOLERANCE_MS));
            }
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (ClockReader.currentTimeMillis() - System.currentTimeMillis() > -HOUR / 2 && System.nanoTime() < deadline) {
                LockSupport.parkNanos(Duration.ofMillis(10).toNanos());
            }
            assertThat(System.nanoTime() - established).isGreaterThanOrEqualTo(Duration.ofMillis(290).toNanos());
            assertOffsets(ClockReader::readAll, -HOUR);
        } finally {
            shift.close();
        }
        List<Fact> facts = shift.facts();
        assertThat(facts).filteredOn(fact -> fact.predicate().equals("clock_jump")).singleElement()
                .satisfies(jump -> assertThat(jump.values().get(1)).isEqualTo(-HOUR));
        assertThat(facts).filteredOn(fact -> fact.predicate().equals("clock_reads")).isNotEmpty();
        assertThat(facts).filteredOn(fact -> fact.predicate().equals("clock_hooked"))
                .extracting(fact -> fact.values().get(0)).contains("System.currentTimeMillis", "Clock$SystemClock.millis");
        assertThat(facts).filteredOn(fact -> fact.predicate().equals("clock_offset")).isNotEmpty();
    }

    @Test
    void driftGrowsTheOffsetWithRealTime() {
        TimePlan plan = new TimePlan(Duration.ZERO, Duration.ofMillis(500), List.of(), READERS);
        ClockShift shift = new ClockShift(plan);
        try {
            shift.start();
            long from = System.nanoTime();
            shift.awaitEstablished(Duration.ofSeconds(1));
            long deadline = from + Duration.ofMillis(400).toNanos();
            while (System.nanoTime() < deadline) {
                LockSupport.parkNanos(Duration.ofMillis(20).toNanos());
            }
            long offset = ClockReader.currentTimeMillis() - System.currentTimeMillis();
            long elapsedMillis = (System.nanoTime() - from) / 1_000_000;
            // At +500ms/s the offset is half the time elapsed since established (which is at most elapsedMillis).
            assertThat(offset).isBetween(190L, elapsedMillis / 2 + 5);
        } finally {
            shift.close();
        }
    }

    @Test
    void oneClockShiftAtATime() {
        ClockShift first = new ClockShift(skew(Duration.ofSeconds(5)));
        ClockShift second = new ClockShift(skew(Duration.ofSeconds(5)));
        try {
            first.start();
            assertThatThrownBy(second::start)
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessage("another clock shift is active in this JVM; close it before starting a new one"
                            + " (tests under time pressure do not run in parallel)");
        } finally {
            second.close();
            first.close();
        }
    }

    @Test
    void closeIsIdempotentAndWorksBeforeStart() {
        ClockShift shift = new ClockShift(skew(Duration.ofSeconds(5)));
        shift.close();
        shift.close();
        assertThat(shift.measurements()).isEmpty();
    }
}
