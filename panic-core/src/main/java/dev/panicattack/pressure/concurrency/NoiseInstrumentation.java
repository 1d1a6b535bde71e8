package dev.panicattack.pressure.concurrency;

import java.lang.instrument.Instrumentation;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;

import dev.panicattack.internal.instrument.RetransformingHooks;
import dev.panicattack.subject.Subject;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.agent.builder.ResettableClassFileTransformer;
import net.bytebuddy.asm.AsmVisitorWrapper;
import net.bytebuddy.description.field.FieldDescription;
import net.bytebuddy.description.field.FieldList;
import net.bytebuddy.description.method.MethodList;
import net.bytebuddy.description.type.TypeDefinition;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.implementation.Implementation;
import net.bytebuddy.jar.asm.ClassVisitor;
import net.bytebuddy.jar.asm.Label;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;
import net.bytebuddy.pool.TypePool;
import net.bytebuddy.utility.OpenedClassReader;

/**
 * Rewrites the subject's classes so that each noise point calls {@link NoiseHook} first. Only method
 * bodies change (no class format change), so the rewrite is a retransformation that
 * {@link ResettableClassFileTransformer#reset} removes completely. Classes of the library itself,
 * and classes whose loader cannot see {@link NoiseHook}, are left alone (counted as skipped).
 */
final class NoiseInstrumentation {

    private static final String HOOK = NoiseHook.class.getName().replace('.', '/');

    private NoiseInstrumentation() {
    }

    /** What an install did. */
    record Installed(ResettableClassFileTransformer transformer, int classes, int skipped) {
    }

    static Installed install(Instrumentation instrumentation, Subject subject, Noise noise) {
        Objects.requireNonNull(subject, "subject");
        RetransformingHooks hooks = new RetransformingHooks();
        AtomicInteger skipped = new AtomicInteger();
        AgentBuilder configured = hooks.builder()
                .type((type, loader, module, redefined, domain) -> {
                    if (!subject.includes(type.getName(), domain) || type.isInterface() || type.isAnnotation()) {
                        return false;
                    }
                    if (!seesHook(loader)) {
                        skipped.incrementAndGet();
                        return false;
                    }
                    return true;
                })
                .transform((builder, type, loader, module, domain) -> builder.visit(new Wrapper(subject, noise)));
        ResettableClassFileTransformer transformer = hooks.install(configured, instrumentation, 0,
                (transformed, errors) -> "could not instrument the subject's classes for scheduling noise (" + errors
                        + " errors, " + transformed + " classes transformed); narrow the subject or run on a JDK"
                        + " that allows agents (-XX:+EnableDynamicAgentLoading)");
        return new Installed(transformer, hooks.transformed(), skipped.get());
    }

    private static boolean seesHook(ClassLoader loader) {
        try {
            ClassLoader effective = loader != null ? loader : ClassLoader.getPlatformClassLoader();
            return Class.forName(NoiseHook.class.getName(), false, effective) == NoiseHook.class;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    /** Inserts the hook calls into every method of one class. */
    private static final class Wrapper extends AsmVisitorWrapper.AbstractBase {
        private final Subject subject;
        private final Noise noise;

        Wrapper(Subject subject, Noise noise) {
            this.subject = subject;
            this.noise = noise;
        }

        @Override
        public ClassVisitor wrap(TypeDescription instrumentedType, ClassVisitor classVisitor,
                Implementation.Context implementationContext, TypePool typePool,
                FieldList<FieldDescription.InDefinedShape> fields, MethodList<?> methods, int writerFlags,
                int readerFlags) {
            Map<String, Integer> ownFields = new HashMap<>();
            for (FieldDescription.InDefinedShape field : fields) {
                ownFields.put(field.getName(), field.getModifiers());
            }
            return new ClassVisitor(OpenedClassReader.ASM_API, classVisitor) {
                @Override
                public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
                        String[] exceptions) {
                    MethodVisitor visitor = super.visitMethod(access, name, descriptor, signature, exceptions);
                    if ((access & (Opcodes.ACC_ABSTRACT | Opcodes.ACC_NATIVE)) != 0) {
                        return visitor;
                    }
                    return new PointInserter(visitor, instrumentedType, name, access, ownFields, typePool);
                }
            };
        }

        /** Tracks the source line and whether a lock is held (in code order), and inserts the calls. */
        private final class PointInserter extends MethodVisitor {
            private final TypeDescription owner;
            private final String method;
            private final boolean synchronizedMethod;
            private final boolean initializer;
            private final Map<String, Integer> ownFields;
            private final TypePool typePool;
            private int line = -1;
            private int lockDepth;

            PointInserter(MethodVisitor visitor, TypeDescription owner, String method, int access,
                    Map<String, Integer> ownFields, TypePool typePool) {
                super(OpenedClassReader.ASM_API, visitor);
                this.owner = owner;
                this.method = method;
                this.synchronizedMethod = (access & Opcodes.ACC_SYNCHRONIZED) != 0;
                this.initializer = method.equals("<init>") || method.equals("<clinit>");
                this.ownFields = ownFields;
                this.typePool = typePool;
            }

            @Override
            public void visitLineNumber(int number, Label start) {
                line = number;
                super.visitLineNumber(number, start);
            }

            @Override
            public void visitInsn(int opcode) {
                if (opcode == Opcodes.MONITORENTER) {
                    insertLock(NoisePoint.MONITOR_ENTER);
                    super.visitInsn(opcode);
                    lockDepth++;
                    return;
                }
                if (opcode == Opcodes.MONITOREXIT) {
                    insert(NoisePoint.MONITOR_EXIT);
                    super.visitInsn(opcode);
                    // The exception handler's second monitorexit must not count as a second release.
                    lockDepth = Math.max(0, lockDepth - 1);
                    return;
                }
                super.visitInsn(opcode);
            }

            @Override
            public void visitFieldInsn(int opcode, String fieldOwner, String name, String descriptor) {
                if (!initializer) {
                    String kind = fieldKind(opcode, fieldOwner, name);
                    if (kind != null) {
                        insert(kind);
                    }
                }
                super.visitFieldInsn(opcode, fieldOwner, name, descriptor);
            }

            @Override
            public void visitMethodInsn(int opcode, String callOwner, String name, String descriptor,
                    boolean isInterface) {
                String kind = callKind(opcode, callOwner, name, descriptor);
                if (kind == null) {
                    super.visitMethodInsn(opcode, callOwner, name, descriptor, isInterface);
                    return;
                }
                if (kind.equals(NoisePoint.LOCK) && descriptor.equals("()V")) {
                    // lock() and lockInterruptibly(): the receiver is on top of the stack, the contenders learn it.
                    insertLock(kind);
                } else {
                    insert(kind);
                }
                super.visitMethodInsn(opcode, callOwner, name, descriptor, isInterface);
                if (kind.equals(NoisePoint.LOCK) && !name.equals("tryLock")) {
                    lockDepth++;
                } else if (kind.equals(NoisePoint.UNLOCK)) {
                    lockDepth = Math.max(0, lockDepth - 1);
                }
            }

            @Override
            public void visitMaxs(int maxStack, int maxLocals) {
                // The inserted calls need at most two more stack slots (the duplicated lock and the point id).
                super.visitMaxs(maxStack + 2, maxLocals);
            }

            private void insert(String kind) {
                super.visitLdcInsn(register(kind));
                super.visitMethodInsn(Opcodes.INVOKESTATIC, HOOK, "point", "(I)V", false);
            }

            private void insertLock(String kind) {
                super.visitInsn(Opcodes.DUP);
                super.visitLdcInsn(register(kind));
                super.visitMethodInsn(Opcodes.INVOKESTATIC, HOOK, "lock", "(Ljava/lang/Object;I)V", false);
            }

            private int register(String kind) {
                return noise.register(owner.getName(), method, line, kind);
            }

            private String fieldKind(int opcode, String fieldOwner, String name) {
                String ownerName = fieldOwner.replace('/', '.');
                if (!subject.includes(ownerName)) {
                    return null;
                }
                int modifiers = modifiersOf(ownerName, name);
                if ((modifiers & Opcodes.ACC_FINAL) != 0) {
                    return null;
                }
                boolean write = opcode == Opcodes.PUTFIELD || opcode == Opcodes.PUTSTATIC;
                if ((modifiers & Opcodes.ACC_VOLATILE) != 0) {
                    return write ? NoisePoint.VOLATILE_WRITE : NoisePoint.VOLATILE_READ;
                }
                boolean guarded = synchronizedMethod || lockDepth > 0;
                if (guarded) {
                    return write ? NoisePoint.GUARDED_WRITE : NoisePoint.GUARDED_READ;
                }
                return write ? NoisePoint.SHARED_WRITE : NoisePoint.SHARED_READ;
            }

            /** The field's modifiers, looked up in the class and its superclasses; 0 when it cannot be resolved. */
            private int modifiersOf(String ownerName, String name) {
                if (ownerName.equals(owner.getName())) {
                    Integer own = ownFields.get(name);
                    if (own != null) {
                        return own;
                    }
                }
                TypePool.Resolution resolution = typePool.describe(ownerName);
                if (!resolution.isResolved()) {
                    return 0;
                }
                for (TypeDefinition type = resolution.resolve(); type != null; type = type.getSuperClass()) {
                    for (FieldDescription field : type.getDeclaredFields()) {
                        if (field.getName().equals(name)) {
                            return field.getModifiers();
                        }
                    }
                }
                return 0;
            }

            private String callKind(int opcode, String callOwner, String name, String descriptor) {
                if (callOwner.startsWith("java/util/concurrent/locks/")) {
                    if (name.equals("lock") || name.equals("lockInterruptibly") || name.equals("tryLock")) {
                        return NoisePoint.LOCK;
                    }
                    if (name.equals("unlock")) {
                        return NoisePoint.UNLOCK;
                    }
                    return null;
                }
                if (callOwner.startsWith("java/util/concurrent/atomic/") && !name.equals("<init>")) {
                    return NoisePoint.ATOMIC;
                }
                if (callOwner.equals("java/lang/Thread") && opcode != Opcodes.INVOKESTATIC
                        && (name.equals("start") || name.equals("join"))) {
                    return NoisePoint.THREAD;
                }
                if ((name.equals("wait") && (descriptor.equals("()V") || descriptor.equals("(J)V")))
                        || ((name.equals("notify") || name.equals("notifyAll")) && descriptor.equals("()V"))) {
                    return opcode == Opcodes.INVOKEVIRTUAL ? NoisePoint.WAIT_NOTIFY : null;
                }
                return null;
            }
        }
    }
}
