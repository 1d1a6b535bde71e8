package dev.panicattack.chaosmesh;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Where exported faults act: the pods labelled {@code labels} in {@code namespace}, of which
 * {@code mode} (with {@code value}) are picked; {@code volumePath} is the mount path, inside the
 * container, of the volume that disk faults act on (needed only when the set has a disk axis).
 */
public record Target(String namespace, Map<String, String> labels, PodMode mode, Optional<String> value,
        Optional<String> volumePath) {

    public Target {
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(volumePath, "volumePath");
        if (!LabelSyntax.isLabel(namespace)) {
            throw new ChaosMeshException("namespace", "'" + namespace + "' is not a valid namespace: use at most 63"
                    + " lower-case letters, digits and '-', starting and ending with a letter or digit");
        }
        labels = Collections.unmodifiableMap(new TreeMap<>(labels));
        if (labels.isEmpty()) {
            throw new ChaosMeshException("selector", "no label given, so every pod of namespace '" + namespace
                    + "' would be faulted; select the pods with at least one label, such as app=orders");
        }
        labels.forEach((key, label) -> {
            LabelSyntax.keyProblem(key).ifPresent(problem -> {
                throw new ChaosMeshException("selector", problem);
            });
            LabelSyntax.valueProblem(label).ifPresent(problem -> {
                throw new ChaosMeshException("selector", problem);
            });
        });
        if (mode.needsValue() && value.isEmpty()) {
            throw new ChaosMeshException("mode", "mode " + mode.text() + " needs a value (a number of pods for fixed,"
                    + " a percent for the percent modes); give it with withMode(mode, value)"
                    + " (Maven: -Dmode=" + mode.text() + " -DmodeValue=...)");
        }
        if (!mode.needsValue() && value.isPresent()) {
            throw new ChaosMeshException("mode", "mode " + mode.text() + " takes no value, but was given '"
                    + value.get() + "'; drop the value or use fixed, fixed-percent or random-max-percent");
        }
        value.ifPresent(text -> checkValue(mode, text));
        volumePath.ifPresent(path -> {
            if (!path.startsWith("/")) {
                throw new ChaosMeshException("volumePath", "must be an absolute mount path inside the container,"
                        + " such as /data, but was '" + path + "'");
            }
        });
    }

    /**
     * All pods of {@code namespace} matching {@code selector}, a comma-separated list of
     * {@code key=value} pairs such as {@code app=orders,tier=web}.
     *
     * @throws ChaosMeshException naming {@code selector} when a pair is malformed or a key repeats
     */
    public static Target of(String namespace, String selector) {
        Map<String, String> labels = new LinkedHashMap<>();
        for (String pair : Objects.requireNonNull(selector, "selector").split(",", -1)) {
            int equals = pair.indexOf('=');
            if (equals < 0 || pair.indexOf('=', equals + 1) >= 0) {
                throw new ChaosMeshException("selector", "expected key=value pairs separated by commas, such as"
                        + " app=orders,tier=web, but found '" + pair.strip() + "' in '" + selector + "'");
            }
            String key = pair.substring(0, equals).strip();
            if (labels.put(key, pair.substring(equals + 1).strip()) != null) {
                throw new ChaosMeshException("selector", "label '" + key + "' is given twice in '" + selector
                        + "'; a pod has one value per label");
            }
        }
        return new Target(namespace, labels, PodMode.ALL, Optional.empty(), Optional.empty());
    }

    /** This target picking pods by {@code mode}, which takes no value ({@code one}, {@code all}). */
    public Target withMode(PodMode mode) {
        return new Target(namespace, labels, mode, Optional.empty(), volumePath);
    }

    /** This target picking pods by {@code mode} with {@code value} (a count or a percent). */
    public Target withMode(PodMode mode, String value) {
        return new Target(namespace, labels, mode, Optional.of(value), volumePath);
    }

    /** This target with disk faults acting on the volume mounted at {@code path} in the container. */
    public Target withVolumePath(String path) {
        return new Target(namespace, labels, mode, value, Optional.of(path));
    }

    /** The selector as written: {@code app=orders,tier=web}. */
    public String selectorText() {
        StringBuilder text = new StringBuilder();
        labels.forEach((key, label) -> text.append(text.length() == 0 ? "" : ",").append(key).append('=').append(label));
        return text.toString();
    }

    private static void checkValue(PodMode mode, String text) {
        int number;
        try {
            number = Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new ChaosMeshException("value", "mode " + mode.text() + " needs a whole number, but was '" + text + "'");
        }
        if (mode == PodMode.FIXED && number <= 0) {
            throw new ChaosMeshException("value", "mode fixed needs at least 1 pod, but was " + number);
        }
        if (mode != PodMode.FIXED && (number <= 0 || number > 100)) {
            throw new ChaosMeshException("value", "mode " + mode.text() + " needs a percent from 1 to 100, but was "
                    + number);
        }
    }
}
