package dev.panicattack.chaosmesh.model;

import com.fasterxml.jackson.annotation.JsonIgnore;

/** StressChaos: stress-ng CPU and memory stressors inside the selected containers. */
public record StressChaosSpec(String mode, String value, PodSelector selector, Stressors stressors, String duration)
        implements FaultSpec {

    /** {@code stressors}: at least one of cpu and memory. */
    public record Stressors(CpuStressor cpu, MemoryStressor memory) {
    }

    /** {@code stressors.cpu}: {@code workers} busy at {@code load} percent each. */
    public record CpuStressor(int workers, Integer load) {
    }

    /**
     * {@code stressors.memory}: {@code workers} together holding {@code size} (such as {@code 1433MiB}),
     * reached linearly over {@code time} when given.
     */
    public record MemoryStressor(int workers, String size, String time) {
    }

    @Override
    @JsonIgnore
    public String kind() {
        return "StressChaos";
    }

    @Override
    public StressChaosSpec withDuration(String value) {
        return new StressChaosSpec(mode, this.value, selector, stressors, value);
    }
}
