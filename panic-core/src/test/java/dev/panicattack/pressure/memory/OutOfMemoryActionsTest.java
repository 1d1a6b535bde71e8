package dev.panicattack.pressure.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.lang.management.ManagementFactory;

import org.junit.jupiter.api.Test;

import com.sun.management.HotSpotDiagnosticMXBean;

/** What the JVM does on an OutOfMemoryError, as heap pressure treats it; refusal under an exit flag is tested in a child JVM (ExhaustionTests). */
class OutOfMemoryActionsTest {

    private static final String HEAP_DUMP = "HeapDumpOnOutOfMemoryError";
    private final HotSpotDiagnosticMXBean hotSpot = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);

    @Test
    void theHeapDumpIsOffWhileSuspendedAndOnAgainAfterOnce() throws Exception {
        String original = hotSpot.getVMOption(HEAP_DUMP).getValue();
        hotSpot.setVMOption(HEAP_DUMP, "true");
        try {
            AutoCloseable suspension = OutOfMemoryActions.suspendHeapDump();
            assertThat(hotSpot.getVMOption(HEAP_DUMP).getValue()).isEqualTo("false");

            suspension.close();
            assertThat(hotSpot.getVMOption(HEAP_DUMP).getValue()).isEqualTo("true");
            hotSpot.setVMOption(HEAP_DUMP, "false");
            suspension.close();
            assertThat(hotSpot.getVMOption(HEAP_DUMP).getValue()).as("a second close changes nothing").isEqualTo("false");
        } finally {
            hotSpot.setVMOption(HEAP_DUMP, original);
        }
    }

    @Test
    void aHeapDumpThatWasOffStaysOff() throws Exception {
        String original = hotSpot.getVMOption(HEAP_DUMP).getValue();
        hotSpot.setVMOption(HEAP_DUMP, "false");
        try {
            OutOfMemoryActions.suspendHeapDump().close();
            assertThat(hotSpot.getVMOption(HEAP_DUMP).getValue()).isEqualTo("false");
        } finally {
            hotSpot.setVMOption(HEAP_DUMP, original);
        }
    }

    @Test
    void aJvmThatSurvivesOutOfMemoryTakesHeapPressure() {
        assertThatCode(OutOfMemoryActions::requireSurvivable).doesNotThrowAnyException();
    }
}
