package dev.panicattack.junit;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.junit.jupiter.api.extension.ExtensionContext;

import dev.panicattack.constraint.Constraints;
import dev.panicattack.constraint.ConstraintSetLibrary;
import dev.panicattack.constraint.ConstraintSetName;

/**
 * The constraint sets this run has loaded, by the names a test asked for, kept in the root Store:
 * a run-wide set is read and validated once per run, not once per test. A set that fails to load is
 * not kept, so every test that needs it reports the error.
 */
final class LoadedSets {


    private final ConstraintSetLibrary library;
    private final Map<List<ConstraintSetName>, Constraints> byNames = new ConcurrentHashMap<>();

    private LoadedSets(ConstraintSetLibrary library) {
        this.library = library;
    }

    /** The run's sets, looked up on {@code loader}'s class path (the test classes', the same for the whole run). */
    static LoadedSets of(ExtensionContext context, ClassLoader loader) {
        ExtensionContext.Store root = PanicStore.ofRun(context);
        synchronized (LoadedSets.class) {
            LoadedSets sets = root.get(LoadedSets.class, LoadedSets.class);
            if (sets == null) {
                sets = new LoadedSets(ConstraintSetLibrary.fromClassLoader(loader));
                root.put(LoadedSets.class, sets);
            }
            return sets;
        }
    }

    /**
     * The sets named, merged in order, as {@link ConstraintSetLibrary#loadAll} gives them.
     *
     * @throws dev.panicattack.constraint.ConstraintSetException when one cannot be loaded
     */
    Constraints load(List<ConstraintSetName> names) {
        return byNames.computeIfAbsent(List.copyOf(names),
                checked -> library.loadAll(checked.stream().map(ConstraintSetName::value).toList()));
    }
}
