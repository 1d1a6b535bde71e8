package dev.panicattack.signature;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import dev.panicattack.evidence.Fact;
import dev.panicattack.internal.classpath.ClassPathDirectory;
import dev.panicattack.internal.classpath.ClassPathEntry;
import dev.panicattack.signature.datalog.Derivation;
import dev.panicattack.signature.datalog.Model;
import dev.panicattack.signature.datalog.Rule;
import dev.panicattack.signature.datalog.RuleProgram;

/**
 * Derives {@link Signature}s from evidence with the pattern library: the built-in rules plus the
 * user's rules from the test classpath ({@value #USER_RULES_DIRECTORY}{@code *.dl}).
 *
 * <p>A rule concludes a class by deriving {@code signature(Class, Key)}, where {@code Class} is a
 * {@link BugClass#ruleName()} and {@code Key} tells one instance from another (a thread, a pool, a
 * lock). Confidence is computed, never fixed per class: a proof counts with the product of the weights
 * of the rules it applies; proofs that reason through different sets of rules are independent
 * evidence and combine as {@code 1 - (1 - w1)(1 - w2)...}, while proofs through the same rules (the
 * same pattern observed again) count once, at their strongest.
 */
public final class SignatureEngine {

    /** Where users put their own rules on the test classpath. */
    public static final String USER_RULES_DIRECTORY = "panic/rules/";

    static final String PATTERN_DIRECTORY = "dev/panicattack/signature/patterns/";
    private static final String CONCLUSION = "signature";
    private static final int MAX_PROOFS_SHOWN = 5;

    private final RuleProgram program;
    private final long maxDerivedFacts;

    private SignatureEngine(RuleProgram program, long maxDerivedFacts) {
        this.program = program;
        this.maxDerivedFacts = maxDerivedFacts;
    }

    /**
     * The built-in pattern library plus every {@code panic/rules/*.dl} that {@code userRules} sees
     * (in classes directories and jars alike). A broken rule file fails here with file, line and column.
     */
    public static SignatureEngine withPatternLibrary(ClassLoader userRules) {
        List<RuleProgram> programs = new ArrayList<>();
        for (String file : read(SignatureEngine.class.getClassLoader(), PATTERN_DIRECTORY + "index.txt").lines()
                .map(String::strip).filter(line -> !line.isEmpty() && !line.startsWith("#")).toList()) {
            programs.add(RuleProgram.parse(PATTERN_DIRECTORY + file,
                    read(SignatureEngine.class.getClassLoader(), PATTERN_DIRECTORY + file)));
        }
        for (UserRuleFile file : UserRuleFile.findAll(userRules)) {
            programs.add(RuleProgram.parse(file.name(), file.text()));
        }
        return of(RuleProgram.combine(programs));
    }

    /** An engine over exactly {@code program}; its {@code signature/2} conclusions must name bug classes. */
    public static SignatureEngine of(RuleProgram program) {
        Objects.requireNonNull(program, "program");
        program.arity(CONCLUSION).filter(arity -> arity != 2).ifPresent(arity -> {
            throw new IllegalArgumentException("signature must have 2 arguments (class, key), but has " + arity);
        });
        return new SignatureEngine(program, RuleProgram.DEFAULT_MAX_DERIVED_FACTS);
    }

    /**
     * This engine with a budget of {@code maxDerivedFacts} derived facts per {@link #diagnose}
     * (default {@link RuleProgram#DEFAULT_MAX_DERIVED_FACTS}): a rule program that derives more
     * stops with a {@link dev.panicattack.signature.datalog.RuleException} naming the rule, the
     * predicate it grew and the budget. The JUnit adapter sets it from the configuration parameter
     * {@code panic.rules.maxDerivedFacts}.
     *
     * @throws IllegalArgumentException when {@code maxDerivedFacts} is below 1
     */
    public SignatureEngine withMaxDerivedFacts(long maxDerivedFacts) {
        return new SignatureEngine(program, RuleProgram.requireMaxDerivedFacts(maxDerivedFacts));
    }

    /** The budget of derived facts for one {@link #diagnose}. */
    public long maxDerivedFacts() {
        return maxDerivedFacts;
    }

    public RuleProgram program() {
        return program;
    }

    /**
     * All signatures the evidence supports, strongest first.
     *
     * @throws dev.panicattack.signature.datalog.RuleException when an input fact's arity contradicts
     *     the rules, or they derive more than {@link #maxDerivedFacts()} facts
     */
    public List<Signature> diagnose(Collection<Fact> facts) {
        Model model = program.evaluate(facts, maxDerivedFacts);
        Map<BugClass, List<Derivation>> proofsByClass = new EnumMap<>(BugClass.class);
        for (Fact conclusion : model.facts(CONCLUSION)) {
            BugClass bugClass = bugClassOf(conclusion);
            proofsByClass.computeIfAbsent(bugClass, key -> new ArrayList<>()).addAll(model.derivations(conclusion));
        }
        List<Signature> signatures = new ArrayList<>();
        // The input facts by predicate, gathered once and only for the predicates a remedy reads: the
        // frames of the threads a proof names. References only: this may run right after an OutOfMemoryError.
        Map<String, List<Fact>> byPredicate = new java.util.HashMap<>();
        java.util.function.Function<String, List<Fact>> evidence = predicate -> byPredicate.computeIfAbsent(predicate,
                wanted -> facts.stream().filter(fact -> fact.predicate().equals(wanted)).toList());
        proofsByClass.forEach((bugClass, proofs) -> signatures.add(withRemedy(signatureOf(bugClass, proofs), evidence)));
        signatures.sort(Comparator.comparingDouble(Signature::confidence).reversed()
                .thenComparing(Signature::bugClass));
        return List.copyOf(signatures);
    }

    /** The signature with its remedy read from its proof's facts and, for frames, the rest of the evidence. */
    private static Signature withRemedy(Signature signature, java.util.function.Function<String, List<Fact>> evidence) {
        Remedy remedy = Remedies.of(signature.bugClass(), ProofEvidence.of(signature.evidence(), evidence));
        return new Signature(signature.bugClass(), signature.confidence(), signature.proofs(), signature.evidence(), remedy);
    }

    private static BugClass bugClassOf(Fact conclusion) {
        Object name = conclusion.values().get(0);
        return BugClass.fromRuleName(String.valueOf(name)).orElseThrow(() -> new IllegalStateException(
                "a rule concluded " + conclusion + ", but '" + name + "' is not a bug class; use one of "
                        + java.util.Arrays.stream(BugClass.values()).map(BugClass::ruleName).toList()));
    }

    private static Signature signatureOf(BugClass bugClass, List<Derivation> derivations) {
        // Independent evidence means a different line of reasoning: proofs through the same rules
        // (the same cycle seen at ten samples) are one observation and count once, at their strongest.
        Map<Set<String>, Derivation> independent = new LinkedHashMap<>();
        for (Derivation derivation : derivations) {
            Set<String> reasoning = rulesOf(derivation, new java.util.TreeSet<>());
            Derivation known = independent.get(reasoning);
            if (known == null || strength(derivation) > strength(known)) {
                independent.put(reasoning, derivation);
            }
        }
        List<Derivation> ranked = new ArrayList<>(independent.values());
        ranked.sort(Comparator.comparingDouble(SignatureEngine::strength).reversed());
        double doubt = 1;
        for (Derivation derivation : ranked) {
            doubt *= 1 - strength(derivation);
        }
        double confidence = Math.min(1, Math.max(Double.MIN_VALUE, 1 - doubt));
        List<String> proofs = ranked.stream().limit(MAX_PROOFS_SHOWN).map(Derivation::render).toList();
        Set<Fact> evidence = new LinkedHashSet<>();
        ranked.stream().limit(MAX_PROOFS_SHOWN).forEach(derivation -> evidence.addAll(derivation.leaves()));
        return new Signature(bugClass, confidence, proofs, List.copyOf(evidence));
    }

    private static Set<String> rulesOf(Derivation derivation, Set<String> into) {
        derivation.rule().ifPresent(rule -> into.add(rule.name()));
        for (Derivation premise : derivation.premises()) {
            rulesOf(premise, into);
        }
        return into;
    }

    /** The product of the weights of every rule application in the proof. */
    static double strength(Derivation derivation) {
        double strength = derivation.rule().map(Rule::weight).orElse(1.0);
        for (Derivation premise : derivation.premises()) {
            strength *= strength(premise);
        }
        return strength;
    }

    private static String read(ClassLoader loader, String resource) {
        try (InputStream in = loader.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("the rules file " + resource + " is listed but not on the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
    }

    /** A user's rule file found on the classpath. */
    record UserRuleFile(String name, String text) {

        /** Every {@code .dl} file directly in {@value #USER_RULES_DIRECTORY}, in classes directories and jars alike. */
        static List<UserRuleFile> findAll(ClassLoader loader) {
            List<UserRuleFile> files = new ArrayList<>();
            for (ClassPathEntry entry : ClassPathDirectory.of(loader, USER_RULES_DIRECTORY).entries(ClassPathDirectory.Depth.FILES)) {
                if (entry.name().endsWith(".dl")) {
                    files.add(new UserRuleFile(entry.name(), new String(entry.read(), StandardCharsets.UTF_8)));
                }
            }
            return files;
        }
    }
}
