package dev.panicattack.probe;

import dev.panicattack.internal.instrument.HookSlot;
import java.util.HashSet;
import java.util.Set;
import java.util.function.Function;

import net.bytebuddy.ClassFileVersion;
import net.bytebuddy.asm.AsmVisitorWrapper;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.implementation.Implementation;
import net.bytebuddy.jar.asm.Handle;
import net.bytebuddy.jar.asm.Label;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;
import net.bytebuddy.pool.TypePool;

/**
 * Reports each entry into a {@code catch} block of the subject to the session's {@link MethodLedger}.
 * At the first instruction of every handler with a declared type (not {@code finally}, which always
 * rethrows) it inserts, with only {@code java.base} types and no branch:
 * {@code ((Function) <the hook in SLOT, or Function.identity()>).apply(List.of(caught, siteId))},
 * leaving the caught exception on the stack as it was. Without a published ledger the identity
 * function makes it a no-op.
 */
final class CatchHandlers implements AsmVisitorWrapper.ForDeclaredMethods.MethodVisitorWrapper {

    /** Where the active session's catch hook is published. */
    static final HookSlot<Function<Object, Object>> SLOT = HookSlot.named("probe.catches");
    /** Stack slots the inserted code needs above the caught exception. */
    private static final int EXTRA_STACK = 5;

    private final MethodLedger ledger;

    CatchHandlers(MethodLedger ledger) {
        this.ledger = ledger;
    }

    @Override
    public MethodVisitor wrap(TypeDescription instrumentedType, MethodDescription instrumentedMethod,
            MethodVisitor methodVisitor, Implementation.Context implementationContext, TypePool typePool,
            int writerFlags, int readerFlags) {
        ClassFileVersion version = implementationContext.getClassFileVersion();
        // Static interface calls (List.of, Function.identity) need class files of Java 8 or later.
        if (version == null || version.isLessThan(ClassFileVersion.JAVA_V8)) {
            return methodVisitor;
        }
        int methodId = ledger.methodId(instrumentedType, instrumentedMethod);
        return new Visitor(methodVisitor, methodId);
    }

    private final class Visitor extends MethodVisitor {
        private final int methodId;
        private final Set<Label> handlers = new HashSet<>();
        private boolean inHandler;
        private boolean injected;
        private int handlerLine = -1;

        Visitor(MethodVisitor delegate, int methodId) {
            super(Opcodes.ASM9, delegate);
            this.methodId = methodId;
        }

        @Override
        public void visitTryCatchBlock(Label start, Label end, Label handler, String type) {
            if (type != null) {
                handlers.add(handler);
            }
            super.visitTryCatchBlock(start, end, handler, type);
        }

        @Override
        public void visitLabel(Label label) {
            super.visitLabel(label);
            if (handlers.contains(label) && !inHandler) {
                inHandler = true;
                handlerLine = -1;
            }
        }

        @Override
        public void visitLineNumber(int line, Label start) {
            super.visitLineNumber(line, start);
            if (inHandler) {
                handlerLine = line;
            }
        }

        /** Before the handler's first instruction (after its frame and line number): report the catch. */
        private void beforeInstruction() {
            if (!inHandler) {
                return;
            }
            inHandler = false;
            int site = ledger.registerSite(methodId, handlerLine);
            injected = true;
            MethodVisitor next = mv;
            next.visitInsn(Opcodes.DUP);
            next.visitLdcInsn(site);
            next.visitMethodInsn(Opcodes.INVOKESTATIC, "java/lang/Integer", "valueOf", "(I)Ljava/lang/Integer;", false);
            next.visitMethodInsn(Opcodes.INVOKESTATIC, "java/util/List", "of",
                    "(Ljava/lang/Object;Ljava/lang/Object;)Ljava/util/List;", true);
            SLOT.visitRead(next, () -> next.visitMethodInsn(Opcodes.INVOKESTATIC, "java/util/function/Function", "identity",
                    "()Ljava/util/function/Function;", true));
            next.visitTypeInsn(Opcodes.CHECKCAST, "java/util/function/Function");
            next.visitInsn(Opcodes.SWAP);
            next.visitMethodInsn(Opcodes.INVOKEINTERFACE, "java/util/function/Function", "apply",
                    "(Ljava/lang/Object;)Ljava/lang/Object;", true);
            next.visitInsn(Opcodes.POP);
        }

        @Override
        public void visitMaxs(int maxStack, int maxLocals) {
            super.visitMaxs(injected ? maxStack + EXTRA_STACK : maxStack, maxLocals);
        }

        @Override
        public void visitInsn(int opcode) {
            beforeInstruction();
            super.visitInsn(opcode);
        }

        @Override
        public void visitIntInsn(int opcode, int operand) {
            beforeInstruction();
            super.visitIntInsn(opcode, operand);
        }

        @Override
        public void visitVarInsn(int opcode, int varIndex) {
            beforeInstruction();
            super.visitVarInsn(opcode, varIndex);
        }

        @Override
        public void visitTypeInsn(int opcode, String type) {
            beforeInstruction();
            super.visitTypeInsn(opcode, type);
        }

        @Override
        public void visitFieldInsn(int opcode, String owner, String name, String descriptor) {
            beforeInstruction();
            super.visitFieldInsn(opcode, owner, name, descriptor);
        }

        @Override
        public void visitMethodInsn(int opcode, String owner, String name, String descriptor, boolean isInterface) {
            beforeInstruction();
            super.visitMethodInsn(opcode, owner, name, descriptor, isInterface);
        }

        @Override
        public void visitInvokeDynamicInsn(String name, String descriptor, Handle bootstrapMethodHandle,
                Object... bootstrapMethodArguments) {
            beforeInstruction();
            super.visitInvokeDynamicInsn(name, descriptor, bootstrapMethodHandle, bootstrapMethodArguments);
        }

        @Override
        public void visitJumpInsn(int opcode, Label label) {
            beforeInstruction();
            super.visitJumpInsn(opcode, label);
        }

        @Override
        public void visitLdcInsn(Object value) {
            beforeInstruction();
            super.visitLdcInsn(value);
        }

        @Override
        public void visitIincInsn(int varIndex, int increment) {
            beforeInstruction();
            super.visitIincInsn(varIndex, increment);
        }

        @Override
        public void visitTableSwitchInsn(int min, int max, Label dflt, Label... labels) {
            beforeInstruction();
            super.visitTableSwitchInsn(min, max, dflt, labels);
        }

        @Override
        public void visitLookupSwitchInsn(Label dflt, int[] keys, Label[] labels) {
            beforeInstruction();
            super.visitLookupSwitchInsn(dflt, keys, labels);
        }

        @Override
        public void visitMultiANewArrayInsn(String descriptor, int numDimensions) {
            beforeInstruction();
            super.visitMultiANewArrayInsn(descriptor, numDimensions);
        }
    }
}
