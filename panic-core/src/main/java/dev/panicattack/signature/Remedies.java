package dev.panicattack.signature;

/**
 * The remedy of each class of defect, read from its proof by the family that knows its evidence. The
 * switch is exhaustive: a new {@link BugClass} does not compile without its remedy.
 */
final class Remedies {

    private Remedies() {
    }

    static Remedy of(BugClass bugClass, ProofEvidence evidence) {
        CodeFrames frames = new CodeFrames(evidence);
        return switch (bugClass) {
            case DEADLOCK -> LockRemedies.deadlock(evidence, frames);
            case LOCK_CONTENTION -> LockRemedies.contention(evidence, frames);
            case DATA_RACE -> LockRemedies.race(evidence, frames);
            case STALL -> WaitRemedies.stall(evidence, frames);
            case MISSING_TIMEOUT -> WaitRemedies.missingTimeout(evidence, frames);
            case THREAD_POOL_SATURATION -> WaitRemedies.poolSaturation(evidence, frames);
            case RESOURCE_LEAK -> WaitRemedies.resourceLeak(evidence, frames);
            case MEMORY_LEAK -> MemoryRemedies.leak(evidence, frames);
            case HEAP_EXHAUSTION -> MemoryRemedies.exhaustion(evidence, frames);
            case GC_THRASHING -> MemoryRemedies.thrashing(evidence);
            case THREAD_LEAK -> ThreadRemedies.leak(evidence, frames);
            case CPU_STARVATION -> ThreadRemedies.starvation(evidence, frames);
            case UNBOUNDED_RECURSION -> FailureRemedies.recursion(evidence);
            case DISK_FULL_UNHANDLED -> FailureRemedies.diskFull(evidence, frames);
            case MALFORMED_INPUT_CRASH -> FailureRemedies.malformedInput(evidence, frames);
        };
    }
}
