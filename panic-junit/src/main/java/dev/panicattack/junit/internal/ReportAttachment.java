package dev.panicattack.junit.internal;

import java.nio.file.Files;

import org.junit.jupiter.api.extension.ExtensionContext;

/** Attaches the HTML report to the test where the running JUnit can publish files. */
final class ReportAttachment {

    private ReportAttachment() {
    }

    @SuppressWarnings({"deprecation", "removal"}) // the MediaType JUnit 5.13 has too; 5.14 and 6 keep it, deprecated
    static void attach(ExtensionContext context, java.nio.file.Path html) {
        try {
            context.publishFile(html.getFileName().toString(), org.junit.jupiter.api.extension.MediaType.create("text", "html", java.nio.charset.StandardCharsets.UTF_8),
                    target -> Files.copy(html, target));
        } catch (UnsupportedOperationException | LinkageError | org.junit.platform.commons.JUnitException unsupported) {
            // A JUnit line or launcher without file output (EngineTestKit by default): the report entry names the file.
        }
    }
}
