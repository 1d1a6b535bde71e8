/**
 * Instrumentation shared by every axis and the probes: hooks installed as resettable
 * retransformations ({@link dev.panicattack.internal.instrument.RetransformingHooks}), the one
 * slot through which advice in any class loader finds the active hook
 * ({@link dev.panicattack.internal.instrument.HookSlot}), and the names of the library's own threads.
 * Not API: may change without notice.
 */
package dev.panicattack.internal.instrument;
