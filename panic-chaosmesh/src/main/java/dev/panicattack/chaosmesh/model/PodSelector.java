package dev.panicattack.chaosmesh.model;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** {@code spec.selector}: the pods a fault acts on, by namespace and labels. */
public record PodSelector(List<String> namespaces, Map<String, String> labelSelectors) {

    public PodSelector {
        namespaces = namespaces == null ? null : List.copyOf(namespaces);
        labelSelectors = labelSelectors == null ? null : Collections.unmodifiableMap(new TreeMap<>(labelSelectors));
    }
}
