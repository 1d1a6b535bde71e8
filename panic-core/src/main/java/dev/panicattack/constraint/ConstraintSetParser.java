package dev.panicattack.constraint;

import dev.panicattack.constraint.ParsedConstraintSet.ParentReference;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.composer.Composer;
import org.snakeyaml.engine.v2.events.AliasEvent;
import org.snakeyaml.engine.v2.events.Event;
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
 * The one place where constraint-set YAML becomes typed values: text to a snakeyaml-engine node tree
 * (kept for its marks), then the tree straight to the constraint records. Stateless.
 *
 * <p>Safe by construction: no object construction from tags, explicit non-standard tags rejected,
 * at most {@link #MAX_ALIASES} aliases, at most {@link #MAX_CHARACTERS} characters, duplicate keys
 * rejected.
 */
final class ConstraintSetParser {

    /** A constraint set is a few lines; anything near this size is not one. */
    static final int MAX_CHARACTERS = 64 * 1024;

    /** Enough to reuse a fragment; far too few for an exponential alias bomb. */
    static final int MAX_ALIASES = 10;

    static final List<String> TOP_LEVEL_KEYS = topLevelKeys();
    private static final List<String> SPIKES_KEYS = List.of("to", "every", "for");
    private static final List<String> RAMP_KEYS = List.of("from", "to", "over");
    private static final List<String> JUMP_KEYS = List.of("at", "by", "every");

    /** ENV_TAG is what the core resolver gives plain {@code ${X}} text; it is read as literal text. */
    private static final Set<Tag> STANDARD_TAGS =
            Set.of(Tag.STR, Tag.INT, Tag.FLOAT, Tag.BOOL, Tag.NULL, Tag.MAP, Tag.SEQ, Tag.ENV_TAG);

    private static final Pattern DECIMAL_INTEGER = Pattern.compile("[-+]?[0-9]+");
    private static final Pattern PERCENT_SIGN = Pattern.compile("\\s*([-+]?[0-9]+(?:\\.[0-9]+)?)\\s*%\\s*");
    private static final Pattern DURATION = Pattern.compile("([-+]?)([0-9]+(?:\\.[0-9]+)?)(ns|us|ms|s|m|h)");

    private static List<String> topLevelKeys() {
        List<String> keys = new ArrayList<>(List.of("name", "description", "extends"));
        Section.all().forEach(section -> keys.add(section.name()));
        return List.copyOf(keys);
    }

    /**
     * Reads at most {@link #MAX_CHARACTERS} characters of strict UTF-8 from {@code in} (not closed)
     * and parses them.
     */
    ParsedConstraintSet parse(String source, String expectedName, InputStream in) {
        return parse(source, expectedName, read(source, in));
    }

    /** Parses one constraint-set document; {@code expectedName} is the file's base name. */
    ParsedConstraintSet parse(String source, String expectedName, String text) {
        if (text.length() > MAX_CHARACTERS) {
            throw tooLarge(source, text);
        }
        String withoutBom = text.startsWith("\uFEFF") ? text.substring(1) : text;
        LoadSettings settings = LoadSettings.builder()
                .setLabel(source)
                .setSchema(new CoreSchema())
                .setAllowDuplicateKeys(false)
                .setAllowRecursiveKeys(false)
                .setAllowNonScalarKeys(false)
                .setMaxAliasesForCollections(MAX_ALIASES)
                .setCodePointLimit(MAX_CHARACTERS)
                .setUseMarks(true)
                .build();
        try {
            rejectAliasBomb(source, settings, withoutBom);
            // Built from the exported parser and composer packages, not the engine's unexported lowlevel API.
            Iterator<Node> documents = new Composer(settings, new ParserImpl(settings, new StreamReader(settings, withoutBom)));
            if (!documents.hasNext()) {
                throw new SourceLocation(source, 1, 1).error("", emptyProblem(expectedName));
            }
            Node root = documents.next();
            if (documents.hasNext()) {
                throw at(source, documents.next(), "",
                        "found a second YAML document; a constraint-set file holds exactly one "
                                + "(remove the '---' line and what follows it)");
            }
            return new Document(source, expectedName).read(root);
        } catch (MarkedYamlEngineException e) {
            Optional<org.snakeyaml.engine.v2.exceptions.Mark> mark =
                    e.getProblemMark().isPresent() ? e.getProblemMark() : e.getContextMark();
            throw SourceLocation.of(source, mark).error("", "invalid YAML: " + e.getProblem(), e);
        } catch (YamlEngineException e) {
            throw new SourceLocation(source, 1, 1).error("", "invalid YAML: " + e.getMessage(), e);
        }
    }

    private static String read(String source, InputStream in) {
        // REPORT, not the default REPLACE: a mangled byte must not silently become part of a key.
        Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT));
        StringBuilder text = new StringBuilder();
        char[] buffer = new char[8192];
        try {
            int n;
            while ((n = reader.read(buffer)) != -1) {
                text.append(buffer, 0, n);
                if (text.length() > MAX_CHARACTERS) {
                    throw tooLarge(source, text);
                }
            }
        } catch (CharacterCodingException e) {
            throw new ConstraintSetException(source, 0, 0, "",
                    "is not valid UTF-8 (" + e + "); save the file as UTF-8", e);
        } catch (IOException e) {
            throw new ConstraintSetException(source, 0, 0, "", "could not be read: " + e, e);
        }
        return text.toString();
    }

    private static ConstraintSetException tooLarge(String source, CharSequence text) {
        int line = 1;
        int column = 1;
        for (int i = 0; i < MAX_CHARACTERS; i++) {
            if (text.charAt(i) == '\n') {
                line++;
                column = 1;
            } else {
                column++;
            }
        }
        return new ConstraintSetException(source, line, column, "",
                "the document is longer than " + MAX_CHARACTERS + " characters, the limit for a constraint set; "
                        + "a set is a few lines of YAML, so check that this is the right file");
    }

    /** Counted on the event stream, before any node is built, so a bomb costs a few events. */
    private static void rejectAliasBomb(String source, LoadSettings settings, String text) {
        int aliases = 0;
        for (Iterator<Event> events = new ParserImpl(settings, new StreamReader(settings, text)); events.hasNext();) {
            Event event = events.next();
            if (event instanceof AliasEvent && ++aliases > MAX_ALIASES) {
                throw SourceLocation.of(source, event.getStartMark()).error("",
                        "more than " + MAX_ALIASES + " aliases (*name); constraint sets need few or none, "
                                + "so write the values out or use extends:");
            }
        }
    }

    private static String emptyProblem(String expectedName) {
        return "the file is empty; a constraint set needs at least 'name: " + expectedName + "'";
    }

    private static ConstraintSetException at(String source, Node node, String key, String problem) {
        return SourceLocation.of(source, node.getStartMark()).error(key, problem);
    }

    /** Walks one document; holds only what every error message needs. */
    private static final class Document {

        private final String source;
        private final String expectedName;

        Document(String source, String expectedName) {
            this.source = source;
            this.expectedName = expectedName;
        }

        ParsedConstraintSet read(Node root) {
            checkTag(root, "");
            if (isNull(root)) {
                throw error(root, "", emptyProblem(expectedName));
            }
            if (!(root instanceof MappingNode)) {
                throw error(root, "", "expected a mapping of keys (" + String.join(", ", TOP_LEVEL_KEYS)
                        + ") at the top level, but was " + describe(root));
            }
            Map<String, NodeTuple> entries = entries((MappingNode) root, "", TOP_LEVEL_KEYS);
            NodeTuple name = entries.get("name");
            if (name == null) {
                throw error(root, "name", "missing; add 'name: " + expectedName + "' (it must match the file name)");
            }
            String declaredName = text(name.getValueNode(), "name");
            if (!declaredName.equals(expectedName)) {
                throw error(name.getValueNode(), "name", "'" + declaredName + "' does not match the file name '"
                        + expectedName + ".yaml'; write 'name: " + expectedName + "' or rename the file");
            }
            Constraints set = Constraints.named(declaredName);
            if (entries.containsKey("description")) {
                set = set.withDescription(text(entries.get("description").getValueNode(), "description"));
            }
            for (Section<?> section : Section.all()) {
                NodeTuple entry = entries.get(section.name());
                if (entry != null) {
                    set = section(set, section, entry.getValueNode());
                }
            }
            NodeTuple extendsEntry = entries.get("extends");
            if (extendsEntry == null) {
                return new ParsedConstraintSet(set, List.of(), Optional.empty());
            }
            return new ParsedConstraintSet(set, parents(extendsEntry.getValueNode()),
                    Optional.of(SourceLocation.of(source, extendsEntry.getKeyNode().getStartMark())));
        }

        private List<ParentReference> parents(Node node) {
            checkTag(node, "extends");
            List<Node> items;
            if (node instanceof SequenceNode) {
                items = ((SequenceNode) node).getValue();
                if (items.isEmpty()) {
                    throw error(node, "extends", "is an empty list; name at least one set or remove the key");
                }
            } else {
                items = List.of(node);
            }
            List<ParentReference> parents = new ArrayList<>();
            for (Node item : items) {
                String parent = text(item, "extends");
                if (!ConstraintSetName.isValid(parent)) {
                    throw error(item, "extends", ConstraintSetName.invalid(parent));
                }
                parents.add(new ParentReference(parent, SourceLocation.of(source, item.getStartMark())));
            }
            return parents;
        }

        /** {@code cpu: 80} is {@code cpu: { load: 80 }}: a section with a level may be given as its level alone. */
        private <R> Constraints section(Constraints set, Section<R> section, Node node) {
            String path = section.name();
            if (section.level().isPresent() && node instanceof ScalarNode && !isNull(node)) {
                SectionValues level = value(SectionValues.none(), section.level().get(), node, path);
                return section.into(set, construct(node, path, () -> section.build(level)));
            }
            MappingNode mapping = mapping(node, path, section.example());
            Map<String, NodeTuple> entries = entries(mapping, path, section.keyNames());
            SectionValues values = SectionValues.none();
            for (Key<?> key : section.keys()) {
                NodeTuple entry = entries.get(key.name());
                if (entry != null) {
                    values = value(values, key, entry.getValueNode(), path + "." + key.name());
                }
            }
            SectionValues read = values;
            return section.into(set, construct(mapping, path, () -> section.build(read)));
        }

        private <T> SectionValues value(SectionValues values, Key<T> key, Node node, String path) {
            return values.with(key, key.type().cast(value(node, path, key.type())));
        }

        /** One value of the shape {@code type} names, with that shape's errors located at {@code node}. */
        private Object value(Node node, String path, ValueType<?> type) {
            String unit = type.unit().isEmpty() ? "" : " (" + type.unit() + ")";
            return switch (type.kind()) {
                case WHOLE_PERCENT -> wholePercent(node, path);
                case PERCENT -> number(node, path, unit);
                case WHOLE_NUMBER -> wholeNumber(node, path, type.max(), unit);
                case DURATION -> duration(node, path, false);
                case SIGNED_DURATION -> duration(node, path, true);
                case DRIFT -> drift(node, path);
                case SIZE -> byteSize(node, path, false);
                case SIZE_RATE -> byteSize(node, path, true);
                case BANDWIDTH -> bandwidth(node, path);
                case BOOLEAN -> bool(node, path);
                case HOSTS -> hosts(node, path);
                case PORTS -> ports(node, path);
                case SEED -> seed(node, path);
                case COPIES -> copies(node, path);
                case COMMON_POOL -> commonPool(node, path);
                case DIRECTORIES -> directories(node, path);
                case SPIKES -> spikes(node, path);
                case RAMP -> ramp(node, path);
                case CLOCK_JUMPS -> jumps(node, path);
            };
        }

        private Spikes spikes(Node node, String path) {
            MappingNode mapping = mapping(node, path, "{ to: 100, every: 10s, for: 2s }");
            Map<String, NodeTuple> entries = entries(mapping, path, SPIKES_KEYS);
            requireAll(mapping, path, entries, SPIKES_KEYS, "{ to: 100, every: 10s, for: 2s }");
            int to = wholePercent(entries.get("to").getValueNode(), path + ".to");
            Duration every = duration(entries.get("every").getValueNode(), path + ".every", false);
            Duration length = duration(entries.get("for").getValueNode(), path + ".for", false);
            return construct(mapping, path, () -> new Spikes(to, every, length));
        }

        private Ramp ramp(Node node, String path) {
            MappingNode mapping = mapping(node, path, "{ from: 0, to: 80, over: 30s }");
            Map<String, NodeTuple> entries = entries(mapping, path, RAMP_KEYS);
            requireAll(mapping, path, entries, RAMP_KEYS, "{ from: 0, to: 80, over: 30s }");
            int from = wholePercent(entries.get("from").getValueNode(), path + ".from");
            int to = wholePercent(entries.get("to").getValueNode(), path + ".to");
            Duration over = duration(entries.get("over").getValueNode(), path + ".over", false);
            return construct(mapping, path, () -> new Ramp(from, to, over));
        }

        private long bandwidth(Node node, String path) {
            ScalarNode scalar = scalar(node, path, "a rate such as 1MiB/s");
            if (scalar.getTag().equals(Tag.INT) || scalar.getTag().equals(Tag.FLOAT)) {
                throw error(node, path, "expected a rate such as 1MiB/s, 512KiB/s or 2000B/s, but was "
                        + scalar.getValue() + "; add a unit: B/s, kB/s, KiB/s, MB/s, MiB/s, GB/s or GiB/s");
            }
            try {
                return NetworkConstraint.parseBandwidth(scalar.getValue());
            } catch (IllegalArgumentException e) {
                throw error(node, path, e.getMessage());
            }
        }

        private boolean bool(Node node, String path) {
            ScalarNode scalar = scalar(node, path, "true or false");
            if (!scalar.getTag().equals(Tag.BOOL)) {
                throw error(node, path, "expected true or false, but was " + describe(scalar));
            }
            return Boolean.parseBoolean(scalar.getValue().toLowerCase(java.util.Locale.ROOT));
        }

        private List<Node> sequence(Node node, String path, String example) {
            checkTag(node, path);
            requireValue(node, path);
            if (node instanceof ScalarNode) {
                return List.of(node);
            }
            if (!(node instanceof SequenceNode)) {
                throw error(node, path, "expected a list such as " + example + ", but was " + describe(node));
            }
            return ((SequenceNode) node).getValue();
        }

        private List<String> hosts(Node node, String path) {
            List<String> hosts = new ArrayList<>();
            for (Node item : sequence(node, path, "[127.0.0.1, localhost]")) {
                String host = scalar(item, path, "a loopback address such as 127.0.0.1").getValue();
                construct(item, path, () -> NetworkConstraint.none().withHosts(List.of(host)));
                hosts.add(host);
            }
            return hosts;
        }

        private List<Integer> ports(Node node, String path) {
            List<Integer> ports = new ArrayList<>();
            for (Node item : sequence(node, path, "[5432, 8080]")) {
                ScalarNode scalar = scalar(item, path, "a port number from 1 to 65535");
                if (!scalar.getTag().equals(Tag.INT) || !DECIMAL_INTEGER.matcher(scalar.getValue()).matches()) {
                    throw error(item, path, "expected a port number from 1 to 65535, but was " + describe(scalar));
                }
                int port = saturatedInt(new BigInteger(scalar.getValue()));
                construct(item, path, () -> NetworkConstraint.none().withPorts(List.of(port)));
                ports.add(port);
            }
            return ports;
        }

        /** A size such as 64MiB, or with {@code rate} a size per second such as 20MiB/s. */
        private long byteSize(Node node, String path, boolean rate) {
            String example = rate ? "a rate such as 20MiB/s" : "a size such as 64MiB";
            ScalarNode scalar = scalar(node, path, example);
            if (scalar.getTag().equals(Tag.INT) || scalar.getTag().equals(Tag.FLOAT)) {
                throw error(node, path, "expected " + example + ", but was " + scalar.getValue()
                        + "; add a unit: B, KiB, MiB, GiB or TiB" + (rate ? " and '/s'" : ""));
            }
            try {
                return rate ? ByteSizeText.parseRate(scalar.getValue()) : ByteSizeText.parse(scalar.getValue());
            } catch (IllegalArgumentException e) {
                throw error(node, path, e.getMessage());
            }
        }

        /** One directory or a list of them; relative paths stay relative (resolved when the set is applied). */
        private List<Path> directories(Node node, String path) {
            checkTag(node, path);
            List<Node> items = node instanceof SequenceNode ? ((SequenceNode) node).getValue() : List.of(node);
            if (items.isEmpty()) {
                throw error(node, path, "is an empty list; name at least one directory or remove the key");
            }
            List<Path> directories = new ArrayList<>();
            for (Node item : items) {
                ScalarNode scalar = scalar(item, path, "a directory such as build/data");
                try {
                    directories.add(DiskConstraint.directory(scalar.getValue()));
                } catch (IllegalArgumentException e) {
                    throw error(item, path, e.getMessage());
                }
            }
            return directories;
        }

        /** Any whole number that fits in 64 bits. */
        private long seed(Node node, String path) {
            ScalarNode scalar = scalar(node, path, "a whole number");
            String value = scalar.getValue();
            if (!scalar.getTag().equals(Tag.INT) || !DECIMAL_INTEGER.matcher(value).matches()) {
                throw error(node, path, "expected a whole number such as 123, but was " + describe(scalar));
            }
            BigInteger number = new BigInteger(value);
            if (number.bitLength() > 63) {
                throw error(node, path, "must fit in 64 bits (between " + Long.MIN_VALUE + " and " + Long.MAX_VALUE
                        + "), but was " + value);
            }
            return number.longValueExact();
        }

        /** A whole number of test body copies, 1 to {@link ConcurrencyConstraint#MAX_PARALLEL}. */
        private int copies(Node node, String path) {
            ScalarNode scalar = scalar(node, path, "a whole number from 1 to " + ConcurrencyConstraint.MAX_PARALLEL);
            String value = scalar.getValue();
            if (!scalar.getTag().equals(Tag.INT) || !DECIMAL_INTEGER.matcher(value).matches()) {
                throw error(node, path, "expected a whole number from 1 to " + ConcurrencyConstraint.MAX_PARALLEL
                        + " (copies of the test body), but was " + describe(scalar));
            }
            return saturatedInt(new BigInteger(value));
        }

        /** {@code true} (the whole pool), {@code false} (none) or a number of workers. */
        private int commonPool(Node node, String path) {
            ScalarNode scalar = scalar(node, path, "true, false or a number of workers");
            if (scalar.getTag().equals(Tag.BOOL)) {
                return Boolean.parseBoolean(scalar.getValue().toLowerCase(java.util.Locale.ROOT))
                        ? ConcurrencyConstraint.WHOLE_COMMON_POOL : 0;
            }
            if (!scalar.getTag().equals(Tag.INT)) {
                throw error(node, path, "expected true, false or a number of workers from 0 to "
                        + ConcurrencyConstraint.MAX_COMMON_POOL_WORKERS + ", but was " + describe(scalar));
            }
            return wholeNumber(node, path, ConcurrencyConstraint.MAX_COMMON_POOL_WORKERS, " (workers)");
        }

        private Duration drift(Node node, String path) {
            ScalarNode scalar = scalar(node, path, "a drift such as +50ms/s");
            try {
                return TimeConstraint.parseDrift(scalar.getValue());
            } catch (IllegalArgumentException e) {
                throw error(node, path, e.getMessage());
            }
        }

        private List<ClockJump> jumps(Node node, String path) {
            checkTag(node, path);
            requireValue(node, path);
            String example = "[{ at: 2s, by: -1h }, { every: 5s, by: -1s }]";
            if (!(node instanceof SequenceNode)) {
                throw error(node, path, "expected a list of jumps such as " + example + ", but was " + describe(node));
            }
            List<Node> items = ((SequenceNode) node).getValue();
            if (items.isEmpty()) {
                throw error(node, path, "is an empty list; declare at least one jump such as " + example
                        + " or remove the key");
            }
            List<ClockJump> jumps = new ArrayList<>();
            for (Node item : items) {
                MappingNode mapping = mapping(item, path, "{ at: 2s, by: -1h }");
                Map<String, NodeTuple> entries = entries(mapping, path, JUMP_KEYS);
                if (!entries.containsKey("by")) {
                    throw error(mapping, path, "missing key 'by'; a jump needs 'by' (signed step) and 'at' or"
                            + " 'every', for example { at: 2s, by: -1h }");
                }
                if (!entries.containsKey("at") && !entries.containsKey("every")) {
                    throw error(mapping, path, "missing key 'at' or 'every'; say when the clock jumps, for example"
                            + " { at: 2s, by: -1h } or { every: 5s, by: -1s }");
                }
                Duration by = duration(entries.get("by").getValueNode(), path + ".by", true);
                Optional<Duration> every = Optional.ofNullable(entries.get("every"))
                        .map(entry -> duration(entry.getValueNode(), path + ".every", false));
                Duration at = entries.containsKey("at")
                        ? duration(entries.get("at").getValueNode(), path + ".at", false)
                        : every.orElseThrow();
                jumps.add(construct(mapping, path, () -> new ClockJump(at, by, every)));
            }
            return jumps;
        }

        /**
         * The records check every range and rule, once; their refusal is located at the value it names
         * (else at {@code node}), with the value as written in the file.
         */
        private <T> T construct(Node node, String path, Supplier<T> constructor) {
            try {
                return constructor.get();
            } catch (ConstraintViolation violation) {
                String key = node instanceof MappingNode ? violation.keyUnder(path) : path;
                Node at = node instanceof MappingNode ? valueOf((MappingNode) node, path, key) : node;
                String problem = at instanceof ScalarNode
                        ? violation.problem(((ScalarNode) at).getValue())
                        : violation.problem();
                throw SourceLocation.of(source, at.getStartMark()).error(key, problem, violation);
            }
        }

        /** The value of {@code key} when it is a key of {@code mapping} (at {@code path}), else the mapping. */
        private static Node valueOf(MappingNode mapping, String path, String key) {
            if (key.startsWith(path + ".")) {
                String name = key.substring(path.length() + 1);
                for (NodeTuple tuple : mapping.getValue()) {
                    if (tuple.getKeyNode() instanceof ScalarNode
                            && ((ScalarNode) tuple.getKeyNode()).getValue().equals(name)) {
                        return tuple.getValueNode();
                    }
                }
            }
            return mapping;
        }

        private MappingNode mapping(Node node, String path, String example) {
            checkTag(node, path);
            requireValue(node, path);
            if (!(node instanceof MappingNode)) {
                throw error(node, path, "expected a mapping such as " + example + ", but was " + describe(node));
            }
            return (MappingNode) node;
        }

        private Map<String, NodeTuple> entries(MappingNode mapping, String path, List<String> validKeys) {
            Map<String, NodeTuple> entries = new LinkedHashMap<>();
            for (NodeTuple tuple : mapping.getValue()) {
                Node keyNode = tuple.getKeyNode();
                checkTag(keyNode, path);
                if (!(keyNode instanceof ScalarNode) || isNull(keyNode)) {
                    throw error(keyNode, path, "keys must be plain names such as " + validKeys.get(0)
                            + ", but found " + describe(keyNode));
                }
                String key = ((ScalarNode) keyNode).getValue();
                String keyPath = path.isEmpty() ? key : path + "." + key;
                NodeTuple first = entries.get(key);
                if (first != null) {
                    SourceLocation firstAt = SourceLocation.of(source, first.getKeyNode().getStartMark());
                    throw error(keyNode, keyPath, "duplicate key '" + key + "' (first set at line " + firstAt.line()
                            + ", column " + firstAt.column() + "); keep one of them");
                }
                if (!validKeys.contains(key)) {
                    throw error(keyNode, keyPath, "unknown key '" + key + "'"
                            + NearestKey.to(key, validKeys).map(k -> "; did you mean '" + k + "'?").orElse("")
                            + " (valid keys: " + String.join(", ", validKeys) + ")");
                }
                entries.put(key, tuple);
            }
            return entries;
        }

        private void requireAll(MappingNode mapping, String path, Map<String, NodeTuple> entries,
                List<String> keys, String example) {
            for (String key : keys) {
                if (!entries.containsKey(key)) {
                    throw error(mapping, path, "missing key '" + key + "'; " + path.substring(path.lastIndexOf('.') + 1)
                            + " needs " + String.join(", ", keys) + ", for example " + example);
                }
            }
        }

        private String text(Node node, String path) {
            ScalarNode scalar = scalar(node, path, "text");
            return scalar.getValue();
        }

        private int wholePercent(Node node, String path) {
            return wholeNumber(node, path, 100, " (percent)");
        }

        private int wholeNumber(Node node, String path, int max, String unit) {
            ScalarNode scalar = scalar(node, path, "a whole number from 0 to " + max);
            String value = scalar.getValue();
            rejectPercentSign(scalar, path);
            if (scalar.getTag().equals(Tag.FLOAT)) {
                throw error(node, path, "must be a whole number from 0 to " + max + unit + ", but was " + value
                        + "; fractions are not supported here");
            }
            if (!scalar.getTag().equals(Tag.INT) || !DECIMAL_INTEGER.matcher(value).matches()) {
                throw error(node, path, "expected a whole number from 0 to " + max + unit + ", but was "
                        + describe(scalar));
            }
            return saturatedInt(new BigInteger(value));
        }

        /**
         * A whole number as an int for the record to check; one beyond the int range is passed as an int
         * every record refuses (not {@code Integer.MAX_VALUE}, which means the whole common pool), and
         * the refusal shows the number as written.
         */
        private static int saturatedInt(BigInteger number) {
            return number.max(BigInteger.valueOf(Integer.MIN_VALUE))
                    .min(BigInteger.valueOf(Integer.MAX_VALUE - 1)).intValueExact();
        }

        private double number(Node node, String path, String unit) {
            ScalarNode scalar = scalar(node, path, "a number from 0 to 100");
            String value = scalar.getValue();
            rejectPercentSign(scalar, path);
            boolean numeric = scalar.getTag().equals(Tag.INT) || scalar.getTag().equals(Tag.FLOAT);
            if (!numeric) {
                throw error(node, path, "expected a number from 0 to 100" + unit + ", but was " + describe(scalar));
            }
            return parseNumber(value);
        }

        /** Core-schema numbers include .inf, .nan, 0x and 0o forms; anything odd ends up out of range. */
        private static double parseNumber(String value) {
            String lower = value.toLowerCase(java.util.Locale.ROOT);
            if (lower.endsWith(".nan")) {
                return Double.NaN;
            }
            if (lower.endsWith(".inf")) {
                return lower.startsWith("-") ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
            }
            if (lower.startsWith("0x")) {
                return new BigInteger(value.substring(2), 16).doubleValue();
            }
            if (lower.startsWith("0o")) {
                return new BigInteger(value.substring(2), 8).doubleValue();
            }
            return Double.parseDouble(value);
        }

        private void rejectPercentSign(ScalarNode scalar, String path) {
            Matcher matcher = PERCENT_SIGN.matcher(scalar.getValue());
            if (matcher.matches()) {
                throw error(scalar, path, "write percentages as plain numbers: " + matcher.group(1)
                        + ", not '" + scalar.getValue() + "'");
            }
        }

        private Duration duration(Node node, String path, boolean negativeAllowed) {
            ScalarNode scalar = scalar(node, path, "a duration such as 50ms, 2s or 1m");
            String value = scalar.getValue();
            Matcher matcher = DURATION.matcher(value);
            if (scalar.getTag().equals(Tag.INT) || scalar.getTag().equals(Tag.FLOAT)) {
                throw error(node, path, "expected a duration such as 50ms, 2s or 1m, but was " + value
                        + "; add a unit: ns, us, ms, s, m or h");
            }
            if (!matcher.matches()) {
                throw error(node, path, "expected a duration such as 50ms, 2s or 1m, but was " + describe(scalar));
            }
            if (!negativeAllowed && matcher.group(1).equals("-")) {
                throw error(node, path, "must not be negative, but was " + value + "; only time.skew and time.jumps.by may be negative");
            }
            try {
                return DurationText.parse(value, negativeAllowed);
            } catch (IllegalArgumentException e) {
                throw error(node, path, e.getMessage());
            }
        }

        private ScalarNode scalar(Node node, String path, String expected) {
            checkTag(node, path);
            requireValue(node, path);
            if (!(node instanceof ScalarNode)) {
                throw error(node, path, "expected " + expected + ", but was " + describe(node));
            }
            return (ScalarNode) node;
        }

        private void requireValue(Node node, String path) {
            if (isNull(node)) {
                throw error(node, path, "has no value; give it one or remove the key");
            }
        }

        private void checkTag(Node node, String path) {
            if (!STANDARD_TAGS.contains(node.getTag())) {
                throw error(node, path, "unsupported tag '" + node.getTag().getValue()
                        + "'; constraint sets take plain values only, so remove the tag");
            }
        }

        private static boolean isNull(Node node) {
            return node instanceof ScalarNode && node.getTag().equals(Tag.NULL);
        }

        private static String describe(Node node) {
            if (node instanceof MappingNode) {
                return "a mapping";
            }
            if (node instanceof SequenceNode) {
                return "a list";
            }
            ScalarNode scalar = (ScalarNode) node;
            if (isNull(scalar)) {
                return "empty";
            }
            boolean plainWord = scalar.getTag().equals(Tag.INT) || scalar.getTag().equals(Tag.FLOAT)
                    || scalar.getTag().equals(Tag.BOOL);
            return plainWord ? scalar.getValue() : "'" + scalar.getValue() + "'";
        }

        private ConstraintSetException error(Node node, String path, String problem) {
            return at(source, node, path, problem);
        }
    }
}
