package dev.panicattack.realbugs.library;

import static org.assertj.core.api.Assertions.assertThat;

import java.text.ParseException;
import java.text.SimpleDateFormat;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.TimeZone;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;

import dev.panicattack.junit.Diagnose;
import dev.panicattack.realbugs.RealBug;
import dev.panicattack.signature.BugClass;

/**
 * {@link SimpleDateFormat} keeps the fields of the date it is parsing in the instance (its
 * {@code Calendar}), so one instance shared by several threads mixes their dates: wrong dates, or
 * {@code NumberFormatException} from inside the JDK. Documented as JDK-4228335 ("SimpleDateFormat is
 * not threadsafe"), closed by a javadoc note; {@code java.time.format.DateTimeFormatter} is the
 * thread-safe replacement. A JDK classic: no fixed release, no control.
 */
@Diagnose
@RealBug(artifact = "", buggy = "", fixed = "", expected = BugClass.DATA_RACE,
        issue = "https://bugs.openjdk.org/browse/JDK-4228335")
class SharedSimpleDateFormatTest {

    private static final int DAYS = 2_000;

    @Test
    void parsesEveryDateFromAPool() throws Exception {
        SimpleDateFormat format = new SimpleDateFormat("yyyy-MM-dd", Locale.ROOT);
        format.setTimeZone(TimeZone.getTimeZone("UTC"));
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Date>> parsed = new ArrayList<>();
            List<String> texts = new ArrayList<>();
            for (int day = 0; day < DAYS; day++) {
                String text = String.format(Locale.ROOT, "%04d-%02d-%02d", 2000 + day % 20, 1 + day % 12, 1 + day % 28);
                texts.add(text);
                parsed.add(pool.submit(() -> parse(format, text)));
            }
            for (int i = 0; i < DAYS; i++) {
                SimpleDateFormat own = new SimpleDateFormat("yyyy-MM-dd", Locale.ROOT);
                own.setTimeZone(TimeZone.getTimeZone("UTC"));
                assertThat(parsed.get(i).get()).as(texts.get(i)).isEqualTo(own.parse(texts.get(i)));
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static Date parse(SimpleDateFormat format, String text) throws ParseException {
        return format.parse(text);
    }
}
