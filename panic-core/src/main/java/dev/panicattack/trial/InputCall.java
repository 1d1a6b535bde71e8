package dev.panicattack.trial;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.lang.reflect.Executable;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;

import dev.panicattack.subject.Subject;

/**
 * Where an unchecked exception left library code for the subject's: the library method the
 * subject's innermost frame called, when that method takes input to read (text, characters, bytes,
 * a reader or a stream). The stack alone names the method, not its overload; the class file's line
 * table does, from the frame's line. Nothing here reads the exception's message.
 *
 * <p>A call into the JDK is not one: the subject's own parsing with {@code Integer.parseInt} is the
 * subject's code, not a library's.
 */
record InputCall(String method, String caller) {

    private static final List<String> JDK_PACKAGES = List.of("java.", "javax.", "jdk.", "sun.", "com.sun.");
    /**
     * Class files larger than this are not read (this runs on the failure path, which allocates
     * nothing large): a frame's overload is then judged by name alone.
     */
    private static final int MAX_CLASS_FILE = 256 * 1024;

    /**
     * The library call {@code thrown} left through, when its stack shows the subject calling a
     * library method that takes input; empty otherwise, and whenever the method cannot be resolved
     * with {@code loader}.
     */
    static Optional<InputCall> of(Throwable thrown, Subject subject, ClassLoader loader) {
        if (!(thrown instanceof RuntimeException)) {
            return Optional.empty();
        }
        StackTraceElement[] stack = thrown.getStackTrace();
        int caller = 0;
        while (caller < stack.length && !subject.includes(stack[caller].getClassName())) {
            caller++;
        }
        if (caller == 0 || caller == stack.length) {
            // Thrown by the subject itself, or never passed through it.
            return Optional.empty();
        }
        StackTraceElement called = stack[caller - 1];
        if (JDK_PACKAGES.stream().anyMatch(called.getClassName()::startsWith) || called.getClassName().startsWith("dev.panicattack.")) {
            return Optional.empty();
        }
        if (!takesInput(called, loader)) {
            return Optional.empty();
        }
        return Optional.of(new InputCall(called.getClassName() + "." + called.getMethodName(),
                frameText(stack[caller])));
    }

    /** {@code pkg.Class.method(File.java:123)}, as every fact writes a frame. */
    private static String frameText(StackTraceElement frame) {
        String where = frame.isNativeMethod() ? "Native Method" : frame.getFileName() == null ? "Unknown Source"
                : frame.getLineNumber() >= 0 ? frame.getFileName() + ":" + frame.getLineNumber() : frame.getFileName();
        return frame.getClassName() + "." + frame.getMethodName() + "(" + where + ")";
    }

    /** Whether the method of {@code frame} (the overload its line lies in, when known) has a parameter of input. */
    private static boolean takesInput(StackTraceElement frame, ClassLoader loader) {
        try {
            Class<?> type = Class.forName(frame.getClassName(), false, loader);
            List<Executable> named = new ArrayList<>();
            if (frame.getMethodName().equals("<init>")) {
                named.addAll(List.of(type.getDeclaredConstructors()));
            } else {
                for (Executable method : type.getDeclaredMethods()) {
                    if (method.getName().equals(frame.getMethodName())) {
                        named.add(method);
                    }
                }
            }
            Set<String> atLine = descriptorsAtLine(type, frame);
            List<Executable> candidates = named.stream().filter(method -> atLine.contains(descriptor(method))).toList();
            List<Executable> judged = candidates.isEmpty() ? named : candidates;
            return !judged.isEmpty() && judged.stream().allMatch(InputCall::hasInputParameter);
        } catch (ClassNotFoundException | LinkageError | SecurityException e) {
            // Not resolvable from the test's loader: no evidence, rather than a guess.
            return false;
        }
    }

    private static boolean hasInputParameter(Executable method) {
        for (Class<?> parameter : method.getParameterTypes()) {
            if (CharSequence.class.isAssignableFrom(parameter) || parameter == char[].class || parameter == byte[].class
                    || Reader.class.isAssignableFrom(parameter) || InputStream.class.isAssignableFrom(parameter)
                    || ByteBuffer.class.isAssignableFrom(parameter)) {
                return true;
            }
        }
        return false;
    }

    private static String descriptor(Executable method) {
        return method instanceof java.lang.reflect.Method plain ? Type.getMethodDescriptor(plain)
                : Type.getConstructorDescriptor((java.lang.reflect.Constructor<?>) method);
    }

    /** Descriptors of the methods of that name whose line table spans the frame's line; empty when unknown. */
    private static Set<String> descriptorsAtLine(Class<?> type, StackTraceElement frame) {
        int line = frame.getLineNumber();
        Set<String> found = new HashSet<>();
        ClassLoader loader = type.getClassLoader();
        String resource = type.getName().replace('.', '/') + ".class";
        if (line <= 0 || loader == null) {
            return found;
        }
        try (InputStream in = loader.getResourceAsStream(resource)) {
            if (in == null) {
                return found;
            }
            byte[] bytes = in.readNBytes(MAX_CLASS_FILE + 1);
            if (bytes.length > MAX_CLASS_FILE) {
                return found;
            }
            new ClassReader(bytes).accept(new ClassVisitor(Opcodes.ASM9) {
                @Override
                public MethodVisitor visitMethod(int access, String name, String descriptor, String signature, String[] exceptions) {
                    if (!name.equals(frame.getMethodName())) {
                        return null;
                    }
                    return new MethodVisitor(Opcodes.ASM9) {
                        private int first = Integer.MAX_VALUE;
                        private int last = -1;

                        @Override
                        public void visitLineNumber(int number, Label start) {
                            first = Math.min(first, number);
                            last = Math.max(last, number);
                        }

                        @Override
                        public void visitEnd() {
                            if (first <= line && line <= last) {
                                found.add(descriptor);
                            }
                        }
                    };
                }
            }, ClassReader.SKIP_FRAMES);
        } catch (IOException | RuntimeException e) {
            // An unreadable class file: judged by the method's name alone.
            found.clear();
        }
        return found;
    }
}
