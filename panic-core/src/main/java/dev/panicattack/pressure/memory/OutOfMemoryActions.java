package dev.panicattack.pressure.memory;

import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.Optional;

import com.sun.management.HotSpotDiagnosticMXBean;
import com.sun.management.VMOption;

/**
 * What the JVM itself does on an {@link OutOfMemoryError}, as heap pressure must take it into account.
 * Heap pressure provokes such errors on purpose, so a JVM that ends at the first one
 * ({@code -XX:+ExitOnOutOfMemoryError}, {@code -XX:+CrashOnOutOfMemoryError}) cannot run it, and a JVM
 * that dumps its heap at the first one ({@code -XX:+HeapDumpOnOutOfMemoryError}) would write the
 * ballast to disk: that flag is manageable, so it is switched off while heap pressure may run and
 * restored afterwards. JVMs without HotSpot's diagnostic bean have none of these flags.
 */
public final class OutOfMemoryActions {

    private static final List<String> ENDING_FLAGS = List.of("ExitOnOutOfMemoryError", "CrashOnOutOfMemoryError");
    private static final String HEAP_DUMP_FLAG = "HeapDumpOnOutOfMemoryError";

    private OutOfMemoryActions() {
    }

    /**
     * Throws when this JVM ends at its first {@link OutOfMemoryError}, so heap pressure must not start.
     *
     * @throws IllegalStateException naming the flag and how to run such tests
     */
    public static void requireSurvivable() {
        Optional<String> ending = ENDING_FLAGS.stream().filter(OutOfMemoryActions::isOn).findFirst();
        if (ending.isPresent()) {
            throw new IllegalStateException("heap pressure cannot run in this JVM: it was started with -XX:+"
                    + ending.get() + ", which ends the JVM at the first OutOfMemoryError, and heap pressure provokes"
                    + " them on purpose. Remove -XX:+" + ending.get() + " from the test JVM's arguments (Surefire's"
                    + " or Failsafe's argLine, Gradle's jvmArgs), or run the heap-pressure tests in a fork without it"
                    + " (docs/exhaustion.md)");
        }
    }

    /**
     * Switches {@code -XX:+HeapDumpOnOutOfMemoryError} off until the returned handle is closed, when it
     * is switched on again; a no-op handle when the flag was off. Closing is idempotent.
     */
    public static AutoCloseable suspendHeapDump() {
        Optional<HotSpotDiagnosticMXBean> bean = hotSpot();
        if (bean.isEmpty() || !isOn(HEAP_DUMP_FLAG)) {
            return () -> { };
        }
        bean.get().setVMOption(HEAP_DUMP_FLAG, "false");
        return new HeapDumpSuspension(bean.get());
    }

    private static boolean isOn(String flag) {
        return hotSpot().map(bean -> {
            try {
                VMOption option = bean.getVMOption(flag);
                return Boolean.parseBoolean(option.getValue());
            } catch (IllegalArgumentException e) {
                // A JVM that does not know the flag does not act on it.
                return false;
            }
        }).orElse(false);
    }

    private static Optional<HotSpotDiagnosticMXBean> hotSpot() {
        return ManagementFactory.getPlatformMXBeans(HotSpotDiagnosticMXBean.class).stream().findFirst();
    }

    /** Switches the heap dump back on, once. */
    private static final class HeapDumpSuspension implements AutoCloseable {

        private final HotSpotDiagnosticMXBean bean;
        private boolean restored;

        HeapDumpSuspension(HotSpotDiagnosticMXBean bean) {
            this.bean = bean;
        }

        @Override
        public synchronized void close() {
            if (!restored) {
                restored = true;
                bean.setVMOption(HEAP_DUMP_FLAG, "true");
            }
        }
    }
}
