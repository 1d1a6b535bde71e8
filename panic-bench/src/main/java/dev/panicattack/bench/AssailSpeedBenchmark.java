package dev.panicattack.bench;

import dev.panicattack.assail.AssailScanner;
import dev.panicattack.assail.AssailReport;
import dev.panicattack.assail.Category;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Locale;

/** {@code assail-speed}: scans the guava 33.5.0-jre jar from the local Maven repository and times it. */
final class AssailSpeedBenchmark implements Benchmark {

    private static final String JAR = "guava-33.5.0-jre.jar";

    @Override
    public String name() {
        return "assail-speed";
    }

    @Override
    public void run(PrintStream out) {
        Path jar = Path.of(System.getProperty("user.home"), ".m2/repository/com/google/guava/guava/33.5.0-jre", JAR);
        AssailScanner.scan(jar); // warm-up: class loading and JIT of the scanner itself
        long start = System.nanoTime();
        AssailReport report = AssailScanner.scan(jar);
        double seconds = (System.nanoTime() - start) / 1e9;
        for (Category category : Category.values()) {
            out.println(category + " " + report.count(category));
        }
        out.println(String.format(Locale.ROOT,
                "RESULT assail-speed jar=%s classes=%d seconds=%.3f classes_per_second=%.0f findings=%d",
                JAR, report.classesScanned(), seconds, report.classesScanned() / seconds, report.findings().size()));
    }
}
