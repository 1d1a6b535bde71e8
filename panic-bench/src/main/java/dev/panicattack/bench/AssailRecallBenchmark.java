package dev.panicattack.bench;

import dev.panicattack.assail.AssailScanner;
import dev.panicattack.assail.AssailReport;
import dev.panicattack.assail.Category;
import dev.panicattack.assail.Finding;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.file.Path;

/**
 * {@code assail-recall}: scans the seeded corpus in {@code dev.panicattack.bench.assail} (compiled into
 * panic-bench's own classes) and counts seeded categories found and findings on clean classes.
 */
final class AssailRecallBenchmark implements Benchmark {

    @Override
    public String name() {
        return "assail-recall";
    }

    @Override
    public void run(PrintStream out) throws URISyntaxException {
        Path corpus = Path.of(AssailRecallBenchmark.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                .resolve("dev/panicattack/bench/assail");
        AssailReport report = AssailScanner.scan(corpus);
        int found = 0;
        for (Category category : Category.values()) {
            String seeded = "$Seeded" + category.name();
            boolean hit = report.findings().stream()
                    .anyMatch(f -> f.category() == category && f.className().endsWith(seeded));
            out.println((hit ? "found   " : "MISSED  ") + category);
            found += hit ? 1 : 0;
        }
        long clean = 0;
        for (Finding finding : report.findings()) {
            boolean seededHit = finding.className().endsWith("$Seeded" + finding.category().name());
            if (finding.className().contains("$Clean")) {
                clean++;
                out.println("clean finding: " + finding.toLine());
            } else if (!seededHit) {
                out.println("extra finding on a seeded class: " + finding.toLine());
            }
        }
        out.println("RESULT assail-recall found=" + found + " expected=" + Category.values().length
                + " clean_findings=" + clean);
    }
}
