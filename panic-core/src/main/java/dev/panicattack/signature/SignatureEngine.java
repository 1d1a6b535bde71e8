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
import dev.panicattack.signature.datalog.Premise;
import dev.panicattack.signature.datalog.Rule;
import dev.panicattack.signature.datalog.RuleProgram;

/**
 * Derives {@link Signature}s from evidence with the pattern library: the built-in rules plus the
 * user's rules from the test classpath ({@value #USER_RULES_DIRECTORY}{@code *.dl}).
 *
 * <p>A rule concludes a class by deriving {@code signature(Class, Key)}, where {@code Class} is a
 * {@link BugClass#ruleName()} and {@code Key} tells one instance from another (a thread, a pool, a
 * lock). Confidence is computed, never fixed per class: a proof counts with the precision of the
 * rule that concluded it, as measured on the corpora ({@link Calibration}; a rule without outcomes,
 * such as a user's, counts with its {@code @weight}), times the weights of the rules it rests on.
 * Proofs that reason through different sets of rules are independent evidence and combine as
 * {@code 1 - (1 - s1)(1 - s2)...} ({@link LineOfReasoning#combined}), while proofs through the same
 * rules (the same pattern observed again) count once, at their strongest. A class is concluded when
 * its confidence reaches {@link #minConfidence()}.
 */
public final class SignatureEngine {

    /** Where users put their own rules on the test classpath. */
    public static final String USER_RULES_DIRECTORY = "panic/rules/";

    static final String PATTERN_DIRECTORY = "dev/panicattack/signature/patterns/";
    private static final String CONCLUSION = "signature";
    private static final int MAX_PROOFS_SHOWN = 5;
    private static final int MAX_NEAR_MISSES = 3;

    /**
     * The confidence a class needs by default to be concluded. Below it, the seeded corpus's
     * reliability table shows stated confidence no longer matching observed accuracy well enough to
     * name a class (docs/patterns.md, "How confident is it").
     */
    public static final double DEFAULT_MIN_CONFIDENCE = 0.5;

    private final RuleProgram program;
    private final long maxDerivedFacts;
    private final Calibration calibration;
    private final double minConfidence;

    private SignatureEngine(RuleProgram program, long maxDerivedFacts, Calibration calibration, double minConfidence) {
        this.program = program;
        this.maxDerivedFacts = maxDerivedFacts;
        this.calibration = calibration;
        this.minConfidence = minConfidence;
    }

    /**
     * The built-in pattern library plus every {@code panic/rules/*.dl} that {@code userRules} sees
     * (in classes directories and jars alike). A broken rule file fails here with file, line and column.
     */
    public static SignatureEngine withPatternLibrary(ClassLoader userRules) {
        List<RuleProgram> programs = new ArrayList<>();
        for (String file : read(PATTERN_DIRECTORY + "index.txt").lines()
                .map(String::strip).filter(line -> !line.isEmpty() && !line.startsWith("#")).toList()) {
            programs.add(RuleProgram.parse(PATTERN_DIRECTORY + file,
                    read(PATTERN_DIRECTORY + file)));
        }
        for (UserRuleFile file : UserRuleFile.findAll(userRules)) {
            programs.add(RuleProgram.parse(file.name(), file.text()));
        }
        return of(RuleProgram.combine(programs)).withCalibration(Calibration.builtIn());
    }

    /** An engine over exactly {@code program}; its {@code signature/2} conclusions must name bug classes. */
    public static SignatureEngine of(RuleProgram program) {
        Objects.requireNonNull(program, "program");
        program.arity(CONCLUSION).filter(arity -> arity != 2).ifPresent(arity -> {
            throw new IllegalArgumentException("signature must have 2 arguments (class, key), but has " + arity);
        });
        return new SignatureEngine(program, RuleProgram.DEFAULT_MAX_DERIVED_FACTS, Calibration.none(),
                DEFAULT_MIN_CONFIDENCE);
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
        return new SignatureEngine(program, RuleProgram.requireMaxDerivedFacts(maxDerivedFacts), calibration, minConfidence);
    }

    /**
     * This engine with the built-in rules' precision taken from {@code calibration} ({@link
     * Calibration#none()}: every rule counts with its weight). Rules from other files keep their weights.
     */
    public SignatureEngine withCalibration(Calibration calibration) {
        return new SignatureEngine(program, maxDerivedFacts, Objects.requireNonNull(calibration, "calibration"),
                minConfidence);
    }

    /**
     * This engine concluding a class only at or above {@code minConfidence} (default {@value
     * #DEFAULT_MIN_CONFIDENCE}); 0 concludes every class derived. The JUnit adapter sets it from the
     * configuration parameter {@code panic.diagnose.minConfidence}.
     *
     * @throws IllegalArgumentException when {@code minConfidence} is not between 0 and 1
     */
    public SignatureEngine withMinConfidence(double minConfidence) {
        if (!(minConfidence >= 0 && minConfidence <= 1)) {
            throw new IllegalArgumentException("minConfidence must be between 0 and 1, but was " + minConfidence);
        }
        return new SignatureEngine(program, maxDerivedFacts, calibration, minConfidence);
    }

    /** The confidence a class needs to be concluded. */
    public double minConfidence() {
        return minConfidence;
    }

    /** The outcomes the built-in rules' precision is computed from. */
    public Calibration calibration() {
        return calibration;
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
        return signatures(program.evaluate(facts, maxDerivedFacts), facts);
    }

    /**
     * Every signature the evidence supports, strongest first, with the confidence a class needs; when
     * none reaches it, the concluding rules of other classes that came nearest to firing (most of their
     * premises matched) and what they lacked.
     *
     * @throws dev.panicattack.signature.datalog.RuleException as {@link #diagnose} does
     */
    public Diagnosis diagnosis(Collection<Fact> facts) {
        Model model = program.evaluate(facts, maxDerivedFacts);
        List<Signature> signatures = signatures(model, facts);
        if (!signatures.isEmpty() && signatures.get(0).confidence() >= minConfidence) {
            return new Diagnosis(signatures, minConfidence, List.of());
        }
        return new Diagnosis(signatures, minConfidence, nearMisses(model, signatures));
    }

    private List<Signature> signatures(Model model, Collection<Fact> facts) {
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
        proofsByClass.forEach((bugClass, proofs) -> signatures.add(signatureOf(bugClass, proofs, evidence)));
        signatures.sort(Comparator.comparingDouble(Signature::confidence).reversed()
                .thenComparing(Signature::bugClass));
        return List.copyOf(signatures);
    }

    private static BugClass bugClassOf(Fact conclusion) {
        Object name = conclusion.values().get(0);
        return BugClass.fromRuleName(String.valueOf(name)).orElseThrow(() -> new IllegalStateException(
                "a rule concluded " + conclusion + ", but '" + name + "' is not a bug class; use one of "
                        + java.util.Arrays.stream(BugClass.values()).map(BugClass::ruleName).toList()));
    }

    /**
     * The concluding rules of classes not derived, nearest first: the more premises naming a string
     * constant matched (a failure type, a hang kind: evidence specific to this test, not facts every test has),
     * then the larger share of premises matched, then the fewer missing. Rules that matched nothing are
     * left out.
     */
    private List<NearMiss> nearMisses(Model model, List<Signature> derived) {
        Set<BugClass> considered = java.util.EnumSet.noneOf(BugClass.class);
        derived.forEach(signature -> considered.add(signature.bugClass()));
        List<NearMiss> misses = new ArrayList<>();
        Map<NearMiss, double[]> nearness = new java.util.HashMap<>();
        for (Rule rule : program.rules()) {
            java.util.Optional<BugClass> bugClass = rule.headPredicate().equals(CONCLUSION)
                    ? rule.headConstant(0).map(String::valueOf).flatMap(BugClass::fromRuleName) : java.util.Optional.empty();
            if (bugClass.isEmpty() || considered.contains(bugClass.get())) {
                continue;
            }
            List<Premise> premises = model.premises(rule);
            long matched = premises.stream().filter(Premise::matched).count();
            if (matched == 0) {
                continue;
            }
            long specific = premises.stream().filter(premise -> premise.matched() && premise.constrained()).count();
            NearMiss miss = new NearMiss(bugClass.get(), rule.name(),
                    premises.stream().filter(premise -> !premise.matched()).map(Premise::atom).toList());
            misses.add(miss);
            nearness.put(miss, new double[] {specific, matched / (double) premises.size()});
        }
        misses.sort(Comparator.comparingDouble((NearMiss miss) -> -nearness.get(miss)[0])
                .thenComparingDouble(miss -> -nearness.get(miss)[1])
                .thenComparingInt(miss -> miss.missing().size()));
        return List.copyOf(misses.subList(0, Math.min(MAX_NEAR_MISSES, misses.size())));
    }

    /** The class's signature; its remedy is read from the proof's facts and, for frames, the rest of the evidence. */
    private Signature signatureOf(BugClass bugClass, List<Derivation> derivations,
            java.util.function.Function<String, List<Fact>> inputs) {
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
        ranked.sort(Comparator.comparingDouble(this::strength).reversed());
        List<LineOfReasoning> reasoning = ranked.stream()
                .map(derivation -> new LineOfReasoning(derivation.rule().orElseThrow().name(), strength(derivation))).toList();
        double confidence = LineOfReasoning.combined(reasoning.stream().map(LineOfReasoning::strength).toList());
        List<String> proofs = ranked.stream().limit(MAX_PROOFS_SHOWN).map(Derivation::render).toList();
        Set<Fact> evidence = new LinkedHashSet<>();
        ranked.stream().limit(MAX_PROOFS_SHOWN).forEach(derivation -> evidence.addAll(derivation.leaves()));
        List<Fact> proofFacts = List.copyOf(evidence);
        return new Signature(bugClass, confidence, proofs, proofFacts, reasoning,
                Remedies.of(bugClass, ProofEvidence.of(proofFacts, inputs)));
    }

    private static Set<String> rulesOf(Derivation derivation, Set<String> into) {
        derivation.rule().ifPresent(rule -> into.add(rule.name()));
        for (Derivation premise : derivation.premises()) {
            rulesOf(premise, into);
        }
        return into;
    }

    /**
     * The concluding rule's precision (calibrated for a built-in rule, else its weight) times the
     * weights of every rule application it rests on.
     */
    double strength(Derivation derivation) {
        Rule concluding = derivation.rule().orElseThrow();
        double strength = concluding.source().startsWith(PATTERN_DIRECTORY)
                ? calibration.precision(concluding.name(), concluding.weight()) : concluding.weight();
        for (Derivation premise : derivation.premises()) {
            strength *= weights(premise);
        }
        return strength;
    }

    /** The product of the weights of every rule application in the proof. */
    private static double weights(Derivation derivation) {
        double weights = derivation.rule().map(Rule::weight).orElse(1.0);
        for (Derivation premise : derivation.premises()) {
            weights *= weights(premise);
        }
        return weights;
    }

    /** Through this class, so the module's own resources are found on the module path too. */
    private static String read(String resource) {
        try (InputStream in = SignatureEngine.class.getResourceAsStream("/" + resource)) {
            if (in == null) {
                throw new IllegalStateException("the rules file " + resource + " is listed but missing from panic-core: rebuild the jar");
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
