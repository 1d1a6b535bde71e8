package dev.panicattack.evidence;

import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import oshi.hardware.CentralProcessor;
import oshi.hardware.GlobalMemory;
import oshi.hardware.HWDiskStore;
import oshi.hardware.HardwareAbstractionLayer;
import oshi.hardware.NetworkIF;
import oshi.software.os.OSFileStore;
import oshi.software.os.OSProcess;
import oshi.software.os.OperatingSystem;

/**
 * Samples the machine and this process through OSHI, and the JVM's own container-aware CPU
 * reading: CPU load of the machine, of this process and of the JVM, memory, open file
 * descriptors, disk and network byte counters, and free space where the working directory lives.
 * Vocabulary in {@code docs/facts.md}.
 *
 * <p>{@link #start(EvidenceStore)} takes the first sample in the caller's thread, so an OSHI or
 * JNA that cannot load fails there with a clear {@link IllegalStateException}. After that a daemon
 * thread named {@value #THREAD_NAME} samples every period (default {@value #DEFAULT_PERIOD_MILLIS}
 * ms). CPU percentages cover the time since the previous CPU reading, which must be at least
 * {@value #MIN_CPU_WINDOW_MILLIS} ms old; the first sample has none.
 *
 * <p>OSHI reads the host, not the container's cgroup limits: {@code system_cpu} and
 * {@code process_cpu} are shares of the host's logical CPUs, {@code jvm_cpu} is the JVM's own
 * container-aware reading.
 *
 * <p>Thread-safe. {@link #close()} is idempotent and never throws.
 */
public final class OsSensor implements Sensor {

    /** The sampler thread's name. */
    public static final String THREAD_NAME = "panic-sensor-os";
    /** Default sample period in milliseconds. */
    public static final long DEFAULT_PERIOD_MILLIS = 500;
    /** Shortest window over which a CPU percentage is computed. */
    public static final long MIN_CPU_WINDOW_MILLIS = 50;

    private static final Duration MIN_PERIOD = Duration.ofMillis(MIN_CPU_WINDOW_MILLIS);
    private static final Duration MAX_PERIOD = Duration.ofMinutes(1);

    private final OshiSystemInfo systemInfo;
    private final Duration samplePeriod;
    private final Path workingDirectory;
    private final java.util.Optional<Heartbeat> heartbeat;

    // Guarded by this.
    private EvidenceStore store;
    // Volatile so that reading it never waits for a sample in progress.
    private volatile PeriodicSampler sampler;
    private boolean closed;
    private CentralProcessor processor;
    private GlobalMemory memory;
    private OperatingSystem os;
    private int pid;
    private List<HWDiskStore> disks;
    private List<NetworkIF> networks;
    private OSFileStore fileStore;
    private long[] previousTicks;
    private long previousTicksNanos;
    private OSProcess previousProcess;

    private OsSensor(Builder builder) {
        this.systemInfo = builder.systemInfo;
        this.samplePeriod = builder.samplePeriod;
        this.workingDirectory = builder.workingDirectory;
        this.heartbeat = builder.heartbeat;
    }

    /** A sensor with the default period and the JVM's working directory. */
    public static OsSensor ofDefaults(OshiSystemInfo systemInfo) {
        return custom(systemInfo).build();
    }

    /** A builder over the run's shared OSHI entry point. */
    public static Builder custom(OshiSystemInfo systemInfo) {
        return new Builder(Objects.requireNonNull(systemInfo, "systemInfo"));
    }

    @Override
    public String name() {
        return "os";
    }

    /** The sample period of the background sampler. */
    public Duration samplePeriod() {
        return samplePeriod;
    }

    /**
     * Takes the first sample in the caller's thread, then starts the sampler thread.
     *
     * @throws IllegalStateException when already started or closed, or when OSHI cannot read the
     *         operating system (the cause is kept)
     */
    @Override
    public synchronized void start(EvidenceStore store) {
        Objects.requireNonNull(store, "store");
        if (closed) {
            throw new IllegalStateException("OsSensor was closed and cannot start again: create a new one");
        }
        if (this.store != null) {
            throw new IllegalStateException("OsSensor was already started: start it once per store");
        }
        try {
            HardwareAbstractionLayer hardware = systemInfo.provider().getHardware();
            os = systemInfo.provider().getOperatingSystem();
            processor = hardware.getProcessor();
            memory = hardware.getMemory();
            pid = os.getProcessId();
            disks = List.copyOf(hardware.getDiskStores());
            networks = List.copyOf(hardware.getNetworkIFs(true));
            fileStore = fileStoreOf(os.getFileSystem().getFileStores(), workingDirectory);
            this.store = store;
            sample();
        } catch (LinkageError | RuntimeException failure) {
            this.store = null;
            throw OshiSystemInfo.initialisationFailure(failure);
        }
        sampler = new PeriodicSampler(THREAD_NAME, heartbeat, samplePeriod, samplePeriod, name(), store, this::sample);
        sampler.start();
    }

    /**
     * Takes one sample now in the caller's thread; works after {@link #close()} too.
     *
     * @throws IllegalStateException when not started
     */
    @Override
    public void observeNow() {
        sample();
    }

    @Override
    public void close() {
        PeriodicSampler running;
        synchronized (this) {
            closed = true;
            running = sampler;
        }
        if (running != null) {
            running.close();
        }
    }

    /** The sampler thread, or null before start. Package-private for tests. */
    Thread samplerThread() {
        PeriodicSampler current = sampler;
        return current == null ? null : current.thread();
    }

    synchronized void sample() {
        if (store == null) {
            throw new IllegalStateException("OsSensor.observeNow() needs start(store) first");
        }
        long t = store.elapsedMillis();
        sampleCpu(t);
        store.add("memory_available", t, memory.getAvailable());
        store.add("memory_total", t, memory.getTotal());
        for (HWDiskStore disk : disks) {
            disk.updateAttributes();
            store.add("disk_read_bytes", t, disk.getName(), disk.getReadBytes());
            store.add("disk_write_bytes", t, disk.getName(), disk.getWriteBytes());
        }
        for (NetworkIF network : networks) {
            network.updateAttributes();
            store.add("net_rx_bytes", t, network.getName(), network.getBytesRecv());
            store.add("net_tx_bytes", t, network.getName(), network.getBytesSent());
        }
        if (fileStore != null && fileStore.updateAttributes()) {
            store.add("fs_free", t, fileStore.getMount(), fileStore.getUsableSpace());
        }
    }

    private void sampleCpu(long t) {
        long now = System.nanoTime();
        OSProcess process = os.getProcess(pid);
        if (process != null) {
            store.add("open_fds", t, process.getOpenFiles());
        }
        long[] ticks = processor.getSystemCpuLoadTicks();
        boolean windowLongEnough = previousTicks != null
                && Duration.ofNanos(now - previousTicksNanos).toMillis() >= MIN_CPU_WINDOW_MILLIS;
        if (windowLongEnough) {
            store.add("system_cpu", t, 100.0 * processor.getSystemCpuLoadBetweenTicks(previousTicks, ticks));
            if (process != null && previousProcess != null) {
                // OSHI gives a fraction of one CPU: divide by the CPUs for the machine's share.
                double ofOneCpu = process.getProcessCpuLoadBetweenTicks(previousProcess);
                store.add("process_cpu", t, 100.0 * ofOneCpu / processor.getLogicalProcessorCount());
            }
        }
        if (windowLongEnough || previousTicks == null) {
            previousTicks = ticks;
            previousTicksNanos = now;
            previousProcess = process;
        }
        OperatingSystemMXBean jvmOs = ManagementFactory.getOperatingSystemMXBean();
        if (jvmOs instanceof com.sun.management.OperatingSystemMXBean jvm) {
            double load = jvm.getProcessCpuLoad();
            if (load >= 0) {
                store.add("jvm_cpu", t, 100.0 * load);
            }
        }
    }

    /** The store whose mount point is the longest prefix of the directory, or null when none is. */
    static OSFileStore fileStoreOf(List<OSFileStore> stores, Path directory) {
        Path real = directory.toAbsolutePath().normalize();
        OSFileStore best = null;
        int bestLength = -1;
        for (OSFileStore candidate : stores) {
            String mount = candidate.getMount();
            if (mount == null || mount.isEmpty()) {
                continue;
            }
            if (real.startsWith(Path.of(mount)) && mount.length() > bestLength) {
                best = candidate;
                bestLength = mount.length();
            }
        }
        return best;
    }

    /** Validating builder; every setter checks its value at once. */
    public static final class Builder {

        private final OshiSystemInfo systemInfo;
        private Duration samplePeriod = Duration.ofMillis(DEFAULT_PERIOD_MILLIS);
        private Path workingDirectory = Path.of("").toAbsolutePath();
        private java.util.Optional<Heartbeat> heartbeat = java.util.Optional.empty();

        private Builder(OshiSystemInfo systemInfo) {
            this.systemInfo = systemInfo;
        }

        /** Time between background samples: 50 ms to 1 min, default 500 ms. */
        public Builder samplePeriod(Duration period) {
            Objects.requireNonNull(period, "samplePeriod");
            if (period.compareTo(MIN_PERIOD) < 0 || period.compareTo(MAX_PERIOD) > 0) {
                throw new IllegalArgumentException("OsSensor samplePeriod must be between "
                        + MIN_PERIOD.toMillis() + " ms and " + MAX_PERIOD.toMillis() + " ms, but was "
                        + period.toMillis() + " ms: pass a period in that range (default "
                        + DEFAULT_PERIOD_MILLIS + " ms)");
            }
            this.samplePeriod = period;
            return this;
        }

        /** The directory whose file store {@code fs_free} reports; default the JVM's working directory. */
        public Builder workingDirectory(Path directory) {
            this.workingDirectory = Objects.requireNonNull(directory, "workingDirectory").toAbsolutePath();
            return this;
        }

        /** Samples on {@code shared}, the run's heartbeat, instead of a thread of its own named {@value OsSensor#THREAD_NAME}. */
        public Builder heartbeat(Heartbeat shared) {
            this.heartbeat = java.util.Optional.of(Objects.requireNonNull(shared, "heartbeat"));
            return this;
        }

        public OsSensor build() {
            return new OsSensor(this);
        }
    }
}
