package dev.panicattack.chaosmesh;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The schemas of a cluster's own Chaos Mesh CRDs ({@code kubectl get crd -o yaml}), as JSON schemas
 * the validator can run. A CRD's {@code openAPIV3Schema} is the OpenAPI dialect of JSON schema with
 * Kubernetes extensions; the conversion keeps what the API server enforces:
 * <ul>
 *   <li>an object with declared properties admits no other field, unless it is marked
 *       {@code x-kubernetes-preserve-unknown-fields} (the API server's strict field validation,
 *       which {@code kubectl apply} asks for by default);</li>
 *   <li>{@code x-kubernetes-int-or-string} admits an integer or a string; {@code nullable} admits null;</li>
 *   <li>{@code metadata} is checked as the API server checks object metadata (name and namespace
 *       required), which a CRD does not describe.</li>
 * </ul>
 */
final class CustomResourceSchemas {

    private static final String GROUP = "chaos-mesh.org";
    private static final String VERSION = "v1alpha1";
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private CustomResourceSchemas() {
    }

    /**
     * The schema of each Chaos Mesh kind the files define, by kind.
     *
     * @throws ChaosMeshException naming the file when it cannot be read, is not YAML, or defines no
     *                            Chaos Mesh kind at {@value #VERSION}
     */
    static Map<String, ObjectNode> read(List<Path> files, JsonNode metadataSchema) {
        ManifestYaml yaml = new ManifestYaml();
        Map<String, ObjectNode> schemas = new LinkedHashMap<>();
        for (Path file : files) {
            String text;
            try {
                text = Files.readString(file, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new ChaosMeshException("crds", "cannot read " + file + " (" + e
                        + "); export the cluster's CRDs with kubectl get crd -o yaml > crds.yaml and point at that file");
            }
            int found = 0;
            for (JsonNode document : documentsOf(yaml, file, text)) {
                for (JsonNode definition : definitions(document)) {
                    String kind = definition.path("spec").path("names").path("kind").asString("");
                    if (!definition.path("spec").path("group").asString("").equals(GROUP)
                            || !ManifestValidator.KINDS.contains(kind)) {
                        continue;
                    }
                    JsonNode schema = versionSchema(definition);
                    if (schema.isMissingNode()) {
                        throw new ChaosMeshException("crds", file + " defines " + kind + " without an openAPIV3Schema"
                                + " for " + VERSION + "; export the CRDs of a Chaos Mesh release that serves " + VERSION);
                    }
                    schemas.put(kind, root(kind, schema, metadataSchema));
                    found++;
                }
            }
            if (found == 0) {
                throw new ChaosMeshException("crds", file + " defines none of the Chaos Mesh kinds "
                        + String.join(", ", ManifestValidator.KINDS) + "; point at the output of kubectl get crd -o yaml"
                        + " for the " + GROUP + " CRDs");
            }
        }
        return schemas;
    }

    private static List<JsonNode> documentsOf(ManifestYaml yaml, Path file, String text) {
        try {
            return yaml.documents(text);
        } catch (ChaosMeshException e) {
            throw new ChaosMeshException("crds", file + ": " + e.getMessage());
        }
    }

    /** A CRD, or each item of a {@code List} as kubectl prints several. */
    private static List<JsonNode> definitions(JsonNode document) {
        if (document.path("kind").asString("").equals("List")) {
            return List.copyOf(document.path("items").valueStream().toList());
        }
        return document.path("kind").asString("").equals("CustomResourceDefinition") ? List.of(document) : List.of();
    }

    private static JsonNode versionSchema(JsonNode definition) {
        for (JsonNode version : definition.path("spec").path("versions")) {
            if (version.path("name").asString("").equals(VERSION)) {
                return version.path("schema").path("openAPIV3Schema");
            }
        }
        return definition.path("spec").path("validation").path("openAPIV3Schema");
    }

    private static ObjectNode root(String kind, JsonNode openApi, JsonNode metadataSchema) {
        ObjectNode schema = convert(openApi);
        schema.put("$schema", "https://json-schema.org/draft/2020-12/schema");
        ObjectNode properties = schema.has("properties") ? (ObjectNode) schema.get("properties") : schema.putObject("properties");
        properties.putObject("apiVersion").put("const", GROUP + "/" + VERSION);
        properties.putObject("kind").put("const", kind);
        properties.set("metadata", metadataSchema.deepCopy());
        // The export and import read spec; an object without one is not a fault to run.
        ArrayNode required = schema.putArray("required");
        List.of("apiVersion", "kind", "metadata", "spec").forEach(required::add);
        schema.put("additionalProperties", false);
        return schema;
    }

    /** The JSON schema equivalent of one OpenAPI schema node, recursively. */
    static ObjectNode convert(JsonNode openApi) {
        ObjectNode schema = NODES.objectNode();
        boolean preserveUnknown = openApi.path("x-kubernetes-preserve-unknown-fields").asBoolean(false);
        for (Map.Entry<String, JsonNode> field : openApi.properties()) {
            String name = field.getKey();
            JsonNode value = field.getValue();
            switch (name) {
                case "properties" -> {
                    ObjectNode properties = schema.putObject("properties");
                    value.properties().forEach(property -> properties.set(property.getKey(), convert(property.getValue())));
                }
                case "items", "not" -> schema.set(name, value.isObject() ? convert(value) : value.deepCopy());
                case "additionalProperties" -> schema.set(name, value.isObject() ? convert(value) : value.deepCopy());
                case "allOf", "anyOf", "oneOf" -> {
                    ArrayNode alternatives = schema.putArray(name);
                    value.forEach(alternative -> alternatives.add(convert(alternative)));
                }
                case "nullable", "x-kubernetes-int-or-string", "x-kubernetes-preserve-unknown-fields" -> {
                    // rendered below
                }
                default -> {
                    if (!name.startsWith("x-kubernetes-")) {
                        schema.set(name, value.deepCopy());
                    }
                }
            }
        }
        if (openApi.path("x-kubernetes-int-or-string").asBoolean(false)) {
            schema.set("type", NODES.arrayNode().add("integer").add("string"));
        }
        if (openApi.path("nullable").asBoolean(false) && schema.has("type")) {
            JsonNode type = schema.get("type");
            ArrayNode types = type.isArray() ? (ArrayNode) type : NODES.arrayNode().add(type.asString());
            schema.set("type", types.add("null"));
        }
        if (schema.has("properties") && !schema.has("additionalProperties") && !preserveUnknown) {
            schema.put("additionalProperties", false);
        }
        return schema;
    }
}
