package dev.panicattack.assail;

import dev.panicattack.constraint.Axis;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * One weakness found by {@link AssailScanner}.
 *
 * @param category what kind of weakness
 * @param className binary class name with dots, e.g. {@code com.example.Cache$Entry}
 * @param method the method's name, e.g. {@code put} or {@code <init>}
 * @param line the source line, or 0 when the class has no line numbers
 * @param detail what exactly was seen
 * @param axes the pressure axes that would attack it (never empty)
 */
public record Finding(Category category, String className, String method, int line, String detail, Set<Axis> axes) {

    public Finding {
        Objects.requireNonNull(category, "category");
        Objects.requireNonNull(className, "className");
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(detail, "detail");
        Objects.requireNonNull(axes, "axes");
        if (line < 0) {
            throw new IllegalArgumentException("Finding line must be >= 0 (0 = unknown), but was " + line
                    + " for " + className + "." + method);
        }
        if (axes.isEmpty()) {
            throw new IllegalArgumentException("Finding axes must not be empty for " + className + "." + method
                    + "; pass category.axes() when in doubt");
        }
        axes = Collections.unmodifiableSet(EnumSet.copyOf(axes));
    }

    /** A finding with the category's own axes. */
    static Finding of(Category category, String className, String method, int line, String detail) {
        return new Finding(category, className, method, line, detail, category.axes());
    }

    /** {@code CATEGORY class.method:line detail [AXIS, ...]}, the command line's format. */
    public String toLine() {
        String axisList = axes.stream().map(Axis::name).collect(Collectors.joining(", "));
        return category + " " + className + "." + method + ":" + line + " " + detail + " [" + axisList + "]";
    }
}
