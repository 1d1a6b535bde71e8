package dev.panicattack.chaosmesh.model;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.List;

/**
 * IOChaos: added {@code delay} (action {@code latency}) or failing calls with {@code errno}
 * (action {@code fault}) on {@code percent} of the file system calls under {@code volumePath}.
 */
public record IOChaosSpec(String action, String mode, String value, PodSelector selector, String volumePath,
        List<String> methods, Integer percent, String delay, Integer errno, String duration) implements FaultSpec {

    public IOChaosSpec {
        methods = methods == null ? null : List.copyOf(methods);
    }

    @Override
    @JsonIgnore
    public String kind() {
        return "IOChaos";
    }

    @Override
    public IOChaosSpec withDuration(String value) {
        return new IOChaosSpec(action, mode, this.value, selector, volumePath, methods, percent, delay, errno, value);
    }
}
