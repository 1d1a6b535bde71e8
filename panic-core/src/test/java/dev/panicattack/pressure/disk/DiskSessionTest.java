package dev.panicattack.pressure.disk;

import dev.panicattack.pressure.PressurePlan;
import dev.panicattack.pressure.PressureSession;
import dev.panicattack.pressure.axis.PressureTrace;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

class DiskSessionTest {

    @Test
    void aSessionAppliesTheDiskBudgetAndRemovesItOnClose() throws IOException {
        Path scope = Files.createTempDirectory("disk-session");
        Path file = scope.resolve("journal");
        PressurePlan plan = PressurePlan.of("full", new DiskPlan(1000, 99, List.of(scope)));
        PressureSession session = PressureSession.start(plan);
        try {
            assertThatThrownBy(() -> Files.write(file, new byte[11])).hasMessage("No space left on device");
            assertThat(session.disk()).get().extracting(DiskBudget::refusedWrites).isEqualTo(1L);
            assertThat(session.traces()).extracting(PressureTrace::series).containsExactly("disk");
        } finally {
            session.close();
        }
        assertThat(session.achievedSummary()).startsWith("disk fill 99% of ").endsWith(", used up to 99%, 1 writes refused");
        Files.write(file, new byte[11]);
        Files.delete(file);
        Files.delete(scope);
    }
}
