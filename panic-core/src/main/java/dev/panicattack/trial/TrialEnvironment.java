package dev.panicattack.trial;

import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import dev.panicattack.evidence.EvidenceStore;
import dev.panicattack.evidence.Heartbeat;
import dev.panicattack.evidence.OshiSystemInfo;
import dev.panicattack.report.ReportWriter;
import dev.panicattack.report.RunIndex;
import dev.panicattack.report.TrialReport;
import dev.panicattack.signature.SignatureEngine;

/**
 * What all trials of one run share because it is costly to set up or must be one per run: the
 * compiled pattern library, one Flight Recorder stream, one OSHI instance, one heartbeat thread for
 * every trial's sensors and hang checks, the report writer, the run's index (summaries only) and the
 * memory reserve that a test running out of memory frees ({@link MemoryReserve}). Closing it
 * finishes pending report completions, writes the index page, stops the stream and drops the reserve.
 */
public final class TrialEnvironment implements AutoCloseable {

    private static final Duration COMPLETION_LIMIT = Duration.ofSeconds(30);
    /** The one thread that samples and watches every trial of the run. */
    public static final String HEARTBEAT_THREAD_NAME = "panic-heartbeat";

    private final SignatureEngine engine;
    private final boolean useFlightRecorder;
    private final ReportWriter reports;
    private final ExecutorService completer = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "panic-report-completer");
        thread.setDaemon(true);
        return thread;
    });
    // Summaries only (no evidence): the index of a long run must not hold every report in memory.
    private final Map<String, TrialReport> written = new LinkedHashMap<>();
    private Heartbeat heartbeat;
    private FlightRecorderFeed flightRecorder;
    private RuntimeException flightRecorderFailure;
    private OshiSystemInfo systemInfo;
    private MemoryReserve memoryReserve;
    private boolean closed;

    private TrialEnvironment(SignatureEngine engine, ReportWriter reports, boolean useFlightRecorder) {
        this.engine = Objects.requireNonNull(engine, "engine");
        this.reports = Objects.requireNonNull(reports, "reports");
        this.useFlightRecorder = useFlightRecorder;
    }

    /**
     * An environment for one run. With {@code useFlightRecorder}, the first trial starts one Flight
     * Recorder stream for the whole run (about a second); without it, trials have no JFR facts.
     */
    public static TrialEnvironment create(SignatureEngine engine, ReportWriter reports, boolean useFlightRecorder) {
        return new TrialEnvironment(engine, reports, useFlightRecorder);
    }

    public SignatureEngine engine() {
        return engine;
    }

    public ReportWriter reports() {
        return reports;
    }

    /** The run's Flight Recorder feed, started on first use; empty (with the reason kept) when JFR is unavailable. */
    synchronized Optional<FlightRecorderFeed> flightRecorder() {
        if (useFlightRecorder && flightRecorder == null && flightRecorderFailure == null && !closed) {
            try {
                flightRecorder = FlightRecorderFeed.start();
            } catch (RuntimeException e) {
                // Evidence from the other sensors still stands; reports say Flight Recorder data is missing.
                flightRecorderFailure = e;
            }
        }
        return Optional.ofNullable(flightRecorder);
    }

    /** The run's OSHI instance, created on first use (it costs 130 to 210 ms). */
    synchronized OshiSystemInfo systemInfo() {
        if (systemInfo == null) {
            systemInfo = OshiSystemInfo.create();
        }
        return systemInfo;
    }

    /** The run's heartbeat, started on first use: the sensors and hang checks of every trial run on it. */
    synchronized Heartbeat heartbeat() {
        if (heartbeat == null) {
            heartbeat = Heartbeat.start(HEARTBEAT_THREAD_NAME);
        }
        return heartbeat;
    }

    /**
     * Makes ready for a test that runs out of memory: holds the run's memory reserve (created by
     * the first trial, held again by the next trial after a test ran out of memory and it was
     * dropped, when there is room for it again), and, the first time, loads what records the memory
     * pools at a failure, so that recording them loads nothing.
     */
    void prepareForOutOfMemory() {
        MemoryReserve reserve;
        synchronized (this) {
            if (memoryReserve == null) {
                MemoryAtFailure.record(EvidenceStore.open());
                memoryReserve = MemoryReserve.hold();
                return;
            }
            reserve = memoryReserve;
        }
        reserve.refill();
    }

    /** Drops the memory reserve: a test ran out of memory, and what runs next needs room (and may load classes). */
    void releaseMemoryReserve() {
        MemoryReserve reserve;
        synchronized (this) {
            reserve = memoryReserve;
        }
        if (reserve != null) {
            reserve.release();
        }
    }

    /** Remembers a report's summary for the run's index. */
    synchronized void recorded(TrialReport report) {
        written.put(report.testId(), report.summary());
    }

    /** Runs {@code completion} after the test has been judged; close() waits for it. */
    void completeLater(Runnable completion) {
        completer.execute(completion);
    }

    /** The reports written so far, in order. */
    public synchronized List<TrialReport> writtenReports() {
        return List.copyOf(new ArrayList<>(written.values()));
    }

    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        completer.shutdown();
        boolean interrupted = false;
        try {
            completer.awaitTermination(COMPLETION_LIMIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            interrupted = true;
        }
        completer.shutdownNow();
        releaseMemoryReserve();
        try {
            List<TrialReport> all = writtenReports();
            if (!all.isEmpty()) {
                new RunIndex().write(reports.directory(), all);
            }
        } catch (UncheckedIOException e) {
            // Every verdict is given by now; the index is the run's last word, so its loss is said, not thrown.
            System.err.println("panic-attack could not write the run's report index: " + e.getMessage());
        } finally {
            synchronized (this) {
                try {
                    if (flightRecorder != null) {
                        flightRecorder.close();
                    }
                } finally {
                    if (heartbeat != null) {
                        heartbeat.close();
                    }
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
