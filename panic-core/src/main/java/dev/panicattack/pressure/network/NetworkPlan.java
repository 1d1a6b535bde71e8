package dev.panicattack.pressure.network;

import dev.panicattack.constraint.Axis;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.SplittableRandom;

import dev.panicattack.constraint.NetworkConstraint;
import dev.panicattack.internal.text.Figures;
import dev.panicattack.pressure.axis.AxisPlan;
import dev.panicattack.pressure.axis.Stressor;

/**
 * The resolved network axis: faults on the test's own client connections to loopback destinations
 * that match {@code hosts} and {@code ports} (empty lists match every loopback host or port).
 * {@code bandwidth} 0 means unlimited. Semantics: {@code docs/network-pressure.md}.
 */
public record NetworkPlan(Duration latency, Duration jitter, double lossPercent, long bandwidth, double resetPercent,
        double refusePercent, boolean blackhole, List<String> hosts, List<Integer> ports, long seed) implements AxisPlan {

    public NetworkPlan {
        Objects.requireNonNull(latency, "latency");
        Objects.requireNonNull(jitter, "jitter");
        if (latency.isNegative() || latency.compareTo(NetworkConstraint.MAX_LATENCY) > 0) {
            throw new IllegalArgumentException("network.latency must be between 0 and 10s, but was "
                    + Figures.duration(latency) + "; declare a duration such as 50ms");
        }
        if (jitter.isNegative() || jitter.compareTo(latency) > 0) {
            throw new IllegalArgumentException("network.jitter must be between 0 and network.latency ("
                    + Figures.duration(latency) + "), but was " + Figures.duration(jitter)
                    + "; lower the jitter or raise the latency");
        }
        requirePercent("network.loss", lossPercent);
        requirePercent("network.reset", resetPercent);
        requirePercent("network.refuse", refusePercent);
        if (bandwidth < 0) {
            throw new IllegalArgumentException("network.bandwidth must be positive (0 for unlimited), but was "
                    + bandwidth);
        }
        // The constraint validates hosts and ports (loopback only, 1 to 65535).
        NetworkConstraint.none().withHosts(hosts).withPorts(ports);
        hosts = List.copyOf(hosts);
        ports = List.copyOf(ports);
    }

    /**
     * Resolves a declared network constraint: absent faults are off, absent filters match every
     * loopback host and port, an absent seed is drawn at random (and recorded in the evidence).
     *
     * @throws IllegalArgumentException when the section declares no fault, or jitter exceeds latency
     */
    public static NetworkPlan resolve(String setName, NetworkConstraint c) {
        Objects.requireNonNull(c, "constraint");
        boolean anyFault = c.latency().isPresent() || c.loss().isPresent() || c.bandwidth().isPresent()
                || c.reset().isPresent() || c.refuse().isPresent() || c.blackhole().orElse(false);
        if (!anyFault) {
            throw new IllegalArgumentException("Constraint set '" + setName + "' declares a network section with no"
                    + " fault; add one of latency, loss, bandwidth, reset, refuse or 'blackhole: true', or remove"
                    + " the 'network:' section");
        }
        Duration latency = c.latency().orElse(Duration.ZERO);
        Duration jitter = c.jitter().orElse(Duration.ZERO);
        if (jitter.compareTo(latency) > 0) {
            throw new IllegalArgumentException("Constraint set '" + setName + "' declares network.jitter "
                    + Figures.duration(jitter) + " above network.latency " + Figures.duration(latency)
                    + "; the jitter must be at most the latency: lower network.jitter or raise network.latency");
        }
        return new NetworkPlan(latency, jitter, c.loss().orElse(0), c.bandwidth().orElse(0), c.reset().orElse(0),
                c.refuse().orElse(0), c.blackhole().orElse(false), c.hosts().orElse(List.of()),
                c.ports().orElse(List.of()), c.seed().isPresent() ? c.seed().getAsLong() : new SplittableRandom().nextLong());
    }

    /** A plan with only {@code latency}, on every loopback destination, seeded with 1. */
    public static NetworkPlan ofLatency(Duration latency) {
        return new NetworkPlan(latency, Duration.ZERO, 0, 0, 0, 0, false, List.of(), List.of(), 1);
    }

    /** A plan with only a blackhole, on every loopback destination. */
    public static NetworkPlan ofBlackhole() {
        return new NetworkPlan(Duration.ZERO, Duration.ZERO, 0, 0, 0, 0, true, List.of(), List.of(), 1);
    }

    public NetworkPlan withJitter(Duration value) {
        return new NetworkPlan(latency, value, lossPercent, bandwidth, resetPercent, refusePercent, blackhole, hosts, ports, seed);
    }

    public NetworkPlan withLoss(double percent) {
        return new NetworkPlan(latency, jitter, percent, bandwidth, resetPercent, refusePercent, blackhole, hosts, ports, seed);
    }

    public NetworkPlan withBandwidth(long bytesPerSecond) {
        return new NetworkPlan(latency, jitter, lossPercent, bytesPerSecond, resetPercent, refusePercent, blackhole, hosts,
                ports, seed);
    }

    public NetworkPlan withReset(double percent) {
        return new NetworkPlan(latency, jitter, lossPercent, bandwidth, percent, refusePercent, blackhole, hosts, ports, seed);
    }

    public NetworkPlan withRefuse(double percent) {
        return new NetworkPlan(latency, jitter, lossPercent, bandwidth, resetPercent, percent, blackhole, hosts, ports, seed);
    }

    public NetworkPlan withHosts(List<String> value) {
        return new NetworkPlan(latency, jitter, lossPercent, bandwidth, resetPercent, refusePercent, blackhole, value, ports, seed);
    }

    public NetworkPlan withPorts(List<Integer> value) {
        return new NetworkPlan(latency, jitter, lossPercent, bandwidth, resetPercent, refusePercent, blackhole, hosts, value, seed);
    }

    public NetworkPlan withSeed(long value) {
        return new NetworkPlan(latency, jitter, lossPercent, bandwidth, resetPercent, refusePercent, blackhole, hosts, ports, value);
    }

    /** True when {@code address} (loopback) and {@code port} pass the hosts and ports filter. */
    boolean matches(InetAddress address, int port) {
        if (address == null || !address.isLoopbackAddress()) {
            return false;
        }
        if (!ports.isEmpty() && !ports.contains(port)) {
            return false;
        }
        if (hosts.isEmpty()) {
            return true;
        }
        for (String host : hosts) {
            String lower = host.toLowerCase(Locale.ROOT);
            if (lower.equals("localhost")) {
                return true;
            }
            try {
                // Only literals reach here (the constraint refuses names), so this never asks a DNS server.
                if (InetAddress.getByName(lower.replace("[", "").replace("]", "")).equals(address)) {
                    return true;
                }
            } catch (UnknownHostException e) {
                throw new IllegalStateException("network.hosts entry '" + host + "' is not an address literal", e);
            }
        }
        return false;
    }

    @Override
    public Axis axis() {
        return Axis.NETWORK;
    }

    @Override
    public Stressor newStressor() {
        return new NetworkFaults(this);
    }

    /**
     * Human summary, for example {@code network +500ms ±100ms, loss 1%, 1 MiB/s} or
     * {@code network blackhole on 127.0.0.1 port 8080}.
     */
    @Override
    public String describe() {
        List<String> parts = new ArrayList<>();
        if (!latency.isZero()) {
            parts.add("+" + Figures.duration(latency) + (jitter.isZero() ? "" : " ±" + Figures.duration(jitter)));
        }
        if (lossPercent > 0) {
            parts.add("loss " + Figures.percent(lossPercent));
        }
        if (bandwidth > 0) {
            parts.add(Figures.number(bandwidth / 1024.0, 1) + " KiB/s");
        }
        if (resetPercent > 0) {
            parts.add("reset " + Figures.percent(resetPercent));
        }
        if (refusePercent > 0) {
            parts.add("refuse " + Figures.percent(refusePercent));
        }
        if (blackhole) {
            parts.add("blackhole");
        }
        String text = "network " + String.join(", ", parts);
        if (!hosts.isEmpty()) {
            text += " on " + String.join(", ", hosts);
        }
        if (!ports.isEmpty()) {
            text += (ports.size() == 1 ? " port " : " ports ") + ports.stream().map(String::valueOf)
                    .reduce((a, b) -> a + ", " + b).orElse("");
        }
        return text;
    }

    private static void requirePercent(String field, double value) {
        if (!(value >= 0 && value <= 100)) {
            throw new IllegalArgumentException(field + " must be between 0 and 100, but was " + value);
        }
    }
}
