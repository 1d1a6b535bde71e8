package dev.panicattack.chaosmesh.model;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.List;

/** Workflow: templates run from {@code entry}; Serial and Parallel templates name their children. */
public record WorkflowSpec(String entry, List<Template> templates) implements ChaosSpec {

    public WorkflowSpec {
        templates = List.copyOf(templates);
    }

    /**
     * One template: {@code templateType} is Serial, Parallel, Suspend or a fault kind; a fault template
     * embeds its spec under the kind's field (without {@code duration}: the webhook requires
     * {@code deadline} instead).
     */
    public record Template(String name, String templateType, String deadline, List<String> children,
            StressChaosSpec stressChaos, NetworkChaosSpec networkChaos, IOChaosSpec ioChaos, TimeChaosSpec timeChaos,
            JVMChaosSpec jvmChaos) {

        public Template {
            children = children == null ? null : List.copyOf(children);
        }

        /** A Serial or Parallel template over {@code children}. */
        public static Template group(String name, String type, String deadline, List<String> children) {
            return new Template(name, type, deadline, children, null, null, null, null, null);
        }

        /** A Suspend template: nothing happens for {@code deadline}. */
        public static Template suspend(String name, String deadline) {
            return new Template(name, "Suspend", deadline, null, null, null, null, null, null);
        }

        /** A fault template running {@code spec} (its duration dropped) for {@code deadline}. */
        public static Template fault(String name, FaultSpec spec, String deadline) {
            FaultSpec embedded = spec.withDuration(null);
            return new Template(name, embedded.kind(), deadline, null,
                    embedded instanceof StressChaosSpec s ? s : null,
                    embedded instanceof NetworkChaosSpec n ? n : null,
                    embedded instanceof IOChaosSpec i ? i : null,
                    embedded instanceof TimeChaosSpec t ? t : null,
                    embedded instanceof JVMChaosSpec j ? j : null);
        }

        /** The embedded fault spec, if this is a fault template. */
        @JsonIgnore
        public FaultSpec fault() {
            if (stressChaos != null) {
                return stressChaos;
            }
            if (networkChaos != null) {
                return networkChaos;
            }
            if (ioChaos != null) {
                return ioChaos;
            }
            if (timeChaos != null) {
                return timeChaos;
            }
            return jvmChaos;
        }
    }

    @Override
    @JsonIgnore
    public String kind() {
        return "Workflow";
    }
}
