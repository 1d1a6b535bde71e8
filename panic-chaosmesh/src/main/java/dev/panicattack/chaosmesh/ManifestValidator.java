package dev.panicattack.chaosmesh;

import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Checks a manifest offline, as a cluster would before admitting it: first against the JSON schema of
 * its kind ({@code chaos-mesh.schema.json}, typed as Chaos Mesh's CRDs, unknown fields refused),
 * or the schemas of the cluster's own CRDs ({@link #fromCustomResourceDefinitions}),
 * then against the admission rules the schema does not carry (Chaos Mesh's validating webhook and
 * the API server's name rules): Go duration syntax, percent ranges held in text, label syntax,
 * mode values, the fields each action needs, and the Workflow template rules. Immutable, thread-safe.
 */
public final class ManifestValidator {

    /** The kinds this validator knows. */
    public static final List<String> KINDS =
            List.of("StressChaos", "NetworkChaos", "IOChaos", "TimeChaos", "JVMChaos", "Workflow");

    private static final String SCHEMA_RESOURCE = "/dev/panicattack/chaosmesh/chaos-mesh.schema.json";
    private static final Pattern MEMORY_SIZE = Pattern.compile("[0-9]+(B|KB|KiB|MB|MiB|GB|GiB|TB|TiB)|[0-9]{1,3}%");
    private static final Pattern RATE = Pattern.compile("[0-9]+(bps|kbps|mbps|gbps|tbps)");
    private static final Pattern PERCENT_TEXT = Pattern.compile("[0-9]+(\\.[0-9]+)?");
    private static final Map<String, String> EMBEDDED_FIELD = Map.of("StressChaos", "stressChaos",
            "NetworkChaos", "networkChaos", "IOChaos", "ioChaos", "TimeChaos", "timeChaos", "JVMChaos", "jvmChaos");

    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    private final Map<String, Schema> schemas;
    /** Where the schemas came from, as a violation names it: empty for the shipped ones. */
    private final String source;

    private ManifestValidator(Map<String, Schema> schemas, String source) {
        this.schemas = schemas;
        this.source = source;
    }

    /** A validator with the schemas shipped in this module. */
    public static ManifestValidator create() {
        JsonNode defs = shippedDefinitions();
        Map<String, ObjectNode> roots = new LinkedHashMap<>();
        for (String kind : KINDS) {
            ObjectNode schema = MAPPER.createObjectNode();
            schema.put("$schema", "https://json-schema.org/draft/2020-12/schema");
            schema.set("$defs", defs);
            schema.put("type", "object");
            schema.put("additionalProperties", false);
            schema.putArray("required").add("apiVersion").add("kind").add("metadata").add("spec");
            ObjectNode properties = schema.putObject("properties");
            properties.putObject("apiVersion").put("const", "chaos-mesh.org/v1alpha1");
            properties.putObject("kind").put("const", kind);
            properties.putObject("metadata").put("$ref", "#/$defs/metadata");
            properties.putObject("spec").put("$ref", "#/$defs/" + kind + "Spec");
            roots.put(kind, schema);
        }
        return new ManifestValidator(compile(roots), "");
    }

    /**
     * A validator with the schemas of a cluster's own CRDs ({@code kubectl get crd -o yaml > crds.yaml}),
     * for the Chaos Mesh release the cluster runs; the admission rules are the same as
     * {@link #create()}'s. A manifest of a kind the files do not define is rejected, naming the kind.
     *
     * @throws ChaosMeshException naming the file when it cannot be read or defines no Chaos Mesh kind
     */
    public static ManifestValidator fromCustomResourceDefinitions(List<Path> files) {
        if (files.isEmpty()) {
            throw new ChaosMeshException("crds", "no file given; export the cluster's CRDs with"
                    + " kubectl get crd -o yaml > crds.yaml and point at that file");
        }
        Map<String, ObjectNode> roots = CustomResourceSchemas.read(files, shippedDefinitions().get("metadata"));
        return new ManifestValidator(compile(roots), " in the CRDs of " + files);
    }

    private static JsonNode shippedDefinitions() {
        try (InputStream in = ManifestValidator.class.getResourceAsStream(SCHEMA_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(SCHEMA_RESOURCE + " is missing from panic-chaosmesh; rebuild the jar");
            }
            return MAPPER.readTree(in).get("$defs");
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + SCHEMA_RESOURCE, e);
        }
    }

    private static Map<String, Schema> compile(Map<String, ObjectNode> roots) {
        SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);
        Map<String, Schema> schemas = new LinkedHashMap<>();
        roots.forEach((kind, root) -> schemas.put(kind, registry.getSchema(MAPPER.writeValueAsString(root), InputFormat.JSON)));
        return Map.copyOf(schemas);
    }

    /** Every reason {@code manifest} would be rejected; empty when it would be admitted. */
    public List<ManifestViolation> validate(JsonNode manifest) {
        List<ManifestViolation> violations = new ArrayList<>();
        if (!manifest.isObject()) {
            violations.add(new ManifestViolation("(document)", "expected a mapping with apiVersion, kind, metadata"
                    + " and spec, but was " + manifest.getNodeType()));
            return violations;
        }
        String kind = manifest.path("kind").asString("");
        Schema schema = schemas.get(kind);
        if (schema == null) {
            violations.add(new ManifestViolation("kind", "expected one of "
                    + String.join(", ", KINDS.stream().filter(schemas::containsKey).toList())
                    + source + ", but was '" + kind + "'"));
            return violations;
        }
        for (Error error : schema.validate(manifest)) {
            violations.add(schemaViolation(error));
        }
        if (!violations.isEmpty()) {
            // The admission rules below read typed fields; they run on schema-valid manifests only.
            return violations;
        }
        Admission admission = new Admission(violations);
        admission.metadata(manifest.get("metadata"));
        if (kind.equals("Workflow")) {
            admission.workflow(manifest.get("spec"));
        } else {
            admission.fault("spec", kind, manifest.get("spec"), false);
        }
        return violations;
    }

    private static ManifestViolation schemaViolation(Error error) {
        StringBuilder field = new StringBuilder();
        for (String segment : error.getInstanceLocation().toString().split("/")) {
            if (segment.isEmpty() || segment.equals("$")) {
                continue;
            }
            if (segment.chars().allMatch(Character::isDigit)) {
                field.append('[').append(segment).append(']');
            } else {
                field.append(field.length() == 0 ? "" : ".").append(segment.replace("~1", "/").replace("~0", "~"));
            }
        }
        if (error.getProperty() != null && !field.toString().endsWith(error.getProperty())) {
            field.append(field.length() == 0 ? "" : ".").append(error.getProperty());
        }
        String message = error.getMessage();
        int colon = message.indexOf(": ");
        String problem = (message.startsWith("$") || message.startsWith("/")) && colon > 0
                ? message.substring(colon + 2) : message;
        return new ManifestViolation(field.length() == 0 ? "(document)" : field.toString(), problem);
    }

    /** The admission rules of one manifest, collecting into {@code violations}. */
    private static final class Admission {

        private final List<ManifestViolation> violations;

        Admission(List<ManifestViolation> violations) {
            this.violations = violations;
        }

        void metadata(JsonNode metadata) {
            String name = metadata.get("name").asString();
            if (!LabelSyntax.isSubdomain(name)) {
                add("metadata.name", "'" + name + "' must be a lower-case DNS subdomain (letters, digits, '-', '.')");
            }
            String namespace = metadata.get("namespace").asString();
            if (!LabelSyntax.isLabel(namespace)) {
                add("metadata.namespace", "'" + namespace + "' must be a DNS label: at most 63 lower-case letters,"
                        + " digits and '-'");
            }
            JsonNode annotations = metadata.path("annotations");
            for (String key : annotations.propertyNames()) {
                LabelSyntax.keyProblem(key).ifPresent(problem -> add("metadata.annotations", problem));
            }
        }

        void fault(String path, String kind, JsonNode spec, boolean embedded) {
            selector(path, spec);
            if (spec.has("duration") && !spec.get("duration").isNull()) {
                if (embedded) {
                    add(path + ".duration", "must not be set in a Workflow template; the webhook requires the"
                            + " template's deadline instead");
                } else {
                    positiveDuration(path + ".duration", spec.get("duration").asString());
                }
            }
            switch (kind) {
                case "StressChaos" -> stress(path, spec);
                case "NetworkChaos" -> network(path, spec);
                case "IOChaos" -> io(path, spec);
                case "TimeChaos" -> duration(path + ".timeOffset", spec.get("timeOffset").asString());
                default -> jvm(path, spec);
            }
        }

        private void selector(String path, JsonNode spec) {
            String mode = spec.get("mode").asString();
            JsonNode value = spec.path("value");
            boolean needsValue = PodMode.parse(mode).needsValue();
            if (needsValue && value.isMissingNode()) {
                add(path + ".value", "mode " + mode + " needs a value");
            } else if (needsValue) {
                try {
                    int number = Integer.parseInt(value.asString());
                    if (mode.equals("fixed") ? number <= 0 : number <= 0 || number > 100) {
                        add(path + ".value", "'" + value.asString() + "' is out of range for mode " + mode
                                + (mode.equals("fixed") ? "; it must be at least 1" : "; it must be in (0, 100]"));
                    }
                } catch (NumberFormatException e) {
                    add(path + ".value", "mode " + mode + " needs a whole number, but was '" + value.asString() + "'");
                }
            }
            JsonNode selector = spec.get("selector");
            JsonNode labels = selector.path("labelSelectors");
            if (labels.isMissingNode() || labels.isEmpty()) {
                add(path + ".selector.labelSelectors", "no label given, so every pod would be faulted; select pods"
                        + " with at least one label");
            }
            for (Map.Entry<String, JsonNode> label : labels.properties()) {
                LabelSyntax.keyProblem(label.getKey()).ifPresent(problem ->
                        add(path + ".selector.labelSelectors", problem));
                LabelSyntax.valueProblem(label.getValue().asString()).ifPresent(problem ->
                        add(path + ".selector.labelSelectors." + label.getKey(), problem));
            }
            for (JsonNode namespace : selector.path("namespaces").values()) {
                if (!LabelSyntax.isLabel(namespace.asString())) {
                    add(path + ".selector.namespaces", "'" + namespace.asString() + "' is not a valid namespace");
                }
            }
        }

        private void stress(String path, JsonNode spec) {
            JsonNode stressors = spec.path("stressors");
            if (!stressors.has("cpu") && !stressors.has("memory")) {
                add(path + ".stressors", "at least one of cpu and memory is required");
                return;
            }
            JsonNode memory = stressors.path("memory");
            if (memory.has("size") && !MEMORY_SIZE.matcher(memory.get("size").asString()).matches()) {
                add(path + ".stressors.memory.size", "expected a size such as 512MiB or a percent such as 50%, but was '"
                        + memory.get("size").asString() + "'");
            }
            if (memory.has("time")) {
                positiveDuration(path + ".stressors.memory.time", memory.get("time").asString());
            }
        }

        private void network(String path, JsonNode spec) {
            String action = spec.get("action").asString();
            boolean delay = spec.has("delay");
            boolean loss = spec.has("loss");
            switch (action) {
                case "delay" -> require(path, spec, "delay", action);
                case "loss" -> require(path, spec, "loss", action);
                case "bandwidth" -> require(path, spec, "bandwidth", action);
                case "netem" -> {
                    if (!delay && !loss) {
                        add(path + ".delay", "action netem needs at least one of delay and loss");
                    }
                }
                default -> {
                }
            }
            if (delay) {
                duration(path + ".delay.latency", spec.get("delay").get("latency").asString());
                if (spec.get("delay").has("jitter")) {
                    duration(path + ".delay.jitter", spec.get("delay").get("jitter").asString());
                }
            }
            if (loss) {
                percentText(path + ".loss.loss", spec.get("loss").get("loss").asString());
            }
            if (spec.has("bandwidth") && !RATE.matcher(spec.get("bandwidth").get("rate").asString()).matches()) {
                add(path + ".bandwidth.rate", "expected a rate such as 1mbps (bps, kbps, mbps, gbps, tbps: bytes per"
                        + " second), but was '" + spec.get("bandwidth").get("rate").asString() + "'");
            }
        }

        private void io(String path, JsonNode spec) {
            String action = spec.get("action").asString();
            if (!spec.get("volumePath").asString().startsWith("/")) {
                add(path + ".volumePath", "must be an absolute path, but was '" + spec.get("volumePath").asString() + "'");
            }
            if (action.equals("latency")) {
                require(path, spec, "delay", action);
                if (spec.has("delay")) {
                    positiveDuration(path + ".delay", spec.get("delay").asString());
                }
            }
            if (action.equals("fault")) {
                require(path, spec, "errno", action);
            }
        }

        private void jvm(String path, JsonNode spec) {
            if (spec.get("action").asString().equals("stress") && spec.has("cpuCount") == spec.has("memType")) {
                add(path + ".cpuCount", "action stress needs exactly one of cpuCount and memType");
            }
        }

        void workflow(JsonNode spec) {
            String entry = spec.get("entry").asString();
            List<JsonNode> templates = new ArrayList<>(spec.get("templates").values());
            if (templates.isEmpty()) {
                add("spec.templates", "must not be empty");
                return;
            }
            Set<String> names = new HashSet<>();
            for (JsonNode template : templates) {
                String name = template.get("name").asString();
                if (!names.add(name)) {
                    add("spec.templates", "template name '" + name + "' is used twice; names must be unique");
                }
            }
            if (!names.contains(entry)) {
                add("spec.entry", "no template is named '" + entry + "'");
            }
            for (int i = 0; i < templates.size(); i++) {
                template("spec.templates[" + i + "]", templates.get(i), names);
            }
        }

        private void template(String path, JsonNode template, Set<String> names) {
            String name = template.get("name").asString();
            if (!LabelSyntax.isSubdomain(name)) {
                add(path + ".name", "'" + name + "' must be a lower-case DNS subdomain");
            }
            String type = template.get("templateType").asString();
            if (template.has("deadline")) {
                positiveDuration(path + ".deadline", template.get("deadline").asString());
            }
            List<String> embedded = new ArrayList<>();
            EMBEDDED_FIELD.values().forEach(field -> {
                if (template.has(field)) {
                    embedded.add(field);
                }
            });
            switch (type) {
                case "Serial", "Parallel" -> {
                    for (JsonNode child : template.path("children").values()) {
                        if (!names.contains(child.asString())) {
                            add(path + ".children", "no template is named '" + child.asString() + "'");
                        }
                    }
                    noChaos(path, embedded);
                }
                case "Suspend" -> {
                    if (!template.has("deadline")) {
                        add(path + ".deadline", "a Suspend template needs a deadline");
                    }
                    noChaos(path, embedded);
                    noChildren(path, template);
                }
                case "Task", "Schedule" -> add(path + ".templateType", type + " templates are not written or read here");
                default -> {
                    String field = EMBEDDED_FIELD.get(type);
                    noChildren(path, template);
                    if (!template.has(field)) {
                        add(path + "." + field, "a " + type + " template needs its spec under '" + field + "'");
                    }
                    embedded.stream().filter(other -> !other.equals(field)).forEach(other ->
                            add(path + "." + other, "a " + type + " template must not hold '" + other + "'"));
                    if (template.has(field)) {
                        fault(path + "." + field, type, template.get(field), true);
                    }
                }
            }
        }

        private void noChaos(String path, List<String> embedded) {
            embedded.forEach(field -> add(path + "." + field, "this template type must not hold a chaos spec"));
        }

        private void noChildren(String path, JsonNode template) {
            if (template.has("children")) {
                add(path + ".children", "this template type must not have children");
            }
        }

        private void require(String path, JsonNode spec, String field, String action) {
            if (!spec.has(field)) {
                add(path + "." + field, "action " + action + " needs '" + field + "'");
            }
        }

        private void duration(String field, String text) {
            if (!GoDuration.isValid(text)) {
                add(field, "expected a Go duration such as 50ms, 2s or 1m30s, but was '" + text + "'");
            }
        }

        private void positiveDuration(String field, String text) {
            if (!GoDuration.isValid(text)) {
                add(field, "expected a Go duration such as 50ms, 2s or 1m30s, but was '" + text + "'");
            } else if (text.startsWith("-") || GoDuration.parse(field, text).isZero()) {
                add(field, "must be positive, but was '" + text + "'");
            }
        }

        private void percentText(String field, String text) {
            if (!PERCENT_TEXT.matcher(text).matches() || Double.parseDouble(text) > 100) {
                add(field, "expected a percent from 0 to 100 written as text, such as \"1\" or \"0.5\", but was '"
                        + text + "'");
            }
        }

        private void add(String field, String problem) {
            violations.add(new ManifestViolation(field, problem));
        }
    }
}
