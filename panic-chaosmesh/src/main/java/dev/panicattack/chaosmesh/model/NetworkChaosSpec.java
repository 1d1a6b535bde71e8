package dev.panicattack.chaosmesh.model;

import com.fasterxml.jackson.annotation.JsonIgnore;

/** NetworkChaos: netem delay and loss, tbf bandwidth, or a partition of the selected pods' traffic. */
public record NetworkChaosSpec(String action, String mode, String value, PodSelector selector, String direction,
        Delay delay, Loss loss, Bandwidth bandwidth, String duration) implements FaultSpec {

    /** {@code delay}: {@code latency} plus or minus {@code jitter}, both Go durations. */
    public record Delay(String latency, String jitter) {
    }

    /** {@code loss}: percent of packets dropped, as text ({@code "1"}, {@code "0.5"}). */
    public record Loss(String loss) {
    }

    /** {@code bandwidth}: {@code rate} such as {@code 1048576bps} (bytes per second); queue {@code limit} and {@code buffer} in bytes. */
    public record Bandwidth(String rate, long limit, long buffer) {
    }

    @Override
    @JsonIgnore
    public String kind() {
        return "NetworkChaos";
    }

    @Override
    public NetworkChaosSpec withDuration(String value) {
        return new NetworkChaosSpec(action, mode, this.value, selector, direction, delay, loss, bandwidth, value);
    }
}
