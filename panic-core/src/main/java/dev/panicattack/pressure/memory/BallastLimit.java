package dev.panicattack.pressure.memory;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.sun.management.HotSpotDiagnosticMXBean;
import com.sun.management.VMOption;

/**
 * The most heap ballast a test may hold. When nobody chose the JVM's maximum heap (no {@code -Xmx},
 * {@code -XX:MaxHeapSize}, {@code -XX:MaxRAMPercentage} or {@code -XX:MaxRAM}), the JVM takes a quarter
 * of the machine's memory, and {@code memory = 70} of that is gigabytes of ballast on a laptop: the
 * ballast is then limited, to {@value #DEFAULT_LIMIT_TEXT} unless {@value #LIMIT_PROPERTY_NAME} says
 * otherwise. A heap size given explicitly is taken as the user's choice, and nothing is limited.
 * Semantics: {@code docs/heap-pressure.md}, {@code docs/setup.md}.
 *
 * @param bytes the limit in bytes; empty when the ballast is not limited
 */
public record BallastLimit(OptionalLong bytes) {

    /**
     * System property: the ballast limit when the maximum heap was not set explicitly, as a size
     * ({@code 512m}, {@code 2g}, {@code 1048576}) or {@code none}. Default {@value #DEFAULT_LIMIT_TEXT}.
     */
    public static final String LIMIT_PROPERTY_NAME = "panic.memory.ballastLimit";

    /** The default limit, as {@value #LIMIT_PROPERTY_NAME} would spell it. */
    public static final String DEFAULT_LIMIT_TEXT = "1g";

    /** Where a limited ballast says so in the pressure summary: {@code ballast limited to 1 GiB}. */
    public static final String SUMMARY_NOTE = "ballast limited to ";

    private static final long DEFAULT_LIMIT_BYTES = 1L << 30;
    /** The options that choose the maximum heap; any of them set by someone other than the JVM counts. */
    private static final List<String> HEAP_SIZE_OPTIONS = List.of("MaxHeapSize", "MaxRAMPercentage", "MaxRAM",
            "MaxRAMFraction");
    private static final Pattern SIZE = Pattern.compile("(\\d+)([kmg]?)");

    public BallastLimit {
        bytes.ifPresent(value -> {
            if (value <= 0) {
                throw new IllegalArgumentException("a ballast limit must be positive, but was " + value + " bytes");
            }
        });
    }

    /** No limit. */
    public static BallastLimit none() {
        return new BallastLimit(OptionalLong.empty());
    }

    /** The limit for this JVM, from its heap-size options and the {@value #LIMIT_PROPERTY_NAME} system property. */
    public static BallastLimit ofThisJvm(long maxHeapBytes) {
        return decide(heapSizeExplicit(heapSizeOptions()), maxHeapBytes,
                Optional.ofNullable(System.getProperty(LIMIT_PROPERTY_NAME)));
    }

    /**
     * The decision: no limit when the heap size was set explicitly or when the limit would not be
     * below {@code maxHeapBytes}; otherwise {@code configured} ({@value #LIMIT_PROPERTY_NAME}) or the default.
     *
     * @throws IllegalArgumentException when {@code configured} is neither a size nor {@code none}
     */
    public static BallastLimit decide(boolean heapSizeExplicit, long maxHeapBytes, Optional<String> configured) {
        OptionalLong limit = configured.map(BallastLimit::parse).orElse(OptionalLong.of(DEFAULT_LIMIT_BYTES));
        if (heapSizeExplicit || limit.isEmpty() || limit.getAsLong() >= maxHeapBytes) {
            return none();
        }
        return new BallastLimit(limit);
    }

    /** Whether any of {@code options} that chooses the maximum heap was set by someone other than the JVM. */
    public static boolean heapSizeExplicit(List<VMOption> options) {
        return options.stream().filter(option -> HEAP_SIZE_OPTIONS.contains(option.getName()))
                .anyMatch(option -> option.getOrigin() != VMOption.Origin.DEFAULT
                        && option.getOrigin() != VMOption.Origin.ERGONOMIC);
    }

    /** {@code wantedBytes}, or the limit when it is lower. */
    public long apply(long wantedBytes) {
        return bytes.isPresent() ? Math.min(wantedBytes, bytes.getAsLong()) : wantedBytes;
    }

    /** {@code ballast limited to 1 GiB (no -Xmx)}, for the summary of a test whose ballast the limit held back. */
    public String note() {
        return SUMMARY_NOTE + size(bytes.orElse(0)) + " (no -Xmx)";
    }

    /** The warning printed once per run when the limit held back the ballast of {@code tests} tests, naming the fix. */
    public static String warning(int tests) {
        return "panic-attack: " + tests + (tests == 1 ? " test's" : " tests'") + " heap ballast was limited ("
                + LIMIT_PROPERTY_NAME + ", default " + DEFAULT_LIMIT_TEXT + ") because the test JVM's maximum heap was"
                + " not set and the JVM chose it from the machine's memory, so the memory percentages asked for were not"
                + " reached. Set -Xmx in the test JVM's arguments (Surefire's argLine, for example"
                + " <argLine>-Xmx1g</argLine>, or Gradle's jvmArgs) to apply them in full, or -D"
                + LIMIT_PROPERTY_NAME + "=none to lift the limit (docs/setup.md)";
    }

    private static OptionalLong parse(String text) {
        String value = text.trim().toLowerCase(Locale.ROOT);
        if (value.equals("none")) {
            return OptionalLong.empty();
        }
        Matcher size = SIZE.matcher(value);
        if (size.matches()) {
            int shift = switch (size.group(2)) {
                case "k" -> 10;
                case "m" -> 20;
                case "g" -> 30;
                default -> 0;
            };
            try {
                long number = Long.parseLong(size.group(1));
                if (number > 0 && number <= Long.MAX_VALUE >> shift) {
                    return OptionalLong.of(number << shift);
                }
            } catch (NumberFormatException e) {
                // too many digits: said below
            }
        }
        throw new IllegalArgumentException(LIMIT_PROPERTY_NAME + " must be a positive size such as 512m or 2g, or none,"
                + " but was '" + text + "'; the default is " + DEFAULT_LIMIT_TEXT);
    }

    private static String size(long bytes) {
        if (bytes % (1L << 30) == 0) {
            return (bytes >> 30) + " GiB";
        }
        if (bytes % (1L << 20) == 0) {
            return (bytes >> 20) + " MiB";
        }
        return bytes + " bytes";
    }

    private static List<VMOption> heapSizeOptions() {
        HotSpotDiagnosticMXBean diagnostic = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
        List<VMOption> options = new ArrayList<>();
        if (diagnostic == null) {
            return options; // not HotSpot: nothing says the size was chosen, so the limit applies
        }
        for (String name : HEAP_SIZE_OPTIONS) {
            try {
                options.add(diagnostic.getVMOption(name));
            } catch (IllegalArgumentException e) {
                // an option this JVM does not have (MaxRAMFraction is gone from newer JDKs)
            }
        }
        return options;
    }
}
