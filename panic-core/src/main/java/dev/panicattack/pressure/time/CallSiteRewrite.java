package dev.panicattack.pressure.time;

import dev.panicattack.internal.instrument.HookSlot;
import java.util.concurrent.atomic.AtomicInteger;

import net.bytebuddy.asm.AsmVisitorWrapper;
import net.bytebuddy.description.field.FieldDescription;
import net.bytebuddy.description.field.FieldList;
import net.bytebuddy.description.method.MethodList;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.implementation.Implementation;
import net.bytebuddy.jar.asm.ClassVisitor;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;
import net.bytebuddy.pool.TypePool;
import net.bytebuddy.utility.OpenedClassReader;

/**
 * Rewrites each {@code System.currentTimeMillis()} call site in a subject method (the method is a
 * native intrinsic and cannot be advised) into
 * {@code ((LongUnaryOperator) <the hook in ClockAdvice.SLOT, or LongUnaryOperator.identity()>)
 * .applyAsLong(System.currentTimeMillis())} ({@link dev.panicattack.internal.instrument.HookSlot#visitRead}). The sequence has no branch, so no stack map frame
 * changes, and uses only {@code java.base} types, so the subject's class loader needs to see nothing
 * of the library; once the hook is withdrawn the identity applies. Every method of the class file is
 * visited, synthetic ones (lambda bodies) included.
 */
final class CallSiteRewrite extends AsmVisitorWrapper.AbstractBase {

    /** Extra operand stack the sequence needs beyond the original call's two slots. */
    private static final int EXTRA_STACK = HookSlot.MAX_STACK + 1;

    private final AtomicInteger sites;

    CallSiteRewrite(AtomicInteger sites) {
        this.sites = sites;
    }

    @Override
    public ClassVisitor wrap(TypeDescription instrumentedType, ClassVisitor classVisitor,
            Implementation.Context implementationContext, TypePool typePool, FieldList<FieldDescription.InDefinedShape> fields,
            MethodList<?> methods, int writerFlags, int readerFlags) {
        return new ClassVisitor(OpenedClassReader.ASM_API, classVisitor) {
            @Override
            public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
                    String[] exceptions) {
                MethodVisitor visitor = super.visitMethod(access, name, descriptor, signature, exceptions);
                return visitor == null ? null : rewriting(visitor);
            }
        };
    }

    private MethodVisitor rewriting(MethodVisitor methodVisitor) {
        return new MethodVisitor(OpenedClassReader.ASM_API, methodVisitor) {
            private boolean rewritten;

            @Override
            public void visitMethodInsn(int opcode, String owner, String name, String descriptor, boolean isInterface) {
                super.visitMethodInsn(opcode, owner, name, descriptor, isInterface);
                if (opcode == Opcodes.INVOKESTATIC && owner.equals("java/lang/System")
                        && name.equals("currentTimeMillis") && descriptor.equals("()J")) {
                    rewritten = true;
                    sites.incrementAndGet();
                    // [J] -> [J, hook] -> [hook, J, hook] -> [hook, J] -> [J']
                    ClockAdvice.SLOT.visitRead(mv, () -> mv.visitMethodInsn(Opcodes.INVOKESTATIC,
                            "java/util/function/LongUnaryOperator", "identity", "()Ljava/util/function/LongUnaryOperator;", true));
                    super.visitTypeInsn(Opcodes.CHECKCAST, "java/util/function/LongUnaryOperator");
                    super.visitInsn(Opcodes.DUP_X2);
                    super.visitInsn(Opcodes.POP);
                    super.visitMethodInsn(Opcodes.INVOKEINTERFACE, "java/util/function/LongUnaryOperator",
                            "applyAsLong", "(J)J", true);
                }
            }

            @Override
            public void visitMaxs(int maxStack, int maxLocals) {
                super.visitMaxs(rewritten ? maxStack + EXTRA_STACK : maxStack, maxLocals);
            }
        };
    }
}
