package dev.panicattack.constraint;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Network axis, as declared: added {@code latency} with {@code jitter}, {@code loss} percent of
 * writes, {@code bandwidth} in bytes per second, {@code reset} percent of reads and writes,
 * {@code refuse} percent of connects, {@code blackhole} (connections that accept but never answer),
 * filtered to the loopback {@code hosts} and {@code ports} given, with the {@code seed} of its random
 * draws. Exact semantics: {@code docs/network-pressure.md}.
 */
public record NetworkConstraint(Optional<Duration> latency, Optional<Duration> jitter, OptionalDouble loss,
        OptionalLong bandwidth, OptionalDouble reset, OptionalDouble refuse, Optional<Boolean> blackhole,
        Optional<List<String>> hosts, Optional<List<Integer>> ports, OptionalLong seed) {

    /** Longest latency accepted: a test's calls must still end. */
    public static final Duration MAX_LATENCY = Duration.ofSeconds(10);

    private static final Pattern BANDWIDTH = Pattern.compile("([0-9]+(?:\\.[0-9]+)?)\\s*(B|kB|KiB|MB|MiB|GB|GiB)/s");
    private static final Pattern IPV4 = Pattern.compile("[0-9]{1,3}(\\.[0-9]{1,3}){3}");

    public NetworkConstraint {
        Objects.requireNonNull(latency, "latency");
        Objects.requireNonNull(jitter, "jitter");
        latency.ifPresent(value -> requireDuration("network.latency", value));
        jitter.ifPresent(value -> requireDuration("network.jitter", value));
        loss.ifPresent(value -> Percent.require("network.loss", value, "percent of writes"));
        reset.ifPresent(value -> Percent.require("network.reset", value, "percent of reads and writes"));
        refuse.ifPresent(value -> Percent.require("network.refuse", value, "percent of connects"));
        bandwidth.ifPresent(value -> {
            if (value <= 0) {
                throw new ConstraintViolation("network.bandwidth", ByteSizeText.format(value) + "/s",
                        "must be at least 1 byte per second", "declare a rate such as 1MiB/s");
            }
        });
        Objects.requireNonNull(blackhole, "blackhole");
        hosts = hosts.map(List::copyOf);
        hosts.ifPresent(list -> list.forEach(NetworkConstraint::requireLoopbackHost));
        ports = ports.map(List::copyOf);
        ports.ifPresent(list -> list.forEach(port -> {
            if (port < 1 || port > 65535) {
                throw new ConstraintViolation("network.ports", Integer.toString(port),
                        "must hold port numbers from 1 to 65535", "");
            }
        }));
    }

    /** The first form of this record: latency, jitter and loss only. */
    public NetworkConstraint(Optional<Duration> latency, Optional<Duration> jitter, OptionalDouble loss) {
        this(latency, jitter, loss, OptionalLong.empty(), OptionalDouble.empty(), OptionalDouble.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), OptionalLong.empty());
    }

    public static NetworkConstraint none() {
        return new NetworkConstraint(Optional.empty(), Optional.empty(), OptionalDouble.empty());
    }

    public NetworkConstraint withLatency(Duration value) {
        return new NetworkConstraint(Optional.of(value), jitter, loss, bandwidth, reset, refuse, blackhole, hosts, ports, seed);
    }

    public NetworkConstraint withJitter(Duration value) {
        return new NetworkConstraint(latency, Optional.of(value), loss, bandwidth, reset, refuse, blackhole, hosts, ports, seed);
    }

    public NetworkConstraint withLoss(double percent) {
        return new NetworkConstraint(latency, jitter, OptionalDouble.of(percent), bandwidth, reset, refuse, blackhole,
                hosts, ports, seed);
    }

    public NetworkConstraint withBandwidth(long bytesPerSecond) {
        return new NetworkConstraint(latency, jitter, loss, OptionalLong.of(bytesPerSecond), reset, refuse, blackhole,
                hosts, ports, seed);
    }

    public NetworkConstraint withReset(double percent) {
        return new NetworkConstraint(latency, jitter, loss, bandwidth, OptionalDouble.of(percent), refuse, blackhole,
                hosts, ports, seed);
    }

    public NetworkConstraint withRefuse(double percent) {
        return new NetworkConstraint(latency, jitter, loss, bandwidth, reset, OptionalDouble.of(percent), blackhole,
                hosts, ports, seed);
    }

    public NetworkConstraint withBlackhole(boolean value) {
        return new NetworkConstraint(latency, jitter, loss, bandwidth, reset, refuse, Optional.of(value), hosts, ports, seed);
    }

    public NetworkConstraint withHosts(List<String> value) {
        return new NetworkConstraint(latency, jitter, loss, bandwidth, reset, refuse, blackhole, Optional.of(value), ports, seed);
    }

    public NetworkConstraint withPorts(List<Integer> value) {
        return new NetworkConstraint(latency, jitter, loss, bandwidth, reset, refuse, blackhole, hosts, Optional.of(value), seed);
    }

    public NetworkConstraint withSeed(long value) {
        return new NetworkConstraint(latency, jitter, loss, bandwidth, reset, refuse, blackhole, hosts, ports,
                OptionalLong.of(value));
    }

    public NetworkConstraint overriddenBy(NetworkConstraint later) {
        return new NetworkConstraint(
                later.latency.or(() -> latency),
                later.jitter.or(() -> jitter),
                later.loss.isPresent() ? later.loss : loss,
                later.bandwidth.isPresent() ? later.bandwidth : bandwidth,
                later.reset.isPresent() ? later.reset : reset,
                later.refuse.isPresent() ? later.refuse : refuse,
                later.blackhole.or(() -> blackhole),
                later.hosts.or(() -> hosts),
                later.ports.or(() -> ports),
                later.seed.isPresent() ? later.seed : seed);
    }

    /**
     * A rate as users write it: a number and {@code B/s}, {@code kB/s} (1000), {@code KiB/s} (1024),
     * {@code MB/s}, {@code MiB/s}, {@code GB/s} or {@code GiB/s}, for example {@code 1MiB/s}; whole
     * bytes per second, rounded down, at least 1. The exception says what is wrong, without location.
     */
    public static long parseBandwidth(String text) {
        Matcher matcher = BANDWIDTH.matcher(text.strip());
        if (!matcher.matches()) {
            throw new IllegalArgumentException("expected a rate such as 1MiB/s, 512KiB/s or 2000B/s, but was '" + text
                    + "'");
        }
        long unit = switch (matcher.group(2)) {
            case "B" -> 1L;
            case "kB" -> 1000L;
            case "KiB" -> 1024L;
            case "MB" -> 1000L * 1000;
            case "MiB" -> 1024L * 1024;
            case "GB" -> 1000L * 1000 * 1000;
            default -> 1024L * 1024 * 1024;
        };
        BigDecimal bytes = new BigDecimal(matcher.group(1)).multiply(BigDecimal.valueOf(unit));
        if (bytes.compareTo(BigDecimal.ONE) < 0 || bytes.compareTo(BigDecimal.valueOf(1L << 40)) > 0) {
            throw new IllegalArgumentException("must be between 1B/s and 1024GiB/s, but was '" + text + "'");
        }
        return bytes.longValue();
    }

    /** {@code localhost} or a loopback IP literal; names are never looked up, so no DNS traffic leaves the host. */
    private static void requireLoopbackHost(String host) {
        Objects.requireNonNull(host, "network.hosts entry");
        String lower = host.toLowerCase(Locale.ROOT);
        boolean loopback = lower.equals("localhost") || lower.equals("::1") || lower.equals("0:0:0:0:0:0:0:1")
                || lower.equals("[::1]") || IPV4.matcher(lower).matches() && lower.startsWith("127.")
                        && java.util.Arrays.stream(lower.split("\\.")).allMatch(part -> Integer.parseInt(part) <= 255);
        if (!loopback) {
            throw new ConstraintViolation("network.hosts", "'" + host + "'",
                    "must hold loopback addresses (localhost, 127.x.x.x or ::1)",
                    "network faults act on loopback traffic only");
        }
    }

    private static void requireDuration(String field, Duration value) {
        if (value.isNegative() || value.compareTo(MAX_LATENCY) > 0) {
            throw new ConstraintViolation(field, DurationText.format(value), "must be between 0 and 10s",
                    "declare a duration such as 50ms");
        }
    }
}
