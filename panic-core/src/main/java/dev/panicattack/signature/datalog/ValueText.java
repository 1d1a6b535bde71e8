package dev.panicattack.signature.datalog;

import dev.panicattack.evidence.Fact;
import java.util.List;

/** Writes values and facts the way rule files spell them (strings quoted and escaped). */
final class ValueText {

    private ValueText() {
    }

    static String of(Object value) {
        if (value instanceof String text) {
            return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
        }
        return String.valueOf(value);
    }

    static String of(Fact fact, List<String> argumentNames) {
        StringBuilder text = new StringBuilder(fact.predicate()).append('(');
        List<Object> values = fact.values();
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                text.append(", ");
            }
            if (argumentNames != null && i < argumentNames.size()) {
                text.append(argumentNames.get(i)).append('=');
            }
            text.append(of(values.get(i)));
        }
        return text.append(')').toString();
    }
}
