package dev.panicattack.constraint;

import java.time.Duration;
import java.util.Optional;
import java.util.OptionalDouble;

/** Network axis: added {@code latency} with {@code jitter}, and {@code loss} percent. Declared now, applied by the network stressor. */
public record NetworkConstraint(Optional<Duration> latency, Optional<Duration> jitter, OptionalDouble loss) {

    public NetworkConstraint {
        loss.ifPresent(value -> Percent.require("network.loss", value));
    }

    public static NetworkConstraint none() {
        return new NetworkConstraint(Optional.empty(), Optional.empty(), OptionalDouble.empty());
    }

    public NetworkConstraint overriddenBy(NetworkConstraint later) {
        return new NetworkConstraint(
                later.latency.or(() -> latency),
                later.jitter.or(() -> jitter),
                later.loss.isPresent() ? later.loss : loss);
    }
}
