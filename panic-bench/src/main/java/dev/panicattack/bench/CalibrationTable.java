package dev.panicattack.bench;

import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.panicattack.signature.Calibration;
import dev.panicattack.signature.RuleOutcomes;

/**
 * Counts each concluding rule's outcomes over calibration cases: every class a rule supported in a
 * case is one outcome of that rule, correct when it is the class expected (a rule that fires twice for
 * one class in one case counts once).
 */
final class CalibrationTable {

    private CalibrationTable() {
    }

    static Map<String, RuleOutcomes> outcomes(List<CalibrationCase> cases) {
        Map<String, RuleOutcomes> outcomes = new HashMap<>();
        for (CalibrationCase each : cases) {
            add(outcomes, each);
        }
        return outcomes;
    }

    /** The calibration from every case but {@code heldOut}. */
    static Calibration without(Map<String, RuleOutcomes> all, CalibrationCase heldOut) {
        Map<String, RuleOutcomes> rest = new HashMap<>(all);
        Map<String, RuleOutcomes> own = new HashMap<>();
        add(own, heldOut);
        own.forEach((rule, seen) -> {
            RuleOutcomes left = rest.get(rule).minus(seen);
            if (left.total() == 0) {
                rest.remove(rule);
            } else {
                rest.put(rule, left);
            }
        });
        return Calibration.of(rest);
    }

    private static void add(Map<String, RuleOutcomes> outcomes, CalibrationCase each) {
        each.considered().forEach((bugClass, rules) -> {
            Set<String> distinct = new LinkedHashSet<>(rules);
            boolean correct = each.expected().filter(bugClass::equals).isPresent();
            for (String rule : distinct) {
                outcomes.merge(rule, new RuleOutcomes(0, 0).plus(correct), (known, more) -> known.plus(correct));
            }
        });
    }
}
