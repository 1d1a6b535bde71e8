package dev.panicattack.constraint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The axis sections both front doors read: one declaration per axis, listed once. */
class SectionTest {

    @Test
    void theYamlTopLevelIsTheSetsOwnKeysThenEverySection() {
        assertThat(Section.all()).extracting(Section::name)
                .containsExactly("cpu", "memory", "network", "disk", "concurrency", "time");
        assertThat(ConstraintSetParser.TOP_LEVEL_KEYS).containsExactly(
                "name", "description", "extends", "cpu", "memory", "network", "disk", "concurrency", "time");
    }

    @Test
    void aSectionsKeysAreUniqueAndOnlyCpuAndMemoryTakeALevelAlone() {
        for (Section<?> section : Section.all()) {
            assertThat(section.keyNames()).as(section.name()).doesNotHaveDuplicates();
        }
        assertThat(Section.all()).filteredOn(section -> section.level().isPresent())
                .extracting(section -> section.name() + "." + section.level().orElseThrow().name())
                .containsExactly("cpu.load", "memory.heap");
    }

    @Test
    void aSectionBuildsItsRecordFromTheValuesReadAndIntoTheSet() {
        Key<Integer> fill = Key.of("fill", ValueType.wholePercent());
        Section<DiskConstraint> disk = Section.of("disk", "{ fill: 85 }", List.of(fill),
                values -> DiskConstraint.none().withFill(values.integer(fill).orElseThrow()), Constraints::withDisk);

        Constraints set = disk.buildInto(Constraints.named("s"), SectionValues.none().with(fill, 85));

        assertThat(set.disk()).contains(DiskConstraint.none().withFill(85));
        assertThatThrownBy(() -> disk.build(SectionValues.none().with(fill, 101)))
                .isInstanceOf(ConstraintViolation.class)
                .hasMessage("disk.fill must be between 0 and 100 (percent), but was 101");
        assertThatThrownBy(() -> disk.withLevel(Key.of("load", ValueType.wholePercent())))
                .hasMessage("the level 'load' is not a key of section disk");
    }
}
