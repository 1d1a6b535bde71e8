package dev.panicattack.assail;

import dev.panicattack.constraint.Axis;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The immutable result of {@link AssailScanner#scan(java.nio.file.Path)}: findings in class and line order. */
public final class AssailReport {

    private final List<Finding> findings;
    private final int classesScanned;
    private final Map<Category, Integer> counts;
    private final Map<String, String> sourcePaths;

    AssailReport(List<Finding> findings, int classesScanned, Map<String, String> sourcePaths) {
        this.findings = List.copyOf(findings);
        this.classesScanned = classesScanned;
        Map<Category, Integer> byCategory = new EnumMap<>(Category.class);
        for (Category category : Category.values()) {
            byCategory.put(category, 0);
        }
        Map<String, String> paths = new HashMap<>();
        for (Finding finding : this.findings) {
            byCategory.merge(finding.category(), 1, Integer::sum);
            paths.put(finding.className(), sourcePaths.get(finding.className()));
        }
        this.counts = Collections.unmodifiableMap(byCategory);
        this.sourcePaths = Map.copyOf(paths);
    }

    /** Every finding, sorted by class, line, category. */
    public List<Finding> findings() {
        return findings;
    }

    /** The number of findings per category; every category is present, with 0 when none. */
    public Map<Category, Integer> counts() {
        return counts;
    }

    /** The number of findings of one category. */
    public int count(Category category) {
        return counts.get(category);
    }

    /** How many class files were read. */
    public int classesScanned() {
        return classesScanned;
    }

    /** The source file a finding's class most likely comes from, e.g. {@code com/example/Cache.java}. */
    public String sourcePath(Finding finding) {
        String path = sourcePaths.get(finding.className());
        return path != null ? path : finding.className().replace('.', '/') + ".java";
    }

    /** The findings as SARIF 2.1.0 JSON: one rule per category, one result per finding. */
    public String toSarif() {
        StringBuilder json = new StringBuilder(256 + findings.size() * 400);
        json.append("{\n  \"$schema\": \"https://json.schemastore.org/sarif-2.1.0.json\",\n")
                .append("  \"version\": \"2.1.0\",\n  \"runs\": [{\n    \"tool\": {\"driver\": {")
                .append("\"name\": \"panic-attack assail\", \"informationUri\":")
                .append(" \"https://github.com/panic-attack/panic-attack/blob/main/docs/assail.md\", \"rules\": [");
        Category[] categories = Category.values();
        for (int i = 0; i < categories.length; i++) {
            Category category = categories[i];
            json.append(i == 0 ? "\n" : ",\n").append("      {\"id\": ").append(quote(category.name()))
                    .append(", \"shortDescription\": {\"text\": ").append(quote(category.description())).append("}")
                    .append(", \"properties\": {\"axes\": [");
            appendAxes(json, category.axes());
            json.append("]}}");
        }
        json.append("\n    ]}},\n    \"results\": [");
        for (int i = 0; i < findings.size(); i++) {
            Finding finding = findings.get(i);
            json.append(i == 0 ? "\n" : ",\n").append("      {\"ruleId\": ").append(quote(finding.category().name()))
                    .append(", \"ruleIndex\": ").append(finding.category().ordinal())
                    .append(", \"level\": \"warning\", \"message\": {\"text\": ")
                    .append(quote(finding.className() + "." + finding.method() + ": " + finding.detail()))
                    .append("}, \"locations\": [{\"physicalLocation\": {\"artifactLocation\": {\"uri\": ")
                    .append(quote(sourcePath(finding))).append("}");
            if (finding.line() > 0) {
                json.append(", \"region\": {\"startLine\": ").append(finding.line()).append("}");
            }
            json.append("}, \"logicalLocations\": [{\"fullyQualifiedName\": ")
                    .append(quote(finding.className() + "." + finding.method())).append(", \"kind\": \"function\"}]}]")
                    .append(", \"properties\": {\"axes\": [");
            appendAxes(json, finding.axes());
            json.append("]}}");
        }
        json.append(findings.isEmpty() ? "]\n  }]\n}\n" : "\n    ]\n  }]\n}\n");
        return json.toString();
    }

    private static void appendAxes(StringBuilder json, java.util.Set<Axis> axes) {
        boolean first = true;
        for (Axis axis : Axis.values()) {
            if (axes.contains(axis)) {
                json.append(first ? "" : ", ").append(quote(axis.name()));
                first = false;
            }
        }
    }

    static String quote(String text) {
        StringBuilder quoted = new StringBuilder(text.length() + 2).append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> quoted.append("\\\"");
                case '\\' -> quoted.append("\\\\");
                case '\n' -> quoted.append("\\n");
                case '\r' -> quoted.append("\\r");
                case '\t' -> quoted.append("\\t");
                default -> {
                    if (c < 0x20) {
                        quoted.append(String.format("\\u%04x", (int) c));
                    } else {
                        quoted.append(c);
                    }
                }
            }
        }
        return quoted.append('"').toString();
    }

    @Override
    public String toString() {
        return "AssailReport[classesScanned=" + classesScanned + ", findings=" + findings.size() + ", counts="
                + counts + "]";
    }
}
