package dev.panicattack.constraint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class ConstraintSetParserTest {

    private static final String SOURCE = "panic/constraint-sets/foo.yaml";

    private final ConstraintSetParser parser = new ConstraintSetParser();

    private ParsedConstraintSet parse(String yaml) {
        return parser.parse(SOURCE, "foo", yaml);
    }

    private ConstraintSetException error(String yaml) {
        return catchThrowableOfType(ConstraintSetException.class, () -> parse(yaml));
    }

    private static void assertError(ConstraintSetException e, int line, int column, String key, String problem) {
        assertThat(e).as("expected an error").isNotNull();
        assertThat(e.getMessage()).isEqualTo(SOURCE + ":" + line + ":" + column + ": "
                + (key.isEmpty() ? "" : key + ": ") + problem);
        assertThat(e.source()).isEqualTo(SOURCE);
        assertThat(e.line()).isEqualTo(line);
        assertThat(e.column()).isEqualTo(column);
        assertThat(e.key()).isEqualTo(key);
        assertThat(e.problem()).isEqualTo(problem);
    }

    @Test
    void typesEveryAxisOfTheFullSchema() {
        ParsedConstraintSet parsed = parse(String.join("\n",
                "name: foo",
                "description: Peak traffic on a busy host",
                "cpu:      { spikes: { to: 100, every: 10s, for: 2s }, ramp: { from: 0, to: 80, over: 30s } }",
                "memory:   { heap: 70, leakRate: 2.5, ceiling: 95 }",
                "network:  { latency: 50ms, jitter: 10ms, loss: 1 }",
                "disk:     { fill: 85, latency: 5ms }",
                "concurrency: { contenders: 8 }",
                "time:     { skew: -1.5s }",
                ""));

        Constraints set = parsed.declared();
        assertThat(set.name()).isEqualTo("foo");
        assertThat(set.description()).contains("Peak traffic on a busy host");
        assertThat(set.cpu()).contains(new CpuConstraint(OptionalInt.empty(),
                Optional.of(new Spikes(100, Duration.ofSeconds(10), Duration.ofSeconds(2))),
                Optional.of(new Ramp(0, 80, Duration.ofSeconds(30)))));
        assertThat(set.memory()).contains(new MemoryConstraint(OptionalInt.of(70), OptionalDouble.of(2.5), OptionalInt.of(95)));
        assertThat(set.network()).contains(new NetworkConstraint(Optional.of(Duration.ofMillis(50)),
                Optional.of(Duration.ofMillis(10)), OptionalDouble.of(1)));
        assertThat(set.disk()).contains(new DiskConstraint(OptionalInt.of(85), Optional.of(Duration.ofMillis(5))));
        assertThat(set.concurrency()).contains(new ConcurrencyConstraint(OptionalInt.of(8)));
        assertThat(set.time()).contains(new TimeConstraint(Optional.of(Duration.ofMillis(-1500))));
        assertThat(parsed.parents()).isEmpty();
        assertThat(parsed.extendsKey()).isEmpty();
    }

    @Test
    void absentKeysStayAbsent() {
        Constraints set = parse("name: foo\nmemory: { leakRate: 2 }\n").declared();

        assertThat(set.description()).isEmpty();
        assertThat(set.cpu()).isEmpty();
        assertThat(set.memory()).contains(MemoryConstraint.none().withLeakRate(2));
    }

    @Test
    void readsEveryDurationUnit() {
        Constraints set = parse("name: foo\nnetwork: { latency: 7ns, jitter: 3us }\ncpu: { spikes: { to: 90, every: 1.5m, for: 1s } }\n"
                + "time: { skew: 2h }\n").declared();

        assertThat(set.network().orElseThrow().latency()).contains(Duration.ofNanos(7));
        assertThat(set.network().orElseThrow().jitter()).contains(Duration.ofNanos(3000));
        assertThat(set.cpu().orElseThrow().spikes().orElseThrow().every()).isEqualTo(Duration.ofSeconds(90));
        assertThat(set.time().orElseThrow().skew()).contains(Duration.ofHours(2));
        assertThat(parse("name: foo\ntime: { skew: 0s }\n").declared().time().orElseThrow().skew())
                .contains(Duration.ZERO);
    }

    @Test
    void readsExtendsAsOneNameOrAList() {
        ParsedConstraintSet one = parse("name: foo\nextends: base\n");
        ParsedConstraintSet list = parse("name: foo\nextends:\n  - base\n  - other-2\n");

        assertThat(one.parents()).extracting(ParsedConstraintSet.ParentReference::name).containsExactly("base");
        assertThat(one.parents().get(0).location()).isEqualTo(new SourceLocation(SOURCE, 2, 10));
        assertThat(one.extendsKey()).contains(new SourceLocation(SOURCE, 2, 1));
        assertThat(list.parents()).extracting(ParsedConstraintSet.ParentReference::name).containsExactly("base", "other-2");
        assertThat(list.parents().get(1).location()).isEqualTo(new SourceLocation(SOURCE, 4, 5));
    }

    @Test
    void unknownKeySuggestsTheNearestValidKey() {
        assertError(error("name: foo\ncpu:\n  lod: 80\n"), 3, 3, "cpu.lod",
                "unknown key 'lod'; did you mean 'load'? (valid keys: load, spikes, ramp)");
        assertError(error("name: foo\nmemory: { leak_rate: 2 }\n"), 2, 11, "memory.leak_rate",
                "unknown key 'leak_rate'; did you mean 'leakRate'? (valid keys: heap, leakRate, ceiling)");
        assertError(error("name: foo\ncpu: { load: 80, spikes: { to: 100, evry: 10s, for: 2s } }\n"), 2, 37,
                "cpu.spikes.evry", "unknown key 'evry'; did you mean 'every'? (valid keys: to, every, for)");
    }

    @Test
    void unknownKeyFarFromAnyValidKeyListsThemWithoutAGuess() {
        assertError(error("name: foo\ngpu: { load: 80 }\n"), 2, 1, "gpu",
                "unknown key 'gpu'; did you mean 'cpu'? (valid keys: name, description, extends, cpu, memory, network, disk, concurrency, time)");
        assertError(error("name: foo\nbandwidth: 10\n"), 2, 1, "bandwidth",
                "unknown key 'bandwidth' (valid keys: name, description, extends, cpu, memory, network, disk, concurrency, time)");
    }

    @Test
    void percentSignIsRejectedWithThePlainNumberToWrite() {
        assertError(error("name: foo\ncpu:\n  load: 80%\n"), 3, 9, "cpu.load",
                "write percentages as plain numbers: 80, not '80%'");
        assertError(error("name: foo\nnetwork: { loss: 0.5% }\n"), 2, 18, "network.loss",
                "write percentages as plain numbers: 0.5, not '0.5%'");
    }

    @Test
    void fractionIsRejectedForWholePercentFields() {
        assertError(error("name: foo\ncpu:\n  load: 80.5\n"), 3, 9, "cpu.load",
                "must be a whole number from 0 to 100 (percent), but was 80.5; fractions are not supported here");
    }

    @Test
    void outOfRangeValuesShowTheValueAndTheRange() {
        assertError(error("name: foo\ncpu:\n  load: 150\n"), 3, 9, "cpu.load",
                "must be between 0 and 100 (percent), but was 150");
        assertError(error("name: foo\nmemory: { heap: -1 }\n"), 2, 17, "memory.heap",
                "must be between 0 and 100 (percent), but was -1");
        assertError(error("name: foo\nmemory: { leakRate: 120 }\n"), 2, 21, "memory.leakRate",
                "must be between 0 and 100 (percent of the maximum heap per second), but was 120");
        assertError(error("name: foo\nmemory: { leakRate: -0.5 }\n"), 2, 21, "memory.leakRate",
                "must be between 0 and 100 (percent of the maximum heap per second), but was -0.5");
        assertError(error("name: foo\nmemory: { leakRate: .nan }\n"), 2, 21, "memory.leakRate",
                "must be between 0 and 100 (percent of the maximum heap per second), but was .nan");
        assertError(error("name: foo\nconcurrency: { contenders: 2000 }\n"), 2, 28, "concurrency.contenders",
                "must be between 0 and 1024 (threads), but was 2000");
        assertError(error("name: foo\ncpu: { load: 99999999999999999999 }\n"), 2, 14, "cpu.load",
                "must be between 0 and 100 (percent), but was 99999999999999999999");
    }

    @Test
    void wrongTypesSayWhatWasExpectedAndWhatWasFound() {
        assertError(error("name: foo\ncpu:\n  load: high\n"), 3, 9, "cpu.load",
                "expected a whole number from 0 to 100 (percent), but was 'high'");
        assertError(error("name: foo\ncpu:\n  load: \"80\"\n"), 3, 9, "cpu.load",
                "expected a whole number from 0 to 100 (percent), but was '80'");
        assertError(error("name: foo\ncpu:\n  load: [80]\n"), 3, 9, "cpu.load",
                "expected a whole number from 0 to 100, but was a list");
        assertError(error("name: foo\ncpu: [80]\n"), 2, 6, "cpu",
                "expected a mapping such as { load: 80 } or a load alone such as 80, but was a list");
        assertError(error("name: foo\ncpu: 150\n"), 2, 6, "cpu", "must be between 0 and 100 (percent), but was 150");
        assertError(error("name: foo\nmemory: { leakRate: true }\n"), 2, 21, "memory.leakRate",
                "expected a number from 0 to 100 (percent of the maximum heap per second), but was true");
        assertError(error("name: foo\ndescription: { text: x }\n"), 2, 14, "description",
                "expected text, but was a mapping");
    }

    @Test
    void nullValuesAskForAValueOrRemoval() {
        assertError(error("name: foo\ncpu:\n"), 2, 5, "cpu", "has no value; give it one or remove the key");
        assertError(error("name: foo\ncpu: { load: ~ }\n"), 2, 14, "cpu.load", "has no value; give it one or remove the key");
    }

    @Test
    void durationsNeedAUnit() {
        assertError(error("name: foo\nnetwork:\n  latency: fast\n"), 3, 12, "network.latency",
                "expected a duration such as 50ms, 2s or 1m, but was 'fast'");
        assertError(error("name: foo\nnetwork:\n  latency: 50\n"), 3, 12, "network.latency",
                "expected a duration such as 50ms, 2s or 1m, but was 50; add a unit: ns, us, ms, s, m or h");
        assertError(error("name: foo\nnetwork:\n  latency: 50 ms\n"), 3, 12, "network.latency",
                "expected a duration such as 50ms, 2s or 1m, but was '50 ms'");
        assertError(error("name: foo\nnetwork:\n  latency: 0.5ns\n"), 3, 12, "network.latency",
                "must be a whole number of nanoseconds, but was 0.5ns");
        assertError(error("name: foo\ntime: { skew: 99999999999999h }\n"), 2, 15, "time.skew",
                "is too long, but was 99999999999999h; a test runs for seconds or minutes");
    }

    @Test
    void onlyTimeSkewMayBeNegative() {
        assertThat(parse("name: foo\ntime: { skew: -30s }\n").declared().time().orElseThrow().skew())
                .contains(Duration.ofSeconds(-30));
        assertError(error("name: foo\ndisk: { latency: -5ms }\n"), 2, 18, "disk.latency",
                "must not be negative, but was -5ms; only time.skew and time.jumps.by may be negative");
    }

    @Test
    void aSectionsLevelMayBeGivenAsTheSection() {
        Constraints set = parse("name: foo\ncpu: 80\nmemory: 70\n").declared();

        assertThat(set.cpu()).contains(CpuConstraint.ofLoad(80));
        assertThat(set.memory()).contains(MemoryConstraint.none().withHeap(70));
    }

    @Test
    void loadAndRampTogetherAreRefused() {
        assertError(error("name: foo\ncpu: { load: 80, ramp: { from: 0, to: 80, over: 30s } }\n"), 2, 6, "cpu",
                "must declare load or ramp, not both, but was load 80 and a ramp from 0 to 80;"
                        + " keep the ramp (it ends at its 'to' and holds there) or the load");
    }

    @Test
    void spikesAndRampsNeedAllTheirKeysAndPositiveLengths() {
        assertError(error("name: foo\ncpu:\n  spikes: { to: 100, for: 2s }\n"), 3, 11, "cpu.spikes",
                "missing key 'every'; spikes needs to, every, for, for example { to: 100, every: 10s, for: 2s }");
        assertError(error("name: foo\ncpu:\n  ramp: { from: 0, to: 80 }\n"), 3, 9, "cpu.ramp",
                "missing key 'over'; ramp needs from, to, over, for example { from: 0, to: 80, over: 30s }");
        assertError(error("name: foo\ncpu:\n  spikes: { to: 100, every: 0s, for: 2s }\n"), 3, 29, "cpu.spikes.every",
                "must be longer than zero, but was 0s");
    }

    @Test
    void recordRefusalsAreLocatedAtTheValueTheyName() {
        ConstraintSetException e = error("name: foo\ncpu:\n  load: 50\n  spikes:\n    to: 100\n    every: 2s\n    for: 2s\n");

        assertError(e, 7, 10, "cpu.spikes.for", "must be longer than zero and shorter than spikes.every (2s), but was 2s");
        assertThat(e).hasCauseInstanceOf(ConstraintViolation.class);
    }

    @Test
    void missingNameAsksForTheFileName() {
        assertError(error("cpu: { load: 80 }\n"), 1, 1, "name", "missing; add 'name: foo' (it must match the file name)");
    }

    @Test
    void nameMustMatchTheFileName() {
        assertError(error("name: bar\n"), 1, 7, "name",
                "'bar' does not match the file name 'foo.yaml'; write 'name: foo' or rename the file");
    }

    @Test
    void duplicateKeysAreRejectedWithBothPlaces() {
        assertError(error("name: foo\ncpu:\n  load: 50\n  load: 60\n"), 4, 3, "cpu.load",
                "duplicate key 'load' (first set at line 3, column 3); keep one of them");
        assertError(error("name: foo\ncpu: { load: 50 }\ncpu: { load: 60 }\n"), 3, 1, "cpu",
                "duplicate key 'cpu' (first set at line 2, column 1); keep one of them");
    }

    @Test
    void documentMustBeOneMapping() {
        assertError(error("- name: foo\n"), 1, 1, "",
                "expected a mapping of keys (name, description, extends, cpu, memory, network, disk, concurrency, time) "
                        + "at the top level, but was a list");
        assertError(error("just text\n"), 1, 1, "",
                "expected a mapping of keys (name, description, extends, cpu, memory, network, disk, concurrency, time) "
                        + "at the top level, but was 'just text'");
        assertError(error("name: foo\n---\nname: bar\n"), 3, 1, "",
                "found a second YAML document; a constraint-set file holds exactly one (remove the '---' line and what follows it)");
    }

    @Test
    void emptyFileAsksForAName() {
        String problem = "the file is empty; a constraint set needs at least 'name: foo'";
        assertError(error(""), 1, 1, "", problem);
        assertError(error("# only a comment\n"), 1, 1, "", problem);
        assertError(error("---\n"), 2, 1, "", problem);
    }

    @Test
    void syntaxErrorsKeepTheirPlaceAndCause() {
        ConstraintSetException e = error("name: foo\ncpu: { load: 80\n");

        assertThat(e.getMessage()).startsWith(SOURCE + ":3:1: invalid YAML: ");
        assertThat(e.line()).isEqualTo(3);
        assertThat(e.getCause()).isNotNull();
    }

    @Test
    void nonStandardTagsAreRejected() {
        assertError(error("name: foo\ncpu: !!python/object:os.system { load: 80 }\n"), 2, 6, "cpu",
                "unsupported tag 'tag:yaml.org,2002:python/object:os.system'; constraint sets take plain values only, so remove the tag");
        assertError(error("name: foo\ncpu: { load: !percent 80 }\n"), 2, 14, "cpu.load",
                "unsupported tag '!percent'; constraint sets take plain values only, so remove the tag");
        assertThat(parse("name: foo\ncpu: { load: !!int 80 }\n").declared().cpu().orElseThrow().load()).hasValue(80);
    }

    @Test
    void mergeKeysAreStandardYamlAndTheExplicitKeyWins() {
        Constraints set = parse("name: foo\ncpu: { load: 1, spikes: { to: 100, every: 10s, for: 2s } }\n"
                + "memory: { <<: { heap: 1, ceiling: 90 }, heap: 2 }\n").declared();

        assertThat(set.memory()).contains(new MemoryConstraint(OptionalInt.of(2), OptionalDouble.empty(), OptionalInt.of(90)));
    }

    @Test
    void extendsNamesAreValidated() {
        assertError(error("name: foo\nextends: Base\n"), 2, 10, "extends",
                "'Base' is not a valid constraint-set name; use lower-case letters, digits and '-', starting with a letter or digit (for example cpu-spikes)");
        assertError(error("name: foo\nextends: []\n"), 2, 10, "extends",
                "is an empty list; name at least one set or remove the key");
    }

    @Test
    void aliasesWithinTheLimitAreResolved() {
        Constraints set = parse("name: foo\ncpu: { load: &busy 80 }\nmemory: { heap: *busy }\n").declared();

        assertThat(set.memory().orElseThrow().heap()).hasValue(80);
    }

    @Test
    void billionLaughsIsRejectedBeforeAnyExpansion() {
        String bomb = String.join("\n",
                "name: foo",
                "a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]",
                "b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]",
                "c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]",
                "d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]",
                "e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d]",
                "f: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e]",
                "g: &g [*f, *f, *f, *f, *f, *f, *f, *f, *f]",
                "h: &h [*g, *g, *g, *g, *g, *g, *g, *g, *g]",
                "i: &i [*h, *h, *h, *h, *h, *h, *h, *h, *h]",
                "cpu: { load: *i }",
                "");
        long start = System.nanoTime();

        ConstraintSetException e = error(bomb);

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
        assertError(e, 4, 12, "", "more than 10 aliases (*name); constraint sets need few or none, "
                + "so write the values out or use extends:");
    }

    @Test
    void tooLargeDocumentIsRejectedAtTheLimit() {
        String big = "name: foo\ndescription: " + "x".repeat(ConstraintSetParser.MAX_CHARACTERS) + "\n";
        String problem = "the document is longer than 65536 characters, the limit for a constraint set; "
                + "a set is a few lines of YAML, so check that this is the right file";

        assertError(error(big), 2, 65536 - 10 + 1, "", problem);
        ConstraintSetException fromStream = catchThrowableOfType(ConstraintSetException.class, () -> parser.parse(
                SOURCE, "foo", new ByteArrayInputStream(big.getBytes(StandardCharsets.UTF_8))));
        assertError(fromStream, 2, 65536 - 10 + 1, "", problem);
    }

    @Test
    void documentJustUnderTheLimitIsRead() {
        String head = "name: foo\ndescription: ";
        String fits = head + "x".repeat(ConstraintSetParser.MAX_CHARACTERS - head.length() - 1) + "\n";

        assertThat(fits).hasSize(ConstraintSetParser.MAX_CHARACTERS);
        assertThat(parse(fits).declared().description().orElseThrow()).hasSize(fits.length() - head.length() - 1);
    }

    @Test
    void invalidUtf8IsReportedNotReplaced() {
        byte[] bytes = {'n', 'a', 'm', 'e', ':', ' ', (byte) 0xC3, (byte) 0x28, '\n'};

        assertThatThrownBy(() -> parser.parse(SOURCE, "foo", new ByteArrayInputStream(bytes)))
                .isInstanceOf(ConstraintSetException.class)
                .hasMessageStartingWith(SOURCE + ": is not valid UTF-8 (")
                .hasMessageEndingWith("); save the file as UTF-8");
    }

    @Test
    void byteOrderMarkIsIgnored() {
        byte[] bytes = "\uFEFFname: foo\n".getBytes(StandardCharsets.UTF_8);

        assertThat(parser.parse(SOURCE, "foo", new ByteArrayInputStream(bytes)).declared().name()).isEqualTo("foo");
    }

    @Test
    void nearestKeyCountsTranspositionsAsOneEdit() {
        assertThat(NearestKey.distance("laod", "load")).isEqualTo(1);
        assertThat(NearestKey.to("Load", List.of("load", "spikes"))).contains("load");
        assertThat(NearestKey.to("x", List.of("to", "every", "for"))).isEmpty();
    }
}
