package dev.panicattack.report;

/** How a test ended, as the test engine saw it. */
public enum Outcome {
    /** The test passed (a signature may still have been derived from its evidence). */
    PASSED,
    /** The test threw: an assertion failed or an unexpected exception escaped. */
    FAILED,
    /** The test was aborted: an assumption failed or the run was cancelled. */
    ABORTED
}
