package dev.panicattack.examples.probes;

import java.util.HashMap;
import java.util.Map;

/**
 * Categories with parents. Seeded defect: {@link #depthOf} recurses once per ancestor, so a long
 * chain of categories (an import that nests each row under the previous one) recurses that deep.
 */
public final class CategoryTree {

    private final Map<String, String> parents = new HashMap<>();

    public void add(String category, String parent) {
        parents.put(category, parent);
    }

    public int depthOf(String category) {
        String parent = parents.get(category);
        return parent == null ? 0 : 1 + depthOf(parent);
    }
}
