/**
 * The Chaos Mesh manifests panic-attack writes and reads, as typed values: the subset of the
 * {@code chaos-mesh.org/v1alpha1} kinds StressChaos, NetworkChaos, IOChaos, TimeChaos, JVMChaos and
 * Workflow that a constraint set maps to. Field names are the CRDs' own; an absent field is
 * {@code null} and is not written.
 */
package dev.panicattack.chaosmesh.model;
