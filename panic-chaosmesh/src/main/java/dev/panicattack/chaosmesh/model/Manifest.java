package dev.panicattack.chaosmesh.model;

import java.util.Objects;

/** One Kubernetes object of Chaos Mesh: {@code apiVersion}, {@code kind}, {@code metadata}, {@code spec}. */
public record Manifest(String apiVersion, String kind, Metadata metadata, ChaosSpec spec) {

    /** The API group and version of every Chaos Mesh kind written here. */
    public static final String API_VERSION = "chaos-mesh.org/v1alpha1";

    public Manifest {
        Objects.requireNonNull(apiVersion, "apiVersion");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(metadata, "metadata");
        Objects.requireNonNull(spec, "spec");
    }

    /** A manifest of the kind {@code spec} belongs to. */
    public static Manifest of(Metadata metadata, ChaosSpec spec) {
        return new Manifest(API_VERSION, spec.kind(), metadata, spec);
    }
}
