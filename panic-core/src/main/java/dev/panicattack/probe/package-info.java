/**
 * Probes inside the code under test: Byte Buddy advice on the subject's methods (calls, latency,
 * exceptions thrown and dropped, recursion depth) and on the JDK types it uses (resources opened
 * and never closed, executor rejections and queue depth), installed for one trial and reset after
 * it. The results become facts for the signature engine. User guide: {@code docs/probes.md}.
 */
package dev.panicattack.probe;
