package dev.panicattack.chaosmesh.model;

/** The {@code spec} of one Chaos Mesh kind. */
public sealed interface ChaosSpec
        permits FaultSpec, WorkflowSpec {

    /** The {@code kind} this spec belongs to, such as {@code StressChaos}. */
    String kind();
}
