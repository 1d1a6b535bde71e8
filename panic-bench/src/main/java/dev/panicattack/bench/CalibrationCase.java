package dev.panicattack.bench;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.panicattack.signature.BugClass;

/**
 * One corpus case as calibration sees it: the class expected (empty for a healthy program or a fixed
 * release), and each class the rules derived with the concluding rule of each of its independent
 * lines of reasoning.
 */
record CalibrationCase(String name, Optional<BugClass> expected, Map<BugClass, List<String>> considered) {

    CalibrationCase {
        Map<BugClass, List<String>> copy = new EnumMap<>(BugClass.class);
        considered.forEach((bugClass, rules) -> copy.put(bugClass, List.copyOf(rules)));
        considered = java.util.Collections.unmodifiableMap(copy);
    }
}
