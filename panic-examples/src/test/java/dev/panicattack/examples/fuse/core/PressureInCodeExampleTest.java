package dev.panicattack.examples.fuse.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.panicattack.junit.PressureInCode;
import dev.panicattack.pressure.PressureChange;
import dev.panicattack.pressure.PressureControl;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Pressure changed in the test body: the examples of {@code docs/pressure-in-code.md}. */
class PressureInCodeExampleTest {

    // tag::parameter[]
    @Test
    @PressureInCode
    void cacheStillAnswersWhileTheHeapFills(PressureControl pressure) {
        Cache cache = new Cache();
        pressure.set("cpu", 30).set("memory", 30);
        cache.put("greeting", "hello");

        pressure.ramp("memory", 45, Duration.ofSeconds(1));
        assertThat(cache.get("greeting")).isEqualTo("hello");

        pressure.release("cpu");
        assertThat(pressure.timeline()).extracting(PressureChange::description)
                .containsExactly("cpu 30%", "memory 30%", "memory ramp 30% to 45% over 1s", "cpu released");
    }
    // end::parameter[]

    @Test
    void withoutTheExtension() {
        // tag::try-with-resources[]
        try (PressureControl pressure = PressureControl.open()) {
            pressure.apply("heap-pressure");               // the built-in set: heap held at 80%
            assertThat(pressure.targetNow("memory")).isEqualTo(80.0);
            pressure.set("memory", 50);                      // the ballast shrinks, it is not dropped
            System.out.println(pressure.timelineTable());
        }                                                  // everything stops here, on every path
        // end::try-with-resources[]
    }

    /** A tiny cache, the code under test. */
    static final class Cache {

        private final List<String[]> entries = new ArrayList<>();

        void put(String key, String value) {
            entries.add(new String[] {key, value});
        }

        String get(String key) {
            return entries.stream().filter(entry -> entry[0].equals(key)).map(entry -> entry[1]).findFirst().orElse(null);
        }
    }
}
