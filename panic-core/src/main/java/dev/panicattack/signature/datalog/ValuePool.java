package dev.panicattack.signature.datalog;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Interns values to dense int ids so tuples are compact int rows that compare by id. Long 1 and
 * Double 1.0 get different ids: atoms match values exactly; only comparisons are numeric.
 */
final class ValuePool {

    private final Map<Object, Integer> ids = new HashMap<>();
    private final List<Object> values = new ArrayList<>();

    int intern(Object value) {
        Integer id = ids.get(value);
        if (id == null) {
            id = values.size();
            ids.put(value, id);
            values.add(value);
        }
        return id;
    }

    /** The id of {@code value}, or -1 when it was never interned (so no fact can hold it). */
    int idOf(Object value) {
        Integer id = ids.get(value);
        return id == null ? -1 : id;
    }

    Object value(int id) {
        return values.get(id);
    }
}
