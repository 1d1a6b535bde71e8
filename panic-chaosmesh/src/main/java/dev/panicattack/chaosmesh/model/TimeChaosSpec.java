package dev.panicattack.chaosmesh.model;

import com.fasterxml.jackson.annotation.JsonIgnore;

/** TimeChaos: the selected containers' clock reads real time plus {@code timeOffset} (a signed Go duration). */
public record TimeChaosSpec(String mode, String value, PodSelector selector, String timeOffset, String duration)
        implements FaultSpec {

    @Override
    @JsonIgnore
    public String kind() {
        return "TimeChaos";
    }

    @Override
    public TimeChaosSpec withDuration(String value) {
        return new TimeChaosSpec(mode, this.value, selector, timeOffset, value);
    }
}
