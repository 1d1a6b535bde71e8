package dev.panicattack.examples.spike;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectMethod;

import org.junit.jupiter.api.Test;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Events;

import dev.panicattack.junit.PanicConfiguration;

/** What the library measured and reported for {@code production-spike}: every axis, achieved, not assumed. */
class ProductionSpikeSummaryTest {

    @Test
    void theSummaryReportsWhatEveryAxisAchieved() {
        Events tests = EngineTestKit.engine("junit-jupiter")
                .configurationParameter("panic.diagnose.flightRecorder", "false")
                .selectors(selectMethod(ProductionSpikeTest.class, "everyAxisActsOnAPlainTest"))
                .execute().testEvents();

        tests.assertStatistics(stats -> stats.started(1).succeeded(1));
        String achieved = tests.reportingEntryPublished().stream()
                .map(event -> event.getPayload(ReportEntry.class).orElseThrow().getKeyValuePairs())
                .filter(pairs -> pairs.containsKey(PanicConfiguration.PRESSURE_REPORT_ENTRY))
                .map(pairs -> pairs.get(PanicConfiguration.PRESSURE_REPORT_ENTRY))
                .findFirst().orElseThrow();
        // "<plan> | <achieved per axis, separated by "; ">"
        assertThat(achieved).startsWith("production-spike (cpu 80% (spikes to 100% every 10s for 2s), heap 70% +2%/s up to 95%,");
        assertThat(achieved.substring(achieved.indexOf(" | ") + 3).split("; "))
                .anySatisfy(part -> assertThat(part).matches("cpu target \\d+(\\.\\d)?% achieved \\d+(\\.\\d)?% .*"))
                .anySatisfy(part -> assertThat(part).matches("heap target \\d+(\\.\\d)?% achieved \\d+(\\.\\d)?% .*"))
                .anySatisfy(part -> assertThat(part).startsWith("network +50ms, loss 1%").contains("answers delayed"))
                .anySatisfy(part -> assertThat(part).startsWith("disk fill 85% of 64 MiB").contains("writes refused"));
    }
}
