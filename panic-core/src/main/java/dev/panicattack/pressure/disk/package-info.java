/**
 * The disk axis: {@link dev.panicattack.pressure.disk.DiskPlan}, the write budget and faults of
 * {@link dev.panicattack.pressure.disk.DiskBudget} (advice on the JDK's file streams and channels)
 * and the background I/O of {@link dev.panicattack.pressure.disk.DiskContention}. Semantics: {@code docs/disk-pressure.md}.
 */
package dev.panicattack.pressure.disk;
