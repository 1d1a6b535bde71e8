package dev.panicattack.junit;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.function.ThrowingConsumer;
import org.junit.platform.commons.JUnitException;

/**
 * Attaches the HTML report to the test where the running JUnit can publish files (Jupiter 5.12 and
 * later). The jar is compiled against JUnit 6 but runs on 5.10 too, where neither
 * {@code ExtensionContext.publishFile} nor a {@code MediaType} exists: both are looked up by name.
 */
final class ReportAttachment {

    /** Where the running JUnit keeps its media type: 5.14 and later, else 5.12 and 5.13. */
    private static final List<String> MEDIA_TYPES = List.of("org.junit.jupiter.api.MediaType",
            "org.junit.jupiter.api.extension.MediaType");

    private ReportAttachment() {
    }

    static void attach(ExtensionContext context, Path html) {
        for (String mediaTypeName : MEDIA_TYPES) {
            Method create;
            Method publishFile;
            try {
                Class<?> mediaType = Class.forName(mediaTypeName, true, ExtensionContext.class.getClassLoader());
                create = mediaType.getMethod("create", String.class, String.class, Charset.class);
                publishFile = ExtensionContext.class.getMethod("publishFile", String.class, mediaType,
                        ThrowingConsumer.class);
            } catch (ClassNotFoundException | NoSuchMethodException absent) {
                continue;
            }
            publish(context, create, publishFile, html);
            return;
        }
        // JUnit before 5.12 publishes no files: the report entry names the file.
    }

    private static void publish(ExtensionContext context, Method create, Method publishFile, Path html) {
        ThrowingConsumer<Path> copy = target -> Files.copy(html, target);
        try {
            Object textHtml = create.invoke(null, "text", "html", StandardCharsets.UTF_8);
            publishFile.invoke(context, html.getFileName().toString(), textHtml, copy);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("panic-attack cannot call JUnit's public " + publishFile
                    + " to attach " + html + ": " + e.getMessage(), e);
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            if (cause instanceof UnsupportedOperationException || cause instanceof JUnitException) {
                // A launcher without file output (EngineTestKit by default): the report entry names the file.
                return;
            }
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException("JUnit could not attach " + html + ": " + cause, cause);
        }
    }
}
