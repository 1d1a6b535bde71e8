package dev.panicattack.junit;

import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;

import dev.panicattack.assail.AssailException;
import dev.panicattack.assail.AssailReport;
import dev.panicattack.assail.Category;
import dev.panicattack.assail.Finding;
import dev.panicattack.assail.TargetedAttack;
import dev.panicattack.internal.classpath.ClassPathDirectory;
import dev.panicattack.subject.Subject;
import dev.panicattack.constraint.Constraints;
import dev.panicattack.evidence.Fact;

/**
 * What {@link Assail} asks for one test: the locations scanned (each once per run, cached in the root
 * Store), the findings kept, and the {@link TargetedAttack} they choose. Validated and scanned before
 * anything starts. The facts and the summary for the test are kept in the test's Store until the trial
 * records them.
 */
record AssailDeclaration(List<Path> locations, List<Finding> findings, TargetedAttack attack) {

    private static final String FACTS = "assail.facts";
    private static final String SUMMARY = "assail.summary";

    /** Empty when the test carries no {@link Assail}; otherwise scans and chooses. */
    static Optional<AssailDeclaration> of(ExtensionContext context, String where) {
        Optional<Assail> annotation = PressureDeclaration.nearest(context, Assail.class);
        if (annotation.isEmpty()) {
            return Optional.empty();
        }
        Assail assail = annotation.get();
        Class<?> testClass = context.getRequiredTestClass();
        Set<Path> locations = new LinkedHashSet<>();
        List<String> subjects = new ArrayList<>();
        for (String text : assail.paths()) {
            if (text == null || text.isBlank()) {
                throw new ExtensionConfigurationException("@Assail(paths) must not contain a blank path, but was "
                        + Arrays.toString(assail.paths()) + " on " + where + "; name a classes directory or a jar,"
                        + " for example \"target/classes\"");
            }
            locations.add(Path.of(text).toAbsolutePath().normalize());
        }
        for (Class<?> subject : assail.value()) {
            locations.add(codeSource(subject, where));
            subjects.add(subject.getName());
        }
        for (String name : assail.packages()) {
            if (name == null || name.isBlank() || !name.matches("[\\w$]+(\\.[\\w$]+)*")) {
                throw new ExtensionConfigurationException("@Assail(packages) must name Java packages, but was "
                        + Arrays.toString(assail.packages()) + " on " + where + "; for example \"com.acme.bank\"");
            }
            List<Path> roots = rootsHolding(testClass, name, where);
            if (roots.isEmpty()) {
                throw new ExtensionConfigurationException("@Assail(packages) names '" + name + "', which no classpath"
                        + " root of " + testClass.getSimpleName() + " holds, on " + where
                        + "; name a package of the code under test, or scan a location with @Assail(paths)");
            }
            locations.addAll(roots);
            subjects.add(name);
        }
        if (locations.isEmpty()) {
            String name = testClass.getPackageName();
            if (name.isEmpty()) {
                throw new ExtensionConfigurationException("@Assail on " + where + " has no subject: the test class"
                        + " is in the unnamed package; name the classes under test with @Assail(SomeClass.class)");
            }
            Path own = codeSource(testClass, where);
            List<Path> roots = new ArrayList<>(rootsHolding(testClass, name, where));
            if (roots.size() > 1) {
                roots.remove(own);
            }
            locations.addAll(roots.isEmpty() ? List.of(own) : roots);
            subjects.add(name);
        }
        Set<Category> ignored = assail.ignore().length == 0 ? EnumSet.noneOf(Category.class)
                : EnumSet.copyOf(Arrays.asList(assail.ignore()));
        Subject named = new Subject(subjects);
        List<Finding> kept = new ArrayList<>();
        for (Path location : locations) {
            for (Finding finding : scan(context, location, where).findings()) {
                boolean subject = named.isEmpty() || named.includes(finding.className());
                if (subject && !ignored.contains(finding.category())) {
                    kept.add(finding);
                }
            }
        }
        return Optional.of(new AssailDeclaration(List.copyOf(locations), kept, TargetedAttack.choose(kept,
                Subject.packageOf(context.getRequiredTestClass()))));
    }

    /**
     * Keeps this test's facts and summary, decided against what the test declares {@code explicit}ly,
     * until the trial starts.
     */
    void remember(ExtensionContext context, Constraints explicit) {
        ExtensionContext.Store store = PanicStore.of(context);
        store.put(FACTS, attack.facts(explicit));
        List<String> lines = new ArrayList<>();
        lines.add(attack.summary() + " (scanned " + locations.stream().map(Path::toString)
                .reduce((a, b) -> a + ", " + b).orElse("nothing") + ")");
        attack.decisions(explicit).forEach(decision -> lines.add(decision.describe()));
        store.put(SUMMARY, String.join("\n", lines));
    }

    /** The facts {@link #remember} kept for this test; empty without {@link Assail}. */
    static List<Fact> facts(ExtensionContext context) {
        @SuppressWarnings("unchecked")
        List<Fact> facts = PanicStore.of(context).getOrDefault(FACTS, List.class, List.of());
        return facts;
    }

    /** Publishes the {@value Assail#REPORT_ENTRY} report entry when this test was assailed. */
    static void publish(ExtensionContext context) {
        String summary = PanicStore.of(context).get(SUMMARY, String.class);
        if (summary != null) {
            context.publishReportEntry(Assail.REPORT_ENTRY, summary);
        }
    }

    /** The declared facts plus the Assail facts, for the trial spec. */
    static List<Fact> withFacts(ExtensionContext context, List<Fact> declared) {
        List<Fact> facts = facts(context);
        if (facts.isEmpty()) {
            return declared;
        }
        List<Fact> all = new ArrayList<>(declared);
        all.addAll(facts);
        return Collections.unmodifiableList(all);
    }

    private static AssailReport scan(ExtensionContext context, Path location, String where) {
        ExtensionContext.Store root = PanicStore.ofRun(context);
        String key = "assail.scan:" + location;
        // One scan per location per run: every test of a class (and every class naming the same code) shares it.
        synchronized (AssailDeclaration.class) {
            AssailReport known = root.get(key, AssailReport.class);
            if (known != null) {
                return known;
            }
            AssailReport report;
            try {
                report = dev.panicattack.assail.AssailScanner.scan(location);
            } catch (AssailException e) {
                throw new ExtensionConfigurationException("@Assail cannot scan the code under test of " + where + ": "
                        + e.getMessage(), e);
            }
            root.put(key, report);
            return report;
        }
    }

    private static Path codeSource(Class<?> type, String where) {
        CodeSource source = type.getProtectionDomain().getCodeSource();
        if (source == null || source.getLocation() == null) {
            throw new ExtensionConfigurationException("@Assail names " + type.getName() + " on " + where
                    + ", whose class has no code source to scan (a JDK or generated class); name a class of the code"
                    + " under test, or a location with @Assail(paths)");
        }
        try {
            return Path.of(source.getLocation().toURI()).toAbsolutePath().normalize();
        } catch (URISyntaxException | IllegalArgumentException | java.nio.file.FileSystemNotFoundException e) {
            throw new ExtensionConfigurationException("@Assail cannot locate the classes of " + type.getName() + " on "
                    + where + ": its code source " + source.getLocation() + " is not a local directory or jar ("
                    + e.getMessage() + "); scan a location with @Assail(paths)", e);
        }
    }

    /** Every classes directory or jar on the test's class path that holds the package's directory. */
    private static List<Path> rootsHolding(Class<?> testClass, String packageName, String where) {
        ClassLoader loader = testClass.getClassLoader() != null ? testClass.getClassLoader()
                : ClassLoader.getSystemClassLoader();
        try {
            return ClassPathDirectory.of(loader, packageName.replace('.', '/')).roots();
        } catch (UncheckedIOException e) {
            throw new ExtensionConfigurationException("@Assail cannot list the classpath roots holding " + packageName
                    + " for " + where + ": " + e.getMessage(), e);
        }
    }
}
