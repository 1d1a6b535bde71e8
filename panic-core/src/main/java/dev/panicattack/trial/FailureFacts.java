package dev.panicattack.trial;

import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

import dev.panicattack.evidence.EvidenceStore;
import dev.panicattack.subject.Subject;

/**
 * The test's own failure as evidence: its type, its causes' types with every supertype, and the
 * shape of each stack. Never the message: diagnosis does not read exception text, so a
 * {@code StackOverflowError} rethrown as {@code IllegalStateException("deadlock?")} is still judged by
 * its cause and its stack.
 *
 * <p>Facts: {@code test_failed(t, class)}; per throwable in the cause chain at {@code depth} (0 is the
 * failure itself): {@code failure_cause(depth, class)}, {@code failure_is(depth, type)} for the class,
 * its superclasses and interfaces, {@code failure_stack_depth(depth, frames)}, and
 * {@code failure_repeated_frame(depth, method, count)} for the method that recurs most, and
 * {@code failure_frame(depth, index, method)} for the innermost frames; and
 * {@code failure_input_call(depth, method, caller)} when an unchecked exception left a library method
 * that the subject's code called with input to read ({@link InputCall}).
 */
final class FailureFacts {

    private static final int TOP_FRAMES = 5;

    private FailureFacts() {
    }

    /**
     * Records {@code failure}; {@code subject} is the code under test, whose calls into libraries the
     * stacks are read for. A failure caused by an {@link OutOfMemoryError} gets no input calls: reading
     * class files needs memory that just ran out.
     */
    static void record(EvidenceStore store, Throwable failure, Subject subject) {
        boolean inputCalls = !Trial.causedByOutOfMemory(failure);
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        ClassLoader resolving = loader == null ? ClassLoader.getSystemClassLoader() : loader;
        long at = store.elapsedMillis();
        store.add("test_failed", at, failure.getClass().getName());
        Set<Throwable> seen = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
        int depth = 0;
        for (Throwable current = failure; current != null && seen.add(current); current = current.getCause()) {
            store.add("failure_cause", depth, current.getClass().getName());
            for (String type : typesOf(current.getClass())) {
                store.add("failure_is", depth, type);
            }
            StackTraceElement[] stack = current.getStackTrace();
            store.add("failure_stack_depth", depth, stack.length);
            for (int index = 0; index < Math.min(TOP_FRAMES, stack.length); index++) {
                store.add("failure_frame", depth, index, stack[index].getClassName() + "." + stack[index].getMethodName());
            }
            long causeDepth = depth;
            if (inputCalls) {
                InputCall.of(current, subject, resolving).ifPresent(call -> store.add("failure_input_call", causeDepth,
                        call.method(), call.caller()));
            }
            mostRepeatedFrame(stack).ifPresent(frame -> store.add("failure_repeated_frame", causeDepth, frame.getKey(),
                    (long) frame.getValue()));
            depth++;
        }
    }

    private static Set<String> typesOf(Class<?> type) {
        Set<String> types = new LinkedHashSet<>();
        for (Class<?> current = type; current != null; current = current.getSuperclass()) {
            types.add(current.getName());
            for (Class<?> implemented : current.getInterfaces()) {
                types.add(implemented.getName());
            }
        }
        return types;
    }

    private static java.util.Optional<Map.Entry<String, Integer>> mostRepeatedFrame(StackTraceElement[] stack) {
        Map<String, Integer> counts = new HashMap<>();
        for (StackTraceElement frame : stack) {
            counts.merge(frame.getClassName() + "." + frame.getMethodName(), 1, Integer::sum);
        }
        return counts.entrySet().stream().max(Map.Entry.comparingByValue()).map(entry -> Map.entry(entry.getKey(), entry.getValue()));
    }
}
