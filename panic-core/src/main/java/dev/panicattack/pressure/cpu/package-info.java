/** The CPU axis: {@link dev.panicattack.pressure.cpu.CpuPlan} and the burners of {@link dev.panicattack.pressure.cpu.CpuStressor}. Semantics: {@code docs/cpu-pressure.md}. */
package dev.panicattack.pressure.cpu;
