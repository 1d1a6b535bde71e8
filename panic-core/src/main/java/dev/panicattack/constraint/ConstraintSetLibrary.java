package dev.panicattack.constraint;

import dev.panicattack.constraint.ParsedConstraintSet.ParentReference;
import dev.panicattack.internal.classpath.ClassPathDirectory;
import dev.panicattack.internal.classpath.ClassPathEntry;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URL;
import java.net.URLConnection;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Named constraint sets, read from YAML on a class path: the user's sets at
 * {@value #USER_DIRECTORY}{@code <name>.yaml} first, then the sets built into panic-attack at
 * {@value #BUILT_IN_DIRECTORY}{@code <name>.yaml}. The schema, lookup order and merge rules are in
 * {@code docs/constraint-sets.md}.
 *
 * <p>Immutable and thread-safe; it caches nothing, so every {@link #load(String)} reads the files
 * again. Every failure is a {@link ConstraintSetException} naming the file, line, column and key.
 */
public final class ConstraintSetLibrary {

    /** Where user sets live on the class path (for example {@code src/test/resources/panic/constraint-sets/}). */
    public static final String USER_DIRECTORY = "panic/constraint-sets/";

    /** Where the built-in sets live inside panic-core. */
    public static final String BUILT_IN_DIRECTORY = "dev/panicattack/constraint/builtin/";

    private static final String EXTENSION = ".yaml";

    private final ClassLoader loader;
    private final ConstraintSetParser parser = new ConstraintSetParser();

    private ConstraintSetLibrary(ClassLoader loader) {
        this.loader = loader;
    }

    /** A library reading user sets through {@code loader} (typically the test class's loader). */
    public static ConstraintSetLibrary fromClassLoader(ClassLoader loader) {
        return new ConstraintSetLibrary(Objects.requireNonNull(loader, "loader"));
    }

    /**
     * The set called {@code name}, with its {@code extends:} parents resolved: each parent is loaded
     * the same way, parents listed later override earlier ones, and the set's own fields override all.
     *
     * @throws ConstraintSetException if the name is malformed or unknown, a file is invalid, or the
     *                                {@code extends:} chain is broken or cyclic
     */
    public Constraints load(String name) {
        Objects.requireNonNull(name, "name");
        if (!ConstraintSetName.isValid(name)) {
            throw new ConstraintSetException("", 0, 0, "", ConstraintSetName.invalid(name));
        }
        return resolve(name, new ArrayList<>(), Optional.empty());
    }

    /**
     * The sets called {@code names}, each {@linkplain #load(String) loaded}, merged field by field with
     * later names overriding earlier ones; the result is named by the names joined with {@code +}.
     */
    public Constraints loadAll(List<String> names) {
        List<String> copy = List.copyOf(names);
        if (copy.isEmpty()) {
            throw new IllegalArgumentException("loadAll needs at least one constraint-set name, but the list was empty");
        }
        Constraints merged = load(copy.get(0));
        for (String name : copy.subList(1, copy.size())) {
            merged = merged.overriddenBy(load(name));
        }
        return new Constraints(String.join("+", copy), merged.description(), merged.cpu(), merged.memory(),
                merged.network(), merged.disk(), merged.concurrency(), merged.time());
    }

    /**
     * One set written as YAML text by code rather than found on a class path (a breaking-point level,
     * for example), read and validated exactly as a file called {@code name}.yaml would be, errors
     * located in {@code source}; it may not extend other sets.
     *
     * @throws ConstraintSetException if the text is not a valid set named {@code name}, or has {@code extends:}
     */
    public static Constraints parse(String source, String name, String text) {
        ParsedConstraintSet parsed = new ConstraintSetParser().parse(source, name, text);
        if (!parsed.parents().isEmpty()) {
            throw parsed.extendsKey().orElseThrow().error("extends", "a set given as text cannot extend other sets");
        }
        return parsed.declared();
    }

    /**
     * The names {@link #load(String)} can find, sorted: the built-in sets and the user sets listed from
     * {@value #USER_DIRECTORY} in directories and jars of the class path.
     */
    public List<String> availableNames() {
        SortedSet<String> names = new TreeSet<>(builtInNames());
        names.addAll(userNames());
        return List.copyOf(names);
    }

    private Constraints resolve(String name, List<String> chain, Optional<SourceLocation> referencedFrom) {
        Found found = find(name).orElseThrow(() -> unknown(name, referencedFrom));
        ParsedConstraintSet parsed = parse(found, name);
        chain.add(name);
        Constraints parents = null;
        for (ParentReference parent : parsed.parents()) {
            if (chain.contains(parent.name())) {
                SourceLocation at = parsed.extendsKey().orElse(parent.location());
                throw at.error("extends", "cycle " + String.join(" -> ", chain) + " -> " + parent.name()
                        + "; a set cannot extend itself, directly or through other sets");
            }
            Constraints resolved = resolve(parent.name(), chain, Optional.of(parent.location()));
            parents = parents == null ? resolved : parents.overriddenBy(resolved);
        }
        chain.remove(chain.size() - 1);
        return parents == null ? parsed.declared() : parents.overriddenBy(parsed.declared());
    }

    private ParsedConstraintSet parse(Found found, String name) {
        try (InputStream in = open(found.url())) {
            return parser.parse(found.source(), name, in);
        } catch (IOException e) {
            throw new ConstraintSetException(found.source(), 0, 0, "", "could not be read from " + found.url() + ": " + e, e);
        }
    }

    private Optional<Found> find(String name) {
        String userPath = USER_DIRECTORY + name + EXTENSION;
        URL user = loader.getResource(userPath);
        if (user != null) {
            return Optional.of(new Found(userPath, user));
        }
        String builtInPath = BUILT_IN_DIRECTORY + name + EXTENSION;
        // Built-ins ship with this class, whatever loader the user's sets come from.
        URL builtIn = ConstraintSetLibrary.class.getResource("/" + builtInPath);
        return Optional.ofNullable(builtIn).map(url -> new Found(builtInPath, url));
    }

    private ConstraintSetException unknown(String name, Optional<SourceLocation> referencedFrom) {
        StringBuilder problem = new StringBuilder("no constraint set named '").append(name)
                .append("' (looked for ").append(USER_DIRECTORY).append(name).append(EXTENSION)
                .append(" on the class path, then the built-in sets); available: ")
                .append(String.join(", ", availableNames()));
        String misnamed = USER_DIRECTORY + name + ".yml";
        if (loader.getResource(misnamed) != null) {
            problem.append("; found ").append(misnamed).append(": rename it to ").append(name).append(EXTENSION);
        }
        return referencedFrom.map(at -> at.error("extends", problem.toString()))
                .orElseGet(() -> new ConstraintSetException("", 0, 0, "", problem.toString()));
    }

    private static List<String> builtInNames() {
        String index = BUILT_IN_DIRECTORY + "index.txt";
        URL url = ConstraintSetLibrary.class.getResource("/" + index);
        if (url == null) {
            throw new IllegalStateException(index + " is missing from panic-core; the jar is incomplete, rebuild it");
        }
        List<String> names = new ArrayList<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(open(url), StandardCharsets.UTF_8))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                String name = line.strip();
                if (!name.isEmpty() && !name.startsWith("#")) {
                    names.add(name);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + url, e);
        }
        return names;
    }

    private List<String> userNames() {
        List<String> names = new ArrayList<>();
        // Classes directories and jars alike; other roots (custom loaders) cannot be listed, their sets still load by name.
        for (ClassPathEntry entry : ClassPathDirectory.of(loader, USER_DIRECTORY).entries(ClassPathDirectory.Depth.FILES)) {
            addIfSetFile(entry.fileName(), names);
        }
        return names;
    }

    private static void addIfSetFile(String fileName, List<String> names) {
        if (fileName.endsWith(EXTENSION)) {
            String name = fileName.substring(0, fileName.length() - EXTENSION.length());
            if (ConstraintSetName.isValid(name)) {
                names.add(name);
            }
        }
    }

    /** Uncached, so a jar read through a jar: URL is not held open (and locked on Windows) afterwards. */
    private static InputStream open(URL url) throws IOException {
        URLConnection connection = url.openConnection();
        connection.setUseCaches(false);
        return connection.getInputStream();
    }

    private record Found(String source, URL url) {
    }
}
