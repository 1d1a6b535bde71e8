package dev.panicattack.evidence;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Objects;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;

import org.slf4j.LoggerFactory;
import org.slf4j.spi.SLF4JServiceProvider;

import oshi.spi.SystemInfoProvider;

/**
 * The one OSHI entry point of a run, shared by every {@link OsSensor}: building OSHI's
 * {@code SystemInfo} costs 130-210 ms, so it is done once and passed around.
 *
 * <p>{@link #create()} makes sure JNA unpacks its native library somewhere private: when the
 * {@value #JNA_TMPDIR_PROPERTY} system property is not set, it is set to
 * {@code ${java.io.tmpdir}/panic-attack-jna-${user.name}}, created owner-only, while JNA loads, and
 * cleared again, so no JVM-wide setting outlives it; a value the user set is never changed. It only
 * takes effect if JNA has not loaded yet in this JVM.
 *
 * <p>OSHI logs through SLF4J, which prints a three-line warning on standard error when no logging
 * provider is on the class path. When there is none (and no SLF4J 1.x binding either), {@link #create()}
 * sets {@value #SLF4J_VERBOSITY_PROPERTY} to {@code ERROR}, so a test run stays silent; a project
 * with a provider, or one that set the property, is left as it is.
 */
public final class OshiSystemInfo {

    /** The JNA system property naming where its native library is unpacked. */
    public static final String JNA_TMPDIR_PROPERTY = "jna.tmpdir";

    /** SLF4J's own verbosity: at {@code ERROR} it does not warn that it found no provider. */
    public static final String SLF4J_VERBOSITY_PROPERTY = "slf4j.internal.verbosity";

    private static final String JNA_NATIVE_CLASS = "com.sun.jna.Native";

    private final SystemInfoProvider provider;

    private OshiSystemInfo(SystemInfoProvider provider) {
        this.provider = provider;
    }

    /**
     * OSHI's JNA-backed {@code oshi.SystemInfo}, after setting a private JNA tmpdir if none is set.
     *
     * @throws IllegalStateException when OSHI or JNA cannot be loaded, naming the cause and the fix
     */
    public static OshiSystemInfo create() {
        quietSlf4jWithoutProvider();
        boolean privateTmpdir = System.getProperty(JNA_TMPDIR_PROPERTY) == null;
        if (privateTmpdir) {
            System.setProperty(JNA_TMPDIR_PROPERTY, privateJnaTmpdir().toString());
        }
        try {
            // JNA reads its tmpdir as its Native class initialises: load it while the property is set.
            Class.forName(JNA_NATIVE_CLASS, true, OshiSystemInfo.class.getClassLoader());
            return new OshiSystemInfo(new oshi.SystemInfo());
        } catch (ClassNotFoundException missing) {
            throw initialisationFailure(new NoClassDefFoundError(JNA_NATIVE_CLASS));
        } catch (LinkageError | RuntimeException failure) {
            throw initialisationFailure(failure);
        } finally {
            if (privateTmpdir) {
                System.clearProperty(JNA_TMPDIR_PROPERTY);
            }
        }
    }

    /** Wraps a provider the caller built, for example OSHI's JNA-free {@code oshi.nativefree.SystemInfo}. */
    public static OshiSystemInfo of(SystemInfoProvider provider) {
        return new OshiSystemInfo(Objects.requireNonNull(provider, "provider"));
    }

    /** The wrapped OSHI provider. */
    public SystemInfoProvider provider() {
        return provider;
    }

    static IllegalStateException initialisationFailure(Throwable failure) {
        return new IllegalStateException("OSHI could not read the operating system (" + failure
                + ") with " + JNA_TMPDIR_PROPERTY + "=" + System.getProperty(JNA_TMPDIR_PROPERTY)
                + ": check that JNA's native library can be unpacked and loaded there (set -D"
                + JNA_TMPDIR_PROPERTY + " to a writable directory, add --enable-native-access=ALL-UNNAMED"
                + " on JDK 22+), or pass OshiSystemInfo.of(new oshi.nativefree.SystemInfo())", failure);
    }

    private static void quietSlf4jWithoutProvider() {
        if (System.getProperty(SLF4J_VERBOSITY_PROPERTY) != null) {
            return;
        }
        ClassLoader loader = LoggerFactory.class.getClassLoader();
        boolean provider;
        try {
            provider = ServiceLoader.load(SLF4JServiceProvider.class, loader).stream().findAny().isPresent();
        } catch (ServiceConfigurationError broken) {
            provider = true; // a provider is there, if broken: SLF4J's own report of it is the user's to see
        }
        // An SLF4J 1.x binding is not a 2.x provider, and SLF4J's warning that it ignores one is worth seeing.
        boolean legacyBinding = loader.getResource("org/slf4j/impl/StaticLoggerBinder.class") != null;
        if (!provider && !legacyBinding) {
            // SLF4J reads its verbosity once, as it initialises: set for that moment only, so no
            // JVM-wide setting outlives it.
            System.setProperty(SLF4J_VERBOSITY_PROPERTY, "ERROR");
            try {
                LoggerFactory.getILoggerFactory();
            } finally {
                System.clearProperty(SLF4J_VERBOSITY_PROPERTY);
            }
        }
    }

    private static Path privateJnaTmpdir() {
        Path dir = Path.of(System.getProperty("java.io.tmpdir"),
                "panic-attack-jna-" + System.getProperty("user.name", "user"));
        try {
            if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
                createPrivateDirectory(dir);
            }
            // Another user could have planted the directory or a link in a shared tmpdir.
            if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)
                    || Files.getFileStore(dir).supportsFileAttributeView(PosixFileAttributeView.class)
                            && !Files.getOwner(dir, LinkOption.NOFOLLOW_LINKS).getName()
                                    .equals(System.getProperty("user.name"))) {
                throw new IllegalStateException("JNA tmpdir " + dir + " is not a directory owned by "
                        + System.getProperty("user.name") + ": remove it or set -D" + JNA_TMPDIR_PROPERTY
                        + " to a private directory");
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot create the JNA tmpdir " + dir + " (" + e
                    + "): set -D" + JNA_TMPDIR_PROPERTY + " to a writable private directory", e);
        }
        return dir;
    }

    private static void createPrivateDirectory(Path dir) throws IOException {
        try {
            if (Files.getFileStore(dir.getParent()).supportsFileAttributeView(PosixFileAttributeView.class)) {
                Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(
                        PosixFilePermissions.fromString("rwx------")));
            } else {
                Files.createDirectory(dir);
            }
        } catch (FileAlreadyExistsException raced) {
            // Another thread or JVM created it between the check and here; the caller verifies it.
            return;
        }
    }
}
