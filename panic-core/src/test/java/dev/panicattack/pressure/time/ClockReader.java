package dev.panicattack.pressure.time;

import java.time.Clock;
import java.time.Instant;
import java.time.InstantSource;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.LinkedHashMap;
import java.util.Map;

/** The subject of the clock tests: reads the wall clock through every API, as application code does. */
final class ClockReader {

    private ClockReader() {
    }

    static long currentTimeMillis() {
        return System.currentTimeMillis();
    }

    /** A read of {@code System.currentTimeMillis()} inside a lambda: a synthetic method of this class. */
    static java.util.function.LongSupplier lambdaRead() {
        return () -> System.currentTimeMillis();
    }

    /** Each API's reading in epoch milliseconds. */
    static Map<String, Long> readAll() {
        Map<String, Long> read = new LinkedHashMap<>();
        read.put("currentTimeMillis", System.currentTimeMillis());
        read.put("Instant.now", Instant.now().toEpochMilli());
        read.put("Clock.systemUTC().millis", Clock.systemUTC().millis());
        read.put("Clock.systemUTC().instant", Clock.systemUTC().instant().toEpochMilli());
        read.put("Clock.systemDefaultZone().millis", Clock.systemDefaultZone().millis());
        read.put("InstantSource.system().instant", InstantSource.system().instant().toEpochMilli());
        read.put("LocalDateTime.now", LocalDateTime.now().atZone(ZoneId.systemDefault()).toInstant().toEpochMilli());
        read.put("ZonedDateTime.now", ZonedDateTime.now().toInstant().toEpochMilli());
        read.put("OffsetDateTime.now", OffsetDateTime.now().toInstant().toEpochMilli());
        return read;
    }
}
