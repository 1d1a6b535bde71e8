package dev.panicattack.report;

import java.nio.file.Path;
import java.util.Objects;

/** The two files written for one test: the full JSON and the self-contained HTML page. */
public record ReportFiles(Path json, Path html) {

    public ReportFiles {
        Objects.requireNonNull(json, "json");
        Objects.requireNonNull(html, "html");
    }
}
