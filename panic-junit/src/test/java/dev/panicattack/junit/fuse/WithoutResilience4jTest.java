package dev.panicattack.junit.fuse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.File;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Proxy;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Resilience4j is optional: asserting on a plain fuse works on a class path without it. */
class WithoutResilience4jTest {

    @Test
    void aPlainFuseAssertionNeverLoadsResilience4j() throws Throwable {
        List<URL> urls = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            if (!entry.contains("resilience4j")) {
                urls.add(toUrl(entry));
            }
        }
        try (URLClassLoader loader = new URLClassLoader(urls.toArray(URL[]::new), ClassLoader.getPlatformClassLoader())) {
            assertThatThrownBy(() -> loader.loadClass("io.github.resilience4j.circuitbreaker.CircuitBreaker"))
                    .isInstanceOf(ClassNotFoundException.class);
            Class<?> fuseType = loader.loadClass("dev.panicattack.fuse.Fuse");
            Class<?> stateType = loader.loadClass("dev.panicattack.fuse.FuseState");
            Class<?> callType = loader.loadClass("dev.panicattack.junit.fuse.FuseCall");
            Class<?> assertType = loader.loadClass("dev.panicattack.junit.fuse.FuseAssert");
            Object closed = stateType.getField("CLOSED").get(null);
            Object fuse = Proxy.newProxyInstance(loader, new Class<?>[] {fuseType}, (proxy, method, args) ->
                    switch (method.getName()) {
                        case "name" -> "plain";
                        case "state" -> closed;
                        case "shedCount" -> 0L;
                        default -> method.isDefault() ? java.util.Optional.empty() : null;
                    });
            Object call = Proxy.newProxyInstance(loader, new Class<?>[] {callType}, (proxy, method, args) -> null);

            MethodHandles.Lookup lookup = MethodHandles.publicLookup();
            MethodHandle assertThat = lookup.findStatic(loader.loadClass("dev.panicattack.junit.PanicAssertions"),
                    "assertThat", MethodType.methodType(assertType, fuseType));
            Object assertion = assertThat.invoke(fuse);
            lookup.findVirtual(assertType, "whenCalling", MethodType.methodType(assertType, callType)).invoke(assertion, call);
            lookup.findVirtual(assertType, "pacedEvery", MethodType.methodType(assertType, Duration.class))
                    .invoke(assertion, Duration.ZERO);
            MethodHandle trips = lookup.findVirtual(assertType, "tripsWithinCalls", MethodType.methodType(assertType, int.class));

            assertThatThrownBy(() -> trips.invoke(assertion, 2)).isInstanceOf(AssertionError.class)
                    .hasMessageStartingWith("Expecting fuse 'plain' to trip (OPEN) within 2 calls");
            assertThat(loader.getResource("io/github/resilience4j/circuitbreaker/CircuitBreaker.class")).isNull();
        }
    }

    private static URL toUrl(String entry) {
        try {
            return new File(entry).toURI().toURL();
        } catch (MalformedURLException e) {
            throw new IllegalStateException("class path entry " + entry + " is not a file", e);
        }
    }
}
