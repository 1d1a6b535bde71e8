package dev.panicattack.assail;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.tree.ClassNode;

/**
 * Static analysis of compiled classes: finds code that pressure would break (recursion, lock-order
 * inversions, growing static collections, unstopped threads, blocking calls without timeouts,
 * swallowed exceptions, busy waits, unbounded queues, unfiltered deserialization).
 *
 * <p>Classes are read one at a time; only compact per-method summaries (call edges, lock pairs,
 * static collection uses) are kept for the whole-program rules, so multi-megabyte jars scan in a
 * small heap. See {@code docs/assail.md}.
 */
public final class AssailScanner {

    /** The highest class-file major version ASM 9.9 reads (Java 26). */
    static final int LATEST_READABLE_MAJOR = 70;

    private AssailScanner() {
    }

    /**
     * Scans a classes directory (e.g. {@code target/classes}) or a jar.
     *
     * @throws AssailException if the path does not exist, the jar is corrupt, a class file is invalid,
     *     or a class was compiled for a newer class-file version than this scanner reads
     */
    public static AssailReport scan(Path classesDirOrJar) {
        Objects.requireNonNull(classesDirOrJar, "classesDirOrJar");
        ProgramFacts program = new ProgramFacts();
        List<Finding> findings = new ArrayList<>();
        Map<String, String> sourcePaths = new HashMap<>();
        int[] counts = new int[1];
        ClassFiles.forEach(classesDirOrJar, (entry, bytes) -> {
            ClassNode type = read(classesDirOrJar, entry, bytes);
            sourcePaths.put(type.name.replace('/', '.'), sourcePath(type));
            ClassScan.scan(type, program, findings);
            counts[0]++;
        });
        findings.addAll(program.findings());
        findings.sort(Comparator.comparing(Finding::className).thenComparingInt(Finding::line)
                .thenComparing(Finding::category).thenComparing(Finding::method).thenComparing(Finding::detail));
        return new AssailReport(findings, counts[0], sourcePaths);
    }

    private static ClassNode read(Path input, String entry, byte[] bytes) {
        if (bytes.length < 10 || (bytes[0] & 0xff) != 0xCA || (bytes[1] & 0xff) != 0xFE
                || (bytes[2] & 0xff) != 0xBA || (bytes[3] & 0xff) != 0xBE) {
            throw new AssailException("Cannot scan " + input + ": " + entry + " is not a class file (no 0xCAFEBABE"
                    + " header); remove it or rebuild the classes");
        }
        int major = ((bytes[6] & 0xff) << 8) | (bytes[7] & 0xff);
        ClassReader reader;
        try {
            reader = new ClassReader(bytes);
        } catch (IllegalArgumentException e) {
            if (major > LATEST_READABLE_MAJOR) {
                throw new AssailException("Cannot scan " + input + ": " + entry + " has class-file major version "
                        + major + " (Java " + (major - 44) + "), newer than this scanner reads (up to "
                        + LATEST_READABLE_MAJOR + ", Java " + (LATEST_READABLE_MAJOR - 44) + ");"
                        + " compile with --release " + (LATEST_READABLE_MAJOR - 44)
                        + " or older, or upgrade ASM", e);
            }
            throw new AssailException("Cannot scan " + input + ": " + entry + " is not a valid class file ("
                    + e + "); rebuild the classes", e);
        }
        ClassNode type = new ClassNode();
        try {
            reader.accept(type, ClassReader.SKIP_FRAMES);
        } catch (RuntimeException e) {
            // ASM reports truncated or inconsistent class files with index and argument exceptions.
            throw new AssailException("Cannot scan " + input + ": " + entry + " is not a valid class file ("
                    + e + "); rebuild the classes", e);
        }
        return type;
    }

    private static String sourcePath(ClassNode type) {
        int slash = type.name.lastIndexOf('/');
        String dir = slash < 0 ? "" : type.name.substring(0, slash + 1);
        if (type.sourceFile != null) {
            return dir + type.sourceFile;
        }
        String simple = type.name.substring(slash + 1);
        int dollar = simple.indexOf('$');
        return dir + (dollar > 0 ? simple.substring(0, dollar) : simple) + ".java";
    }
}
