package dev.panicattack.realbugs.metaspace;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;

import org.junit.jupiter.api.Test;

import dev.panicattack.junit.Diagnose;
import dev.panicattack.realbugs.RealBug;
import dev.panicattack.signature.BugClass;
import net.sf.cglib.proxy.CallbackFilter;
import net.sf.cglib.proxy.Enhancer;
import net.sf.cglib.proxy.FixedValue;

/**
 * cglib 3.2.1 keys its cache of generated proxy classes by the identity of the {@link CallbackFilter},
 * so a new but equal filter per proxy (as Spring's AOP creates) generates and defines a new class for
 * every proxy: class metadata grows until metaspace runs out. Reported in cglib issue #61, fixed in
 * 3.2.2 by pull request #65 (equal filters reuse the generated class). The JVM options are what a
 * build on Java 17 needs for cglib ({@code --add-opens}) and a bounded metaspace, as services set it.
 */
@Diagnose
@RealBug(artifact = "cglib:cglib", buggy = "3.2.1", fixed = "3.2.2", expected = BugClass.MEMORY_LEAK,
        issue = "https://github.com/cglib/cglib/pull/65",
        jvmOptions = {"--add-opens=java.base/java.lang=ALL-UNNAMED", "-XX:MaxMetaspaceSize=96m"})
class CglibEqualCallbackFilterTest {

    private static final int PROXIES = 40_000;

    @Test
    void proxiesAGreetingPerRequest() {
        for (int request = 0; request < PROXIES; request++) {
            Enhancer enhancer = new Enhancer();
            enhancer.setSuperclass(Greeting.class);
            enhancer.setCallbackFilter(new EveryMethod());
            enhancer.setCallback((FixedValue) () -> "proxied");

            Greeting proxy = (Greeting) enhancer.create();

            assertThat(proxy.text()).isEqualTo("proxied");
        }
    }

    /** Public, as cglib needs to subclass it. */
    public static class Greeting {
        public String text() {
            return "hello";
        }
    }

    /** A filter equal to every other instance of it: one proxy class should serve them all. */
    private static final class EveryMethod implements CallbackFilter {
        @Override
        public int accept(Method method) {
            return 0;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof EveryMethod;
        }

        @Override
        public int hashCode() {
            return EveryMethod.class.hashCode();
        }
    }
}
