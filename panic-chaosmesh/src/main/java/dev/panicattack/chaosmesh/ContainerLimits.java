package dev.panicattack.chaosmesh;

import dev.panicattack.chaosmesh.model.StressChaosSpec.CpuStressor;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The target container's resource limits, which turn in-JVM percentages into cluster quantities:
 * the CPU limit in cores ({@code resources.limits.cpu}) and the memory limit in bytes
 * ({@code resources.limits.memory}). Each is needed only by the axis that converts through it.
 *
 * <ul>
 *   <li>CPU: {@code cpu = P} percent of the container's CPU becomes {@code W = ceil(cores)} stress-ng
 *       workers at {@code L = round(P * cores / W)} percent each, so {@code W * L / 100} cores are busy;
 *       read back as {@code P = round(W * L / cores)}.</li>
 *   <li>Memory: {@code P} percent becomes {@code floor(P * limit / 100)} bytes, written in whole MiB
 *       (rounded down); read back as {@code round(100 * bytes / limit)}.</li>
 * </ul>
 */
public record ContainerLimits(OptionalDouble cpuCores, OptionalLong memoryBytes) {

    private static final long MIB = 1L << 20;
    private static final Pattern CPU = Pattern.compile("([0-9]+(?:\\.[0-9]+)?)(m?)");
    private static final Pattern MEMORY = Pattern.compile("([0-9]+(?:\\.[0-9]+)?)(Ki|Mi|Gi|Ti|k|M|G|T)?");
    private static final Pattern SIZE = Pattern.compile("([0-9]+)(B|KiB|MiB|GiB|TiB)");
    private static final Map<String, Long> MEMORY_UNITS = Map.of("Ki", 1L << 10, "Mi", 1L << 20, "Gi", 1L << 30,
            "Ti", 1L << 40, "k", 1000L, "M", 1000_000L, "G", 1000_000_000L, "T", 1000_000_000_000L);
    private static final Map<String, Long> SIZE_UNITS = Map.of("B", 1L, "KiB", 1L << 10, "MiB", 1L << 20,
            "GiB", 1L << 30, "TiB", 1L << 40);

    public ContainerLimits {
        cpuCores.ifPresent(cores -> {
            if (!(cores > 0 && cores <= 1024)) {
                throw new ChaosMeshException("cpuLimit", "must be more than 0 and at most 1024 cores, but was " + cores);
            }
        });
        memoryBytes.ifPresent(bytes -> {
            if (bytes < MIB) {
                throw new ChaosMeshException("memoryLimit", "must be at least 1Mi, but was " + bytes + " bytes");
            }
        });
    }

    /** No limit known: enough for sets whose axes need no conversion (network, disk, time). */
    public static ContainerLimits none() {
        return new ContainerLimits(OptionalDouble.empty(), OptionalLong.empty());
    }

    /**
     * Limits written as in a pod spec: CPU {@code 2}, {@code 1.5} or {@code 500m}; memory {@code 2Gi},
     * {@code 512Mi}, {@code 1G} or bytes. An empty text leaves that limit unknown.
     */
    public static ContainerLimits of(String cpu, String memory) {
        ContainerLimits limits = none();
        if (!cpu.isBlank()) {
            limits = limits.withCpuCores(parseCpu(cpu.strip()));
        }
        if (!memory.isBlank()) {
            limits = limits.withMemoryBytes(parseMemory(memory.strip()));
        }
        return limits;
    }

    public ContainerLimits withCpuCores(double cores) {
        return new ContainerLimits(OptionalDouble.of(cores), memoryBytes);
    }

    public ContainerLimits withMemoryBytes(long bytes) {
        return new ContainerLimits(cpuCores, OptionalLong.of(bytes));
    }

    /** The stressor holding {@code percent} of the container's CPU busy. */
    CpuStressor cpuStressor(String key, int percent) {
        double cores = cores(key);
        int workers = (int) Math.ceil(cores);
        int load = (int) Math.min(100, Math.round(percent * cores / workers));
        return new CpuStressor(workers, load);
    }

    /** The percent of the container's CPU that {@code stressor} holds busy. */
    int cpuPercent(String field, CpuStressor stressor) {
        double cores = cores(field);
        int load = stressor.load() == null ? 100 : stressor.load();
        long percent = Math.round(stressor.workers() * load / cores);
        if (percent > 100) {
            throw new ChaosMeshException(field, stressor.workers() + " workers at " + load + "% keep "
                    + stressor.workers() * load / 100.0 + " cores busy, more than the container's limit of " + cores
                    + " cores; give the container's real CPU limit (cpuLimit)");
        }
        return (int) percent;
    }

    /** {@code percent} of the memory limit, as a stress-ng size in whole MiB such as {@code 1433MiB}. */
    String memorySize(String key, double percent) {
        long bytes = BigDecimal.valueOf(percent).multiply(BigDecimal.valueOf(memory(key)))
                .divide(BigDecimal.valueOf(100), 0, RoundingMode.FLOOR).longValueExact();
        return bytes / MIB + "MiB";
    }

    /** The share of the memory limit, in percent (not rounded), that {@code size} takes. */
    double memoryPercent(String field, String size) {
        Matcher matcher = SIZE.matcher(size);
        if (!matcher.matches()) {
            throw new ChaosMeshException(field, "expected a size in whole B, KiB, MiB, GiB or TiB such as 512MiB,"
                    + " but was '" + size + "'; percentages of the node's memory have no in-JVM meaning");
        }
        double bytes = Long.parseLong(matcher.group(1)) * (double) SIZE_UNITS.get(matcher.group(2));
        return 100 * bytes / memory(field);
    }

    private double cores(String key) {
        return cpuCores.orElseThrow(() -> new ChaosMeshException(key, "converting percent of the JVM's CPU into"
                + " stress-ng workers needs the container's CPU limit: give ContainerLimits.of(\"2\", ...)"
                + " (Maven: -DcpuLimit=2)"));
    }

    private long memory(String key) {
        return memoryBytes.orElseThrow(() -> new ChaosMeshException(key, "converting percent of the heap into bytes"
                + " needs the container's memory limit: give ContainerLimits.of(..., \"2Gi\")"
                + " (Maven: -DmemoryLimit=2Gi)"));
    }

    private static double parseCpu(String text) {
        Matcher matcher = CPU.matcher(text);
        if (!matcher.matches()) {
            throw new ChaosMeshException("cpuLimit", "expected cores such as 2, 1.5 or 500m, but was '" + text + "'");
        }
        double value = Double.parseDouble(matcher.group(1));
        return matcher.group(2).isEmpty() ? value : value / 1000;
    }

    private static long parseMemory(String text) {
        Matcher matcher = MEMORY.matcher(text);
        if (!matcher.matches()) {
            throw new ChaosMeshException("memoryLimit", "expected a quantity such as 2Gi, 512Mi or 1G, but was '"
                    + text + "'");
        }
        long unit = matcher.group(2) == null ? 1 : MEMORY_UNITS.get(matcher.group(2));
        return new BigDecimal(matcher.group(1)).multiply(BigDecimal.valueOf(unit))
                .setScale(0, RoundingMode.FLOOR).longValueExact();
    }
}
