package dev.panicattack.examples.spring;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

/** Per-request state that {@code @BeforeEach} puts on the thread and the test reads: an MDC value and a ThreadLocal. */
// tag::request-context[]
class RequestContextTest {

    private static final ThreadLocal<String> TENANT = new ThreadLocal<>();

    @BeforeEach
    void enterRequest() {
        MDC.put("requestId", "req-42");
        TENANT.set("acme");
    }

    @AfterEach
    void leaveRequest() {
        MDC.remove("requestId");
        TENANT.remove();
    }

    @Test
    void theTestSeesTheRequestItRunsIn() {
        assertThat(MDC.get("requestId")).isEqualTo("req-42");
        assertThat(TENANT.get()).isEqualTo("acme");
    }
}
// end::request-context[]
