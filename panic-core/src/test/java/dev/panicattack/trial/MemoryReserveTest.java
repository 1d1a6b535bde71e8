package dev.panicattack.trial;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ClassLoadingMXBean;
import java.lang.management.ManagementFactory;

import org.junit.jupiter.api.Test;

/** The memory reserve is held, dropped so the next collection unloads it, and held again. */
class MemoryReserveTest {

    private final ClassLoadingMXBean classes = ManagementFactory.getClassLoadingMXBean();

    @Test
    void aDroppedReserveIsUnloadedByTheNextCollectionAndCanBeHeldAgain() {
        long loadedBefore = classes.getTotalLoadedClassCount();
        MemoryReserve reserve = MemoryReserve.hold();
        assertThat(reserve.held()).isTrue();
        // the class with the methods, its subclasses, and the class with the code
        assertThat(classes.getTotalLoadedClassCount() - loadedBefore)
                .isGreaterThanOrEqualTo(MemoryReserve.SUBCLASSES + 2L);

        long unloadedBefore = classes.getUnloadedClassCount();
        reserve.release();
        System.gc();
        assertThat(reserve.held()).isFalse();
        assertThat(classes.getUnloadedClassCount() - unloadedBefore)
                .isGreaterThanOrEqualTo(MemoryReserve.SUBCLASSES + 2L);

        reserve.refill();
        assertThat(reserve.held()).isTrue();
    }
}
