package dev.panicattack.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.panicattack.evidence.Fact;

/**
 * The "Assail findings" of a report, read back from the evidence: each {@code static_finding_detail}
 * fact with the {@code static_axis_chosen} facts of the same finding (see {@code docs/assail.md}).
 */
final class AssailFindings {

    private AssailFindings() {
    }

    /** One finding and what it chose. */
    record Row(String category, String className, String method, long line, String detail, String axes,
            List<String> chosen) {

        Row {
            chosen = List.copyOf(chosen);
        }

        String location() {
            return className + "." + method + ":" + line;
        }
    }

    static List<Row> of(List<Fact> facts) {
        Map<List<Object>, List<String>> chosen = new LinkedHashMap<>();
        List<Fact> details = new ArrayList<>();
        for (Fact fact : facts) {
            if (fact.predicate().equals("static_finding_detail") && fact.arity() == 6) {
                details.add(fact);
            } else if (fact.predicate().equals("static_axis_chosen") && fact.arity() == 6) {
                chosen.computeIfAbsent(fact.values().subList(0, 4), key -> new ArrayList<>())
                        .add(fact.values().get(4) + ": " + fact.values().get(5));
            }
        }
        List<Row> rows = new ArrayList<>();
        for (Fact fact : details) {
            List<Object> v = fact.values();
            rows.add(new Row(String.valueOf(v.get(0)).toUpperCase(java.util.Locale.ROOT), String.valueOf(v.get(1)),
                    String.valueOf(v.get(2)), ((Number) v.get(3)).longValue(), String.valueOf(v.get(4)),
                    String.valueOf(v.get(5)), chosen.getOrDefault(v.subList(0, 4), List.of())));
        }
        return rows;
    }
}
