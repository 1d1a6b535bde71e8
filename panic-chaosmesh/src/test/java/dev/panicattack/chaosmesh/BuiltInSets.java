package dev.panicattack.chaosmesh;

import dev.panicattack.constraint.Constraints;
import dev.panicattack.constraint.ConstraintSetLibrary;
import java.util.List;
import java.util.Map;

/** The built-in sets and the inputs every test exports them with. */
final class BuiltInSets {

    static final ConstraintSetLibrary LIBRARY = ConstraintSetLibrary.fromClassLoader(BuiltInSets.class.getClassLoader());
    static final ContainerLimits LIMITS = ContainerLimits.of("2", "2Gi");
    static final Target TARGET = Target.of("shop", "app=orders").withVolumePath("/data");

    /** Keys that have no Chaos Mesh form, per built-in set that declares them. */
    static final Map<String, List<String>> OMITTED = Map.of(
            "thundering-herd", List.of("concurrency.parallel", "concurrency.noise"),
            "noisy-neighbour", List.of("concurrency.commonPool"));

    private BuiltInSets() {
    }

    static List<String> names() {
        return LIBRARY.availableNames();
    }

    static Constraints load(String name) {
        return LIBRARY.load(name);
    }

    static ChaosMeshExport export(String name) {
        return ChaosMeshExport.of(load(name), TARGET, LIMITS)
                .omitting(OMITTED.getOrDefault(name, List.of()).toArray(String[]::new));
    }
}
