package dev.panicattack.evidence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.PrimitiveIterator;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class JfrTimelineTest {

    private static final Instant WALL = Instant.parse("2026-11-26T10:00:00Z");

    @Test
    void convertsInstantsToMillisSinceStoreStart() {
        // Reference read 3 s after the store opened (store zero at 1_000 ns, reference at 3_000_001_000 ns).
        JfrTimeline timeline = new JfrTimeline(WALL, 3_000_001_000L, 1_000L, 0);

        assertThat(timeline.millisSinceStoreStart(WALL)).isEqualTo(3_000);
        assertThat(timeline.millisSinceStoreStart(WALL.plusNanos(1_500_000))).isEqualTo(3_001);
        assertThat(timeline.nanosSinceStoreStart(WALL.minusSeconds(3))).isEqualTo(0);
    }

    @Test
    void roundsDownBeforeTheStoreStartedLikeElapsedMillis() {
        JfrTimeline timeline = new JfrTimeline(WALL, 0, 0, 0);

        assertThat(timeline.millisSinceStoreStart(WALL.minusNanos(1))).isEqualTo(-1);
        assertThat(timeline.millisSinceStoreStart(WALL.minusMillis(2))).isEqualTo(-2);
        assertThat(timeline.millisSinceStoreStart(WALL.plusNanos(999_999))).isZero();
    }

    @Test
    void captureKeepsTheReadingWithTheNarrowestBracket() {
        // Five (before, after) brackets of widths 100, 4, 50, 30, 8: the second one is kept.
        PrimitiveIterator.OfLong readings = LongStream.of(
                0, 100, 1_000, 1_004, 2_000, 2_050, 3_000, 3_030, 4_000, 4_008).iterator();

        JfrTimeline timeline = JfrTimeline.capture(Clock.fixed(WALL, ZoneOffset.UTC), readings::nextLong, 500);

        assertThat(timeline.referenceNanos()).isEqualTo(1_002);
        assertThat(timeline.uncertaintyNanos()).isEqualTo(2);
        assertThat(timeline.storeStartNanos()).isEqualTo(500);
        assertThat(timeline.nanosSinceStoreStart(WALL.plus(Duration.ofMillis(1)))).isEqualTo(1_000_502);
    }

    @Test
    void rejectsNegativeUncertainty() {
        assertThatThrownBy(() -> new JfrTimeline(WALL, 0, 0, -1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("uncertaintyNanos must be >= 0, but was -1");
    }
}
