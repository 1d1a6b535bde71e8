package dev.panicattack.pressure.axis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class WaveformTest {

    @Test
    void rampIsLinearThenHeld() {
        RampWave ramp = new RampWave(20, 80, Duration.ofSeconds(30));

        assertThat(ramp.at(Duration.ZERO)).isEqualTo(20);
        assertThat(ramp.at(Duration.ofSeconds(10))).isEqualTo(40);
        assertThat(ramp.at(Duration.ofSeconds(30))).isEqualTo(80);
        assertThat(ramp.at(Duration.ofHours(1))).isEqualTo(80);
    }

    @Test
    void rampCanGoDown() {
        assertThat(new RampWave(100, 0, Duration.ofSeconds(4)).at(Duration.ofSeconds(1))).isEqualTo(75);
    }

    @Test
    void firstSpikeStartsOnePeriodAfterStartAndLastsItsLength() {
        SpikeWave wave = new SpikeWave(Waveform.constant(80), 100, Duration.ofSeconds(10), Duration.ofSeconds(2));

        assertThat(wave.at(Duration.ZERO)).isEqualTo(80);
        assertThat(wave.at(Duration.ofMillis(9_999))).isEqualTo(80);
        assertThat(wave.at(Duration.ofSeconds(10))).isEqualTo(100);
        assertThat(wave.at(Duration.ofMillis(11_999))).isEqualTo(100);
        assertThat(wave.at(Duration.ofSeconds(12))).isEqualTo(80);
        assertThat(wave.at(Duration.ofSeconds(20))).isEqualTo(100);
        assertThat(wave.at(Duration.ofSeconds(22))).isEqualTo(80);
    }

    @Test
    void spikeNeverLowersTheBase() {
        SpikeWave wave = new SpikeWave(new RampWave(0, 100, Duration.ofSeconds(20)), 30,
                Duration.ofSeconds(10), Duration.ofSeconds(5));

        assertThat(wave.at(Duration.ofSeconds(11))).isEqualTo(55);
        assertThat(wave.at(Duration.ofSeconds(10))).isEqualTo(50);
        assertThat(new SpikeWave(Waveform.constant(10), 30, Duration.ofSeconds(10), Duration.ofSeconds(5))
                .at(Duration.ofSeconds(10))).isEqualTo(30);
    }

    @Test
    void rejectsSpikeAsLongAsItsPeriod() {
        assertThatThrownBy(() -> new SpikeWave(Waveform.constant(0), 50, Duration.ofSeconds(1), Duration.ofSeconds(1)))
                .hasMessage("spikes.for must be positive and shorter than spikes.every (PT1S), but was PT1S");
    }

    @Test
    void rejectsPercentOutOfRange() {
        assertThatThrownBy(() -> new RampWave(0, 101, Duration.ofSeconds(1)))
                .hasMessage("ramp.to must be between 0 and 100, but was 101.0");
    }
}
