package dev.panicattack.probe;

import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

import dev.panicattack.subject.Subject;

/**
 * Who called into the JDK: the nearest frame outside the JDK and outside this package. A resource
 * or pool belongs to the subject when that frame's class does, so the build's own I/O (Surefire,
 * reports, logs) is never counted.
 */
final class Callers {

    /** Frames kept for the stack of an unclosed resource. */
    static final int STACK_FRAMES = 8;
    private static final List<String> JDK_PREFIXES = List.of("java.", "javax.", "jdk.", "sun.", "com.sun.");

    private final StackWalker walker = StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE);
    private final Subject subject;
    /** Whether each class on a stack is the subject's, asked once per class. */
    private final ClassValue<Boolean> inSubject = new ClassValue<>() {
        @Override
        protected Boolean computeValue(Class<?> type) {
            return subject.includes(type);
        }
    };

    Callers(Subject subject) {
        this.subject = subject;
    }

    /** The caller's frames (nearest first, at most {@link #STACK_FRAMES}) when the caller is in the subject. */
    Optional<List<String>> subjectCaller() {
        List<StackWalker.StackFrame> frames = walker.walk(stream -> stream
                .dropWhile(frame -> isJdk(frame.getClassName()) || frame.getDeclaringClass().getPackageName()
                        .equals(Callers.class.getPackageName()))
                .limit(STACK_FRAMES)
                .collect(Collectors.toList()));
        if (frames.isEmpty() || !inSubject.get(frames.get(0).getDeclaringClass())) {
            return Optional.empty();
        }
        return Optional.of(frames.stream().map(Callers::describe).toList());
    }

    private static boolean isJdk(String className) {
        for (String prefix : JDK_PREFIXES) {
            if (className.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }

    /** A frame as docs/facts.md writes it: {@code pkg.Class.method(File.java:123)}. */
    static String describe(StackWalker.StackFrame frame) {
        String file = frame.getFileName();
        int line = frame.getLineNumber();
        String where = file == null ? "Unknown Source" : line >= 0 ? file + ":" + line : file;
        return frame.getClassName() + "." + frame.getMethodName() + "(" + where + ")";
    }
}
