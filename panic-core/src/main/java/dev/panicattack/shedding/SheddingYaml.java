package dev.panicattack.shedding;

import dev.panicattack.constraint.DurationText;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.composer.Composer;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;
import org.snakeyaml.engine.v2.parser.ParserImpl;
import org.snakeyaml.engine.v2.scanner.StreamReader;
import org.snakeyaml.engine.v2.schema.CoreSchema;

/**
 * Reads a shedding plan's declarations from YAML into a {@link SheddingPlan.Builder}, to which code
 * then binds the probes. Errors name the file, line, column (1-based) and key. Schema:
 * <pre>
 * name: media-service        # optional, shown in messages
 * sampling: 50ms             # optional, default 50ms
 * recovery: 5s               # optional, default 5s
 * components:                # required, at least one
 *   - name: database
 *     priority: 1            # 1 = never shed; higher numbers shed first
 *     latencyBudget: 50ms    # optional, priority 1 only
 *   - { name: cache, priority: 3 }
 * </pre>
 * Stateless; no object construction from tags, no aliases, at most {@link #MAX_CHARACTERS} characters.
 */
public final class SheddingYaml {

    /** A shedding plan is a few lines; anything near this size is not one. */
    public static final int MAX_CHARACTERS = 64 * 1024;

    private static final List<String> TOP_LEVEL_KEYS = List.of("name", "sampling", "recovery", "components");
    private static final List<String> COMPONENT_KEYS = List.of("name", "priority", "latencyBudget");

    private final String source;

    private SheddingYaml(String source) {
        this.source = source;
    }

    /** Reads UTF-8 YAML from {@code in} (not closed); {@code source} names it in errors. */
    public static SheddingPlan.Builder read(String source, InputStream in) {
        byte[] bytes;
        try {
            bytes = in.readNBytes(MAX_CHARACTERS * 4 + 1);
        } catch (IOException e) {
            throw new SheddingDeclarationException(source, 0, 0, "could not be read: " + e, e);
        }
        return read(source, new String(bytes, StandardCharsets.UTF_8));
    }

    /** Reads the YAML {@code text}; {@code source} (a file name) names it in errors. */
    public static SheddingPlan.Builder read(String source, String text) {
        if (text.length() > MAX_CHARACTERS) {
            throw new SheddingDeclarationException(source, 0, 0, "longer than " + MAX_CHARACTERS
                    + " characters; a shedding plan is a few lines, so check that this is the right file", null);
        }
        LoadSettings settings = LoadSettings.builder().setLabel(source).setSchema(new CoreSchema())
                .setAllowDuplicateKeys(false).setAllowRecursiveKeys(false).setAllowNonScalarKeys(false)
                .setMaxAliasesForCollections(0).setCodePointLimit(MAX_CHARACTERS).setUseMarks(true).build();
        SheddingYaml reader = new SheddingYaml(source);
        try {
            Iterator<Node> documents = new Composer(settings, new ParserImpl(settings, new StreamReader(settings, text)));
            if (!documents.hasNext()) {
                throw new SheddingDeclarationException(source, 1, 1, "the file is empty; declare at least"
                        + " 'components:' with one component", null);
            }
            Node root = documents.next();
            if (documents.hasNext()) {
                throw reader.error(documents.next(), "", "found a second YAML document; a shedding plan file holds one");
            }
            return reader.plan(root);
        } catch (MarkedYamlEngineException e) {
            Optional<Mark> mark = e.getProblemMark().isPresent() ? e.getProblemMark() : e.getContextMark();
            int line = mark.map(m -> m.getLine() + 1).orElse(0);
            int column = mark.map(m -> m.getColumn() + 1).orElse(0);
            throw new SheddingDeclarationException(source, line, column, "invalid YAML: " + e.getProblem(), e);
        } catch (YamlEngineException e) {
            throw new SheddingDeclarationException(source, 1, 1, "invalid YAML: " + e.getMessage(), e);
        }
    }

    private SheddingPlan.Builder plan(Node root) {
        MappingNode mapping = mapping(root, "", "name, sampling, recovery, components");
        Map<String, NodeTuple> entries = entries(mapping, "", TOP_LEVEL_KEYS);
        SheddingPlan.Builder builder = new SheddingPlan.Builder(
                entries.containsKey("name") ? text(entries.get("name").getValueNode(), "name") : source);
        if (entries.containsKey("sampling")) {
            Node node = entries.get("sampling").getValueNode();
            builder.sampling(duration(node, "sampling"), origin(node));
        }
        if (entries.containsKey("recovery")) {
            Node node = entries.get("recovery").getValueNode();
            builder.recovery(duration(node, "recovery"), origin(node));
        }
        NodeTuple components = entries.get("components");
        if (components == null) {
            throw error(root, "components", "missing; declare the components, for example"
                    + " 'components: [{ name: cache, priority: 3 }]'");
        }
        Node list = components.getValueNode();
        if (!(list instanceof SequenceNode) || ((SequenceNode) list).getValue().isEmpty()) {
            throw error(list, "components", "expected a non-empty list of components such as"
                    + " '- { name: cache, priority: 3 }', but was " + describe(list));
        }
        List<Node> items = ((SequenceNode) list).getValue();
        for (int i = 0; i < items.size(); i++) {
            component(builder, items.get(i), "components[" + i + "]");
        }
        return builder;
    }

    private void component(SheddingPlan.Builder builder, Node node, String path) {
        MappingNode mapping = mapping(node, path, "name, priority, latencyBudget");
        Map<String, NodeTuple> entries = entries(mapping, path, COMPONENT_KEYS);
        for (String required : List.of("name", "priority")) {
            if (!entries.containsKey(required)) {
                throw error(mapping, path, "missing key '" + required + "'; a component needs a name and a"
                        + " priority, for example '{ name: cache, priority: 3 }'");
            }
        }
        String name = text(entries.get("name").getValueNode(), path + ".name");
        Node priorityNode = entries.get("priority").getValueNode();
        int priority = priority(priorityNode, path + ".priority");
        Optional<Duration> budget = Optional.ofNullable(entries.get("latencyBudget"))
                .map(entry -> duration(entry.getValueNode(), path + ".latencyBudget"));
        builder.declare(name, priority, budget, origin(mapping), path);
    }

    private int priority(Node node, String path) {
        ScalarNode scalar = scalar(node, path, "a whole number from 1");
        if (!scalar.getTag().equals(Tag.INT) || !scalar.getValue().matches("[0-9]{1,9}")) {
            throw error(node, path, "expected a whole number from 1 (never shed) upwards, but was " + describe(node));
        }
        int priority = Integer.parseInt(scalar.getValue());
        if (priority < 1) {
            throw error(node, path, "must be at least 1 (1 is never shed, higher numbers shed first), but was " + priority);
        }
        return priority;
    }

    private Duration duration(Node node, String path) {
        ScalarNode scalar = scalar(node, path, "a duration such as 50ms, 2s or 1m");
        Duration duration;
        try {
            duration = DurationText.parse(scalar.getValue(), true);
        } catch (IllegalArgumentException e) {
            throw error(node, path, e.getMessage() + "; add a unit: ns, us, ms, s, m or h");
        }
        if (duration.isNegative() || duration.isZero()) {
            throw error(node, path, "must be longer than zero, but was " + scalar.getValue());
        }
        return duration;
    }

    private String text(Node node, String path) {
        ScalarNode scalar = scalar(node, path, "text");
        if (scalar.getValue().isBlank()) {
            throw error(node, path, "must not be blank");
        }
        return scalar.getValue();
    }

    private ScalarNode scalar(Node node, String path, String expected) {
        if (!(node instanceof ScalarNode) || node.getTag().equals(Tag.NULL)) {
            throw error(node, path, "expected " + expected + ", but was " + describe(node));
        }
        return (ScalarNode) node;
    }

    private MappingNode mapping(Node node, String path, String keys) {
        if (!(node instanceof MappingNode)) {
            throw error(node, path, "expected a mapping with keys " + keys + ", but was " + describe(node));
        }
        return (MappingNode) node;
    }

    private Map<String, NodeTuple> entries(MappingNode mapping, String path, List<String> validKeys) {
        Map<String, NodeTuple> entries = new LinkedHashMap<>();
        for (NodeTuple tuple : mapping.getValue()) {
            Node keyNode = tuple.getKeyNode();
            String key = keyNode instanceof ScalarNode ? ((ScalarNode) keyNode).getValue() : "";
            String keyPath = path.isEmpty() ? key : path + "." + key;
            if (!validKeys.contains(key)) {
                throw error(keyNode, keyPath, "unknown key '" + key + "' (valid keys: " + String.join(", ", validKeys) + ")");
            }
            entries.put(key, tuple);
        }
        return entries;
    }

    private static String describe(Node node) {
        if (node instanceof MappingNode) {
            return "a mapping";
        }
        if (node instanceof SequenceNode) {
            return ((SequenceNode) node).getValue().isEmpty() ? "an empty list" : "a list";
        }
        ScalarNode scalar = (ScalarNode) node;
        return scalar.getTag().equals(Tag.NULL) ? "empty" : "'" + scalar.getValue() + "'";
    }

    private Origin origin(Node node) {
        return node.getStartMark().map(mark -> new Origin(source, mark.getLine() + 1, mark.getColumn() + 1))
                .orElse(new Origin(source, 0, 0));
    }

    private SheddingDeclarationException error(Node node, String key, String problem) {
        return origin(node).error(key.isEmpty() ? problem : key + ": " + problem);
    }
}
