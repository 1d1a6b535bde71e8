package dev.panicattack.chaosmesh.model;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/** {@code metadata}: name, namespace and annotations (kept sorted, so the YAML is stable). */
public record Metadata(String name, String namespace, Map<String, String> annotations) {

    public Metadata {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(namespace, "namespace");
        annotations = annotations == null || annotations.isEmpty() ? null
                : Collections.unmodifiableMap(new TreeMap<>(annotations));
    }
}
