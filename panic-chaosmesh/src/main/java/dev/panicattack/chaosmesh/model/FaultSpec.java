package dev.panicattack.chaosmesh.model;

/**
 * The spec of a fault kind (all but Workflow): it selects pods and may carry a {@code duration},
 * which a standalone manifest needs and a Workflow template must not have.
 */
public sealed interface FaultSpec extends ChaosSpec
        permits StressChaosSpec, NetworkChaosSpec, IOChaosSpec, TimeChaosSpec, JVMChaosSpec {

    /** This spec with {@code duration} (a Go duration such as {@code 60s}), or none when {@code null}. */
    FaultSpec withDuration(String duration);
}
