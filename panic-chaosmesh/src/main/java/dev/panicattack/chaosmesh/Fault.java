package dev.panicattack.chaosmesh;

import dev.panicattack.chaosmesh.model.FaultSpec;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** One exported fault, before it becomes a manifest or a Workflow template: steady for the whole run, or stepped over time. */
sealed interface Fault {

    /** The fault's name within the set, such as {@code cpu} or {@code memory-leak}. */
    String name();

    /** The same fault for the whole run. */
    record Steady(String name, FaultSpec spec) implements Fault {

        public Steady {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(spec, "spec");
        }
    }

    /** A sequence of steps run one after the other; a step without a fault is a pause (Suspend). */
    record Stepped(String name, List<Step> steps) implements Fault {

        public Stepped {
            Objects.requireNonNull(name, "name");
            steps = List.copyOf(steps);
        }
    }

    /** One step: {@code fault} (or none) for {@code length}. */
    record Step(Optional<FaultSpec> fault, Duration length) {

        public Step {
            Objects.requireNonNull(fault, "fault");
            Objects.requireNonNull(length, "length");
        }
    }
}
