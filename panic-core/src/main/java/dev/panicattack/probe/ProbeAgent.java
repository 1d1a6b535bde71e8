package dev.panicattack.probe;

import java.io.PrintStream;
import java.lang.instrument.Instrumentation;

import net.bytebuddy.agent.ByteBuddyAgent;

/**
 * The JVM's {@link Instrumentation}, the way the disk budget gets it: Byte Buddy's agent, from
 * {@code -javaagent:byte-buddy-agent.jar} when the JVM was started with it (cheap, no warnings),
 * else attached at run time. Attaching says so in one line; once attached, later calls find it
 * installed and say nothing, so the line appears at most once per JVM.
 */
final class ProbeAgent {

    static final String ATTACHED_NOTICE = "panic-attack: attached the Byte Buddy agent at run time (no -javaagent);"
            + " see docs/probes.md for the Maven set-up";

    private ProbeAgent() {
    }

    static Instrumentation instrumentation(PrintStream notice) {
        if (installed()) {
            return ByteBuddyAgent.getInstrumentation();
        }
        Instrumentation instrumentation = ByteBuddyAgent.install();
        notice.println(ATTACHED_NOTICE);
        return instrumentation;
    }

    /** Whether the agent is already in this JVM: from {@code -javaagent}, or attached before. */
    static boolean installed() {
        try {
            ByteBuddyAgent.getInstrumentation();
            return true;
        } catch (IllegalStateException notInstalled) {
            return false;
        }
    }
}
