package dev.panicattack.chaosmesh;

import java.util.Objects;

/**
 * A constraint set could not be exported, or a manifest could not be imported or validated: the
 * message starts with the key or field at fault ({@code disk.scope}, {@code spec.stressors.cpu.load})
 * and says what to change.
 */
public final class ChaosMeshException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String key;

    public ChaosMeshException(String key, String problem) {
        super(key + ": " + problem);
        this.key = Objects.requireNonNull(key, "key");
    }

    /** The constraint-set key ({@code memory.leakRate}), export input ({@code cpuLimit}) or manifest field at fault. */
    public String key() {
        return key;
    }
}
