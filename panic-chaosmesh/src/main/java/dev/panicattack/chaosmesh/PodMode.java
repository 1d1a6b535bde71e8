package dev.panicattack.chaosmesh;

import java.util.Arrays;
import java.util.stream.Collectors;

/** How many of the selected pods a fault acts on: Chaos Mesh's {@code mode} (with {@code value} where it needs one). */
public enum PodMode {
    /** One pod, drawn at random. */
    ONE("one", false),
    /** Every selected pod. */
    ALL("all", false),
    /** {@code value} pods, drawn at random. */
    FIXED("fixed", true),
    /** {@code value} percent of the pods, drawn at random. */
    FIXED_PERCENT("fixed-percent", true),
    /** At most {@code value} percent of the pods, a random share. */
    RANDOM_MAX_PERCENT("random-max-percent", true);

    private final String text;
    private final boolean needsValue;

    PodMode(String text, boolean needsValue) {
        this.text = text;
        this.needsValue = needsValue;
    }

    /** The spelling in a manifest, such as {@code fixed-percent}. */
    public String text() {
        return text;
    }

    /** True when the mode needs a {@code value}. */
    public boolean needsValue() {
        return needsValue;
    }

    /**
     * The mode spelt {@code text} in a manifest.
     *
     * @throws ChaosMeshException naming {@code mode} and the valid spellings
     */
    public static PodMode parse(String text) {
        return Arrays.stream(values()).filter(mode -> mode.text.equals(text)).findFirst()
                .orElseThrow(() -> new ChaosMeshException("mode", "unknown mode '" + text + "'; use one of "
                        + Arrays.stream(values()).map(PodMode::text).collect(Collectors.joining(", "))));
    }
}
