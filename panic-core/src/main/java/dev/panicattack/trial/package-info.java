/**
 * Trials: one test method's run under panic-attack, from pressure and sensors to the verdict.
 *
 * <p>A {@link dev.panicattack.trial.Trial} starts the sensors and the pressure, watches the test's
 * threads for hangs, and concludes with a {@link dev.panicattack.trial.Verdict} derived by the
 * signature engine from the evidence. The JUnit adapter only calls it.
 */
package dev.panicattack.trial;
