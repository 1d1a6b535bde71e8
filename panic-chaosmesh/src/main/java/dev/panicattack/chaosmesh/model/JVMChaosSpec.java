package dev.panicattack.chaosmesh.model;

import com.fasterxml.jackson.annotation.JsonIgnore;

/** JVMChaos action {@code stress}: {@code cpuCount} threads burning CPU inside the target JVM, through the agent on {@code port}. */
public record JVMChaosSpec(String action, String mode, String value, PodSelector selector, Integer port,
        Integer cpuCount, String duration) implements FaultSpec {

    @Override
    @JsonIgnore
    public String kind() {
        return "JVMChaos";
    }

    @Override
    public JVMChaosSpec withDuration(String value) {
        return new JVMChaosSpec(action, mode, this.value, selector, port, cpuCount, value);
    }
}
