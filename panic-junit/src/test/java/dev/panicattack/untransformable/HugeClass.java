package dev.panicattack.untransformable;

import java.lang.invoke.MethodHandles;

import net.bytebuddy.jar.asm.ClassWriter;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;

/**
 * Defines {@code dev.panicattack.untransformable.Huge}, whose one method is so close to the JVM's
 * 64 KiB limit on code that no advice fits in it, and which has no class file to read: a class the
 * probes cannot transform. In a package of its own, outside every test's default subject: once
 * defined it stays loaded for the rest of the run.
 */
public final class HugeClass {

    public static final String NAME = "dev.panicattack.untransformable.Huge";

    private HugeClass() {
    }

    public static Class<?> define() throws IllegalAccessException {
        try {
            return Class.forName(NAME, false, HugeClass.class.getClassLoader());
        } catch (ClassNotFoundException notYet) {
            return MethodHandles.lookup().defineClass(bytes());
        }
    }

    private static byte[] bytes() {
        ClassWriter writer = new ClassWriter(ClassWriter.COMPUTE_MAXS);
        writer.visit(Opcodes.V17, Opcodes.ACC_PUBLIC | Opcodes.ACC_FINAL, NAME.replace('.', '/'), null,
                "java/lang/Object", null);
        MethodVisitor method = writer.visitMethod(Opcodes.ACC_PUBLIC | Opcodes.ACC_STATIC, "run", "()V", null, null);
        method.visitCode();
        for (int i = 0; i < 65_500; i++) {
            method.visitInsn(Opcodes.NOP);
        }
        method.visitInsn(Opcodes.RETURN);
        method.visitMaxs(0, 0);
        method.visitEnd();
        writer.visitEnd();
        return writer.toByteArray();
    }
}
