package dev.panicattack.junit;

import java.lang.annotation.Annotation;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Objects;
import java.util.Optional;

import org.junit.jupiter.api.extension.ExtensionConfigurationException;

import dev.panicattack.constraint.ConstraintViolation;
import dev.panicattack.constraint.Constraints;
import dev.panicattack.constraint.Key;
import dev.panicattack.constraint.Section;
import dev.panicattack.constraint.SectionValues;

/**
 * The constraints one {@link UnderPressure} declares, read by the axis {@link Section}s the YAML
 * reader uses: a section's keys are the members of its nested annotation ({@code network =
 * @Network(latency = "50ms")}), or for {@code cpu} and {@code memory} flat members named as the
 * section (its level) or the section plus the key ({@code memoryLeakRate}). Members at their default
 * declare nothing. A new key is declared by a member named as the key; nothing here changes.
 */
final class InlineConstraints {

    private InlineConstraints() {
    }

    /**
     * @throws ExtensionConfigurationException a value a record refuses or text that is not a value,
     *                                         naming the attribute and {@code where}
     */
    static Constraints of(UnderPressure annotation, String name, String where) {
        Constraints set = Constraints.named(name);
        try {
            for (Section<?> section : Section.all()) {
                set = declared(set, section, annotation, where);
            }
            return set;
        } catch (ConstraintViolation violation) {
            throw new ExtensionConfigurationException(attribute(violation.key()) + " "
                    + violation.problem() + " on " + where, violation);
        }
    }

    private static <R> Constraints declared(Constraints set, Section<R> section, UnderPressure annotation,
            String where) {
        SectionValues values = SectionValues.none();
        Optional<Method> nested = member(UnderPressure.class, section.name())
                .filter(member -> member.getReturnType().isAnnotation());
        if (nested.isPresent()) {
            Annotation members = (Annotation) value(nested.get(), annotation);
            for (Method member : members.annotationType().getDeclaredMethods()) {
                if (section.key(member.getName()).isEmpty()) {
                    throw new IllegalStateException("@" + members.annotationType().getSimpleName() + "("
                            + member.getName() + ") is not a key of section " + section + "; name it as the key");
                }
            }
            for (Key<?> key : section.keys()) {
                Optional<Method> member = member(members.annotationType(), key.name());
                if (member.isPresent()) {
                    values = declared(values, section, key, member.get(), members, where);
                }
            }
        } else {
            for (Key<?> key : section.keys()) {
                Optional<Method> member = member(UnderPressure.class, flatName(section, key));
                if (member.isPresent()) {
                    values = declared(values, section, key, member.get(), annotation, where);
                }
            }
        }
        return values.isEmpty() ? set : section.buildInto(set, values);
    }

    /** {@code cpu} for the level of cpu, {@code memoryLeakRate} for memory's leakRate. */
    private static String flatName(Section<?> section, Key<?> key) {
        return flatName(section.name(), key.name(), section.level().filter(key::equals).isPresent());
    }

    private static String flatName(String section, String key, boolean level) {
        return level || key.isEmpty() ? section : section + Character.toUpperCase(key.charAt(0)) + key.substring(1);
    }

    /**
     * The attribute that holds a constraint-set key, by the naming rule both front doors share:
     * {@code network.latency} is {@code network = @Network(latency)} (a nested annotation named as
     * its section, members named as the keys); {@code cpu.load} is {@code cpu} (a flat section's level
     * is the section) and {@code memory.leakRate} is {@code memoryLeakRate}.
     */
    static String attribute(String key) {
        String[] parts = key.split("\\.");
        String section = parts[0];
        String name = parts.length > 1 ? parts[1] : "";
        Optional<Method> nested = member(UnderPressure.class, section).filter(member -> member.getReturnType().isAnnotation());
        if (nested.isPresent()) {
            return "@UnderPressure(" + section + " = @" + nested.get().getReturnType().getSimpleName()
                    + (name.isEmpty() ? "" : "(" + name + ")") + ")";
        }
        boolean level = Section.all().stream().filter(candidate -> candidate.name().equals(section)).findFirst()
                .flatMap(Section::level).filter(levelKey -> levelKey.name().equals(name)).isPresent();
        return "@UnderPressure(" + flatName(section, name, level) + ")";
    }

    private static <T> SectionValues declared(SectionValues values, Section<?> section, Key<T> key, Method member,
            Annotation holder, String where) {
        Object value = value(member, holder);
        if (Objects.deepEquals(value, member.getDefaultValue())) {
            return values;
        }
        try {
            return values.with(key, key.type().fromJava(value));
        } catch (ConstraintViolation violation) {
            throw violation;
        } catch (IllegalArgumentException e) {
            // Text that is not a duration, size or rate at all: refused with the attribute that holds it.
            throw new ExtensionConfigurationException(attribute(section.name() + "." + key.name())
                    + " " + e.getMessage() + " on " + where, e);
        }
    }

    private static Optional<Method> member(Class<?> annotationType, String name) {
        try {
            return Optional.of(annotationType.getDeclaredMethod(name));
        } catch (NoSuchMethodException e) {
            return Optional.empty();
        }
    }

    private static Object value(Method member, Annotation holder) {
        try {
            return member.invoke(holder);
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException("could not read " + member + " of " + holder, e);
        }
    }
}
