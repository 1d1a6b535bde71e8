package dev.panicattack.bench;

import java.time.Clock;
import java.time.Instant;
import java.time.InstantSource;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/** The subject of {@code clock-faults}: application code reading the wall clock through each API, in epoch ms. */
final class ClockReader {

    private ClockReader() {
    }

    /** Each API by name, read as application code reads it. */
    static Map<String, LongSupplier> apis() {
        ZoneId zone = ZoneId.systemDefault();
        Map<String, LongSupplier> apis = new LinkedHashMap<>();
        apis.put("currentTimeMillis", () -> System.currentTimeMillis());
        apis.put("Instant.now", () -> Instant.now().toEpochMilli());
        apis.put("Clock.systemUTC().millis", () -> Clock.systemUTC().millis());
        apis.put("Clock.systemUTC().instant", () -> Clock.systemUTC().instant().toEpochMilli());
        apis.put("Clock.systemDefaultZone().millis", () -> Clock.systemDefaultZone().millis());
        apis.put("InstantSource.system().millis", () -> InstantSource.system().millis());
        apis.put("LocalDateTime.now", () -> LocalDateTime.now().atZone(zone).toInstant().toEpochMilli());
        apis.put("ZonedDateTime.now", () -> ZonedDateTime.now().toInstant().toEpochMilli());
        apis.put("OffsetDateTime.now", () -> OffsetDateTime.now().toInstant().toEpochMilli());
        return apis;
    }

    static long currentTimeMillis() {
        return System.currentTimeMillis();
    }

    static long instantNow() {
        return Instant.now().toEpochMilli();
    }
}
