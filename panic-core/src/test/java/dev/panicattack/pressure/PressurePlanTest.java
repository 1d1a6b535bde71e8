package dev.panicattack.pressure;

import dev.panicattack.constraint.Axis;
import dev.panicattack.internal.text.Figures;
import dev.panicattack.pressure.axis.AxisPlan;
import dev.panicattack.pressure.axis.Waveform;
import dev.panicattack.pressure.disk.DiskPlan;
import dev.panicattack.pressure.memory.HeapPlan;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.panicattack.constraint.ConcurrencyConstraint;
import dev.panicattack.constraint.Constraints;
import dev.panicattack.constraint.CpuConstraint;
import dev.panicattack.constraint.DiskConstraint;
import dev.panicattack.constraint.MemoryConstraint;
import dev.panicattack.constraint.NetworkConstraint;
import dev.panicattack.constraint.Ramp;
import dev.panicattack.constraint.Spikes;
import dev.panicattack.constraint.TimeConstraint;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class PressurePlanTest {

    private static final Spikes SPIKES = new Spikes(100, Duration.ofSeconds(10), Duration.ofSeconds(2));

    @Test
    void describesCpuWithSpikesAndHeapWithLeak() {
        Constraints set = Constraints.named("busy")
                .withCpu(CpuConstraint.ofLoad(80).withSpikes(SPIKES))
                .withMemory(MemoryConstraint.none().withHeap(70).withLeakRate(2));

        PressurePlan plan = PressurePlan.resolve(set);

        assertThat(plan.describe()).isEqualTo("cpu 80% (spikes to 100% every 10s for 2s), heap 70% +2%/s up to 95%");
        assertThat(plan.name()).isEqualTo("busy");
        assertThat(plan.isEmpty()).isFalse();
    }

    @Test
    void appliesHeapDefaults() {
        PressurePlan plan = PressurePlan.resolve(Constraints.named("m").withMemory(MemoryConstraint.none()));

        assertThat(plan.heap()).contains(new HeapPlan(OptionalDouble.empty(), 0, 95));
        assertThat(plan.cpu()).isEmpty();
        assertThat(plan.describe()).isEqualTo("heap as at start");
    }

    @Test
    void keepsDeclaredCeilingAndFractionalLeak() {
        PressurePlan plan = PressurePlan.resolve(Constraints.named("m")
                .withMemory(MemoryConstraint.none().withHeap(50).withLeakRate(0.5).withCeiling(90)));

        assertThat(plan.heap()).contains(new HeapPlan(OptionalDouble.of(50), 0.5, 90));
        assertThat(plan.describe()).isEqualTo("heap 50% +0.5%/s up to 90%");
    }

    @Test
    void spikesWithoutLoadStartFromZero() {
        PressurePlan plan = PressurePlan.resolve(Constraints.named("s")
                .withCpu(new CpuConstraint(OptionalInt.empty(), Optional.of(SPIKES), Optional.empty())));

        Waveform wave = plan.cpu().orElseThrow().target();
        assertThat(wave.at(Duration.ofSeconds(5))).isEqualTo(0);
        assertThat(wave.at(Duration.ofSeconds(11))).isEqualTo(100);
        assertThat(plan.describe()).isEqualTo("cpu 0% (spikes to 100% every 10s for 2s)");
    }

    @Test
    void aLaterRampReplacesAnEarlierLoad() {
        Constraints load = Constraints.named("l").withCpu(CpuConstraint.ofLoad(90));
        Constraints ramp = Constraints.named("r").withCpu(new CpuConstraint(OptionalInt.empty(), Optional.empty(),
                Optional.of(new Ramp(20, 80, Duration.ofSeconds(30)))));
        PressurePlan plan = PressurePlan.resolve(load.overriddenBy(ramp));

        Waveform wave = plan.cpu().orElseThrow().target();
        assertThat(wave.at(Duration.ZERO)).isEqualTo(20);
        assertThat(wave.at(Duration.ofSeconds(15))).isEqualTo(50);
        assertThat(wave.at(Duration.ofMinutes(5))).isEqualTo(80);
        assertThat(plan.describe()).isEqualTo("cpu ramp 20% to 80% over 30s");
    }

    @Test
    void rejectsCeilingBelowHeap() {
        Constraints set = Constraints.named("tight")
                .withMemory(MemoryConstraint.none().withHeap(70).withCeiling(60));

        assertThatThrownBy(() -> PressurePlan.resolve(set))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Constraint set 'tight' declares memory.ceiling 60 below memory.heap 70; the ceiling"
                        + " must be at least the heap level: raise memory.ceiling or lower memory.heap");
    }

    @Test
    void rejectsCpuSectionWithNothingDeclared() {
        Constraints set = Constraints.named("blank")
                .withCpu(new CpuConstraint(OptionalInt.empty(), Optional.empty(), Optional.empty()));

        assertThatThrownBy(() -> PressurePlan.resolve(set))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'blank'")
                .hasMessageContaining("add 'load: <0-100>'");
    }

    @Test
    void resolvesTheTimeAxisForTheSubjectAfterTheOtherAxes() {
        Constraints set = Constraints.named("later").withCpu(CpuConstraint.ofLoad(10))
                .withTime(new TimeConstraint(Optional.of(Duration.ofHours(1))));

        PressurePlan plan = PressurePlan.resolve(set, dev.panicattack.subject.Subject.of("com.acme"));

        assertThat(plan.axes()).extracting(AxisPlan::axis).containsExactly(Axis.CPU, Axis.TIME);
        assertThat(plan.describe()).isEqualTo("cpu 10%, clock skew 1h");
        assertThatThrownBy(() -> PressurePlan.resolve(set))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the time axis shifts the wall clock of the subject's own calls, but the subject is empty;"
                        + " name the code under test (a package or class)");
    }

    @Test
    void resolvesTheConcurrencyAxis() {
        Constraints set = Constraints.named("herd").withConcurrency(new ConcurrencyConstraint(OptionalInt.of(4)));

        assertThat(PressurePlan.resolve(set).axis(dev.panicattack.pressure.concurrency.ConcurrencyPlan.class))
                .get().extracting(dev.panicattack.pressure.concurrency.ConcurrencyPlan::contenders).isEqualTo(4);
    }

    @Test
    void networkResolvesWithItsFaultsAndRefusesAnEmptySectionOrJitterAboveLatency() {
        Constraints base = Constraints.named("net");
        PressurePlan plan = PressurePlan.resolve(base.withNetwork(NetworkConstraint.none()
                .withLatency(Duration.ofMillis(500)).withJitter(Duration.ofMillis(100)).withSeed(3)));
        assertThat(plan.describe()).isEqualTo("network +500ms ±100ms");
        assertThat(plan.axis(dev.panicattack.pressure.network.NetworkPlan.class)).get()
                .extracting(dev.panicattack.pressure.network.NetworkPlan::seed).isEqualTo(3L);
        assertThatThrownBy(() -> PressurePlan.resolve(base.withNetwork(NetworkConstraint.none())))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Constraint set 'net' declares a network section with no fault; add one of latency, loss,"
                        + " bandwidth, reset, refuse or 'blackhole: true', or remove the 'network:' section");
        assertThatThrownBy(() -> PressurePlan.resolve(base.withNetwork(NetworkConstraint.none()
                .withLatency(Duration.ofMillis(10)).withJitter(Duration.ofMillis(20)))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Constraint set 'net' declares network.jitter 20ms above network.latency 10ms; the jitter"
                        + " must be at most the latency: lower network.jitter or raise network.latency");
    }

    @Test
    void diskFillResolvesToTheDefaultBudgetOverTheTemporaryDirectory() {
        PressurePlan plan = PressurePlan.resolve(Constraints.named("full")
                .withDisk(new DiskConstraint(OptionalInt.of(90), Optional.empty())));

        assertThat(plan.disk()).contains(new DiskPlan(DiskPlan.DEFAULT_BUDGET_BYTES, 90, DiskPlan.defaultScope()));
        assertThat(plan.isEmpty()).isFalse();
        assertThat(plan.describe()).isEqualTo("disk 90% of 64 MiB");
        assertThatThrownBy(() -> PressurePlan.resolve(Constraints.named("nofill").withDisk(DiskConstraint.none())))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'nofill'").hasMessageContaining("add for example 'fill: <0-100>'");
        PressurePlan slow = PressurePlan.resolve(Constraints.named("slow")
                .withDisk(new DiskConstraint(OptionalInt.empty(), Optional.of(Duration.ofMillis(5)))));
        assertThat(slow.disk()).contains(DiskPlan.ofFill(0).withWriteLatency(Duration.ofMillis(5)));
        assertThat(slow.describe()).isEqualTo("disk 0% of 64 MiB, writes +5ms");
    }

    @Test
    void emptySetAndNoneAreEmpty() {
        assertThat(PressurePlan.resolve(Constraints.named("empty")).isEmpty()).isTrue();
        assertThat(PressurePlan.none().isEmpty()).isTrue();
        assertThat(PressurePlan.none().describe()).isEqualTo("no pressure");
    }

    @Test
    void heapPlanValidatesRangesAndOrder() {
        assertThatThrownBy(() -> new HeapPlan(OptionalDouble.of(80), 0, 70))
                .hasMessage("memory.ceiling (70) must be at least memory.heap (80); raise memory.ceiling or lower memory.heap");
        assertThatThrownBy(() -> new HeapPlan(OptionalDouble.empty(), -1, 95))
                .hasMessage("memory.leakRate must be between 0 and 100 percent per second, but was -1.0");
        assertThat(new HeapPlan(OptionalDouble.of(70), 2, 90).targetAt(70, 4)).isEqualTo(78);
        assertThat(new HeapPlan(OptionalDouble.of(70), 2, 90).targetAt(70, 60)).isEqualTo(90);
    }

    @Test
    void formatsFiguresDeterministically() {
        assertThat(Figures.percent(80.0)).isEqualTo("80%");
        assertThat(Figures.percent(2.5)).isEqualTo("2.5%");
        assertThat(Figures.duration(Duration.ofMillis(1500))).isEqualTo("1.5s");
        assertThat(Figures.duration(Duration.ofMillis(250))).isEqualTo("250ms");
        assertThat(Figures.duration(Duration.ofMinutes(2))).isEqualTo("2m");
        assertThat(Figures.mebibytes(512L * 1024 * 1024)).isEqualTo("512 MiB");
    }
}
