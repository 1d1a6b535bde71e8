package dev.panicattack.trial;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Class metadata held back for the failure path, as the heap ballast is heap held back: a class
 * loader of its own whose classes take about 600 KiB of compressed class space and 4 MiB of other
 * metaspace, dropped when a test runs out of memory. A test that fills metaspace and still holds its
 * classes when it fails leaves none for what must run next: JUnit's own handling of the first
 * failure of a run, and any branch of the verdict that the rehearsal did not take, load classes.
 * Once the reserve is dropped, the collection the JVM runs before it would throw
 * {@link OutOfMemoryError} unloads it, and those loads succeed.
 *
 * <p>The classes are written directly as class files (never linked, so never verified or run):
 * {@value #SUBCLASSES} empty subclasses of one class with {@value #VIRTUAL_METHODS} methods, each with
 * a virtual-method table of that size, which is what takes class space; and one class of
 * {@value #CODE_METHODS} static methods of {@value #CODE_BYTES} bytes of code, which takes the other
 * metaspace. Thread-safe.
 */
final class MetaspaceReserve {

    static final int VIRTUAL_METHODS = 2000;
    static final int SUBCLASSES = 40;
    static final int CODE_METHODS = 32;
    static final int CODE_BYTES = 65_535;

    private static final String PACKAGE = "dev/panicattack/reserve/";
    private static final String BASE = PACKAGE + "Methods";
    private static final String OBJECT = "java/lang/Object";
    private static final int ACC_PUBLIC = 0x0001;
    private static final int ACC_STATIC = 0x0008;
    private static final int ACC_SUPER = 0x0020;
    private static final int RETURN = 0xB1;
    private static final int JAVA_11 = 55;

    private ClassLoader held;

    /** Holds the reserve now. */
    static MetaspaceReserve hold() {
        MetaspaceReserve reserve = new MetaspaceReserve();
        reserve.refill();
        return reserve;
    }

    /** Whether the reserve is held (not dropped, or held again since). */
    synchronized boolean held() {
        return held != null;
    }

    /**
     * Holds the reserve again after {@link #release()}, if there is room for it: a test that still
     * holds the metaspace it filled leaves none, and the reserve then stays dropped.
     */
    synchronized void refill() {
        if (held != null) {
            return;
        }
        try {
            held = load();
        } catch (OutOfMemoryError full) {
            // No room yet: the next trial tries again; until then the failure path has what metaspace is free.
        }
    }

    /** Drops the reserve: its classes are unloaded by the next collection, at the latest the one before an {@link OutOfMemoryError}. */
    synchronized void release() {
        held = null;
    }

    private static ClassLoader load() {
        Generated loader = new Generated();
        loader.define(BASE, classFile(BASE, OBJECT, VIRTUAL_METHODS, ACC_PUBLIC, 1));
        for (int i = 0; i < SUBCLASSES; i++) {
            loader.define(PACKAGE + "Table" + i, classFile(PACKAGE + "Table" + i, BASE, 0, ACC_PUBLIC, 1));
        }
        loader.define(PACKAGE + "Code", classFile(PACKAGE + "Code", OBJECT, CODE_METHODS, ACC_PUBLIC | ACC_STATIC,
                CODE_BYTES));
        return loader;
    }

    /**
     * A class file: {@code name extends superName} with {@code methods} methods {@code m0()V},
     * {@code m1()V}, ... of the given access, each {@code codeBytes - 1} {@code nop}s and a {@code return}.
     */
    private static byte[] classFile(String name, String superName, int methods, int access, int codeBytes) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(256 + methods * (codeBytes + 32));
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(0xCAFEBABE);
            out.writeShort(0);
            out.writeShort(JAVA_11);
            // Constant pool: #1 name, #2 its class, #3 super name, #4 its class, #5 "()V", #6 "Code", #7... method names.
            out.writeShort(7 + methods);
            utf8(out, name);
            classEntry(out, 1);
            utf8(out, superName);
            classEntry(out, 3);
            utf8(out, "()V");
            utf8(out, "Code");
            for (int i = 0; i < methods; i++) {
                utf8(out, "m" + i);
            }
            out.writeShort(ACC_PUBLIC | ACC_SUPER);
            out.writeShort(2);
            out.writeShort(4);
            out.writeShort(0); // interfaces
            out.writeShort(0); // fields
            out.writeShort(methods);
            byte[] code = new byte[codeBytes];
            code[codeBytes - 1] = (byte) RETURN;
            for (int i = 0; i < methods; i++) {
                out.writeShort(access);
                out.writeShort(7 + i);
                out.writeShort(5);
                out.writeShort(1); // one attribute: Code
                out.writeShort(6);
                out.writeInt(12 + codeBytes);
                out.writeShort(0); // max_stack
                out.writeShort((access & ACC_STATIC) != 0 ? 0 : 1); // max_locals: this
                out.writeInt(codeBytes);
                out.write(code);
                out.writeShort(0); // exception table
                out.writeShort(0); // attributes of Code
            }
            out.writeShort(0); // attributes of the class
        } catch (IOException e) {
            throw new UncheckedIOException("writing to memory cannot fail", e);
        }
        return bytes.toByteArray();
    }

    private static void utf8(DataOutputStream out, String text) throws IOException {
        out.writeByte(1);
        out.writeUTF(text);
    }

    private static void classEntry(DataOutputStream out, int nameIndex) throws IOException {
        out.writeByte(7);
        out.writeShort(nameIndex);
    }

    /** The reserve's own loader: dropping it unloads every class of the reserve at once. */
    private static final class Generated extends ClassLoader {

        Generated() {
            super("panic-metaspace-reserve", null);
        }

        void define(String internalName, byte[] bytes) {
            defineClass(internalName.replace('/', '.'), bytes, 0, bytes.length);
        }
    }
}
