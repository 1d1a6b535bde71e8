package dev.panicattack.trial;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Memory held back for the failure path, as the heap ballast is heap held back, and dropped the
 * moment a test runs out of memory: a class loader of its own whose classes take about 5.7 MiB of
 * metaspace (1.3 MiB of it compressed class space), and {@value #HEAP_BYTES_MAX} bytes of heap (a
 * sixty-fourth of the maximum heap when that is less). A test that fills memory and still holds
 * it when it fails leaves none for what must run next: recording which memory ran out, the verdict,
 * the report, and JUnit's own handling of the failure (which, for the first failure of a run, loads
 * classes). Once the reserve is dropped, the collection the JVM runs before it would throw
 * {@link OutOfMemoryError} frees it, and what runs next finds room.
 *
 * <p>The classes are written directly as class files (never linked, so never verified or run):
 * {@value #SUBCLASSES} empty subclasses of one class with {@value #VIRTUAL_METHODS} methods, each with
 * a virtual-method table of that size, which is what takes class space; and one class of
 * {@value #CODE_METHODS} static methods of {@value #CODE_BYTES} bytes of code, which takes the other
 * metaspace. Thread-safe.
 */
final class MemoryReserve {

    static final int VIRTUAL_METHODS = 2000;
    static final int SUBCLASSES = 40;
    static final int CODE_METHODS = 32;
    static final int CODE_BYTES = 65_535;
    static final int HEAP_BYTES_MAX = 4 << 20;

    private static final String PACKAGE = "dev/panicattack/reserve/";
    private static final String BASE = PACKAGE + "Methods";
    private static final String OBJECT = "java/lang/Object";
    private static final int ACC_PUBLIC = 0x0001;
    private static final int ACC_STATIC = 0x0008;
    private static final int ACC_SUPER = 0x0020;
    private static final int RETURN = 0xB1;
    private static final int JAVA_11 = 55;

    private ClassLoader classes;
    private byte[] heap;

    /** Holds the reserve now. */
    static MemoryReserve hold() {
        MemoryReserve reserve = new MemoryReserve();
        reserve.refill();
        return reserve;
    }

    /** Whether all of the reserve is held (not dropped, or held again since). */
    synchronized boolean held() {
        return classes != null && heap != null;
    }

    /**
     * Holds the reserve again after {@link #release()}, as far as there is room for it: a test that
     * still holds the memory it filled leaves none, and that part then stays dropped.
     */
    synchronized void refill() {
        try {
            if (heap == null) {
                heap = new byte[(int) Math.min(HEAP_BYTES_MAX, Runtime.getRuntime().maxMemory() / 64)];
            }
            if (classes == null) {
                classes = load();
            }
        } catch (OutOfMemoryError full) {
            // No room yet: the next trial tries again; until then the failure path has what memory is free.
        }
    }

    /**
     * Drops the reserve. It needs no memory: the next collection frees it, at the latest the one the
     * JVM runs before an {@link OutOfMemoryError}.
     */
    synchronized void release() {
        classes = null;
        heap = null;
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
     * {@code m1()V}, ... of the given access, each {@code codeBytes - 1} {@code nop}s (zeros, as the
     * new array already holds) and a {@code return}.
     */
    private static byte[] classFile(String name, String superName, int methods, int access, int codeBytes) {
        byte[][] names = new byte[methods][];
        int size = 10 + utf8Size(name) + 3 + utf8Size(superName) + 3 + utf8Size("()V") + utf8Size("Code") + 12
                + methods * (26 + codeBytes) + 2;
        for (int i = 0; i < methods; i++) {
            names[i] = ("m" + i).getBytes(StandardCharsets.US_ASCII);
            size += 3 + names[i].length;
        }
        ByteBuffer out = ByteBuffer.allocate(size);
        out.putInt(0xCAFEBABE).putShort((short) 0).putShort((short) JAVA_11);
        // Constant pool: #1 name, #2 its class, #3 super name, #4 its class, #5 "()V", #6 "Code", #7... method names.
        out.putShort((short) (7 + methods));
        utf8(out, name.getBytes(StandardCharsets.US_ASCII));
        out.put((byte) 7).putShort((short) 1);
        utf8(out, superName.getBytes(StandardCharsets.US_ASCII));
        out.put((byte) 7).putShort((short) 3);
        utf8(out, "()V".getBytes(StandardCharsets.US_ASCII));
        utf8(out, "Code".getBytes(StandardCharsets.US_ASCII));
        for (byte[] method : names) {
            utf8(out, method);
        }
        out.putShort((short) (ACC_PUBLIC | ACC_SUPER)).putShort((short) 2).putShort((short) 4);
        out.putShort((short) 0).putShort((short) 0); // no interfaces, no fields
        out.putShort((short) methods);
        short maxLocals = (short) ((access & ACC_STATIC) != 0 ? 0 : 1); // an instance method has this
        for (int i = 0; i < methods; i++) {
            out.putShort((short) access).putShort((short) (7 + i)).putShort((short) 5).putShort((short) 1);
            out.putShort((short) 6).putInt(12 + codeBytes).putShort((short) 0).putShort(maxLocals).putInt(codeBytes);
            out.position(out.position() + codeBytes - 1);
            out.put((byte) RETURN);
            out.putShort((short) 0).putShort((short) 0); // no exception table, no attributes of Code
        }
        out.putShort((short) 0); // no attributes of the class
        return out.array();
    }

    private static int utf8Size(String ascii) {
        return 3 + ascii.length();
    }

    private static void utf8(ByteBuffer out, byte[] ascii) {
        out.put((byte) 1).putShort((short) ascii.length).put(ascii);
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
