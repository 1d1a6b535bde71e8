package dev.panicattack.assail;

import dev.panicattack.constraint.Axis;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.FieldInsnNode;
import org.objectweb.asm.tree.FieldNode;
import org.objectweb.asm.tree.InsnList;
import org.objectweb.asm.tree.JumpInsnNode;
import org.objectweb.asm.tree.LineNumberNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.TryCatchBlockNode;
import org.objectweb.asm.tree.VarInsnNode;

/** The rules that need one class only; feeds whole-program facts to {@link ProgramFacts}. */
final class ClassScan {

    private static final Set<String> COLLECTION_TYPES = Set.of(
            "java/util/Collection", "java/util/List", "java/util/ArrayList", "java/util/LinkedList",
            "java/util/Set", "java/util/HashSet", "java/util/LinkedHashSet", "java/util/TreeSet",
            "java/util/SortedSet", "java/util/NavigableSet", "java/util/Map", "java/util/HashMap",
            "java/util/LinkedHashMap", "java/util/TreeMap", "java/util/SortedMap", "java/util/NavigableMap",
            "java/util/Queue", "java/util/Deque", "java/util/ArrayDeque", "java/util/Vector",
            "java/util/Hashtable", "java/util/WeakHashMap", "java/util/IdentityHashMap",
            "java/util/concurrent/ConcurrentMap", "java/util/concurrent/ConcurrentHashMap",
            "java/util/concurrent/ConcurrentSkipListMap", "java/util/concurrent/ConcurrentSkipListSet",
            "java/util/concurrent/CopyOnWriteArrayList", "java/util/concurrent/CopyOnWriteArraySet",
            "java/util/concurrent/ConcurrentLinkedQueue", "java/util/concurrent/ConcurrentLinkedDeque",
            "java/util/concurrent/BlockingQueue", "java/util/concurrent/LinkedBlockingQueue",
            "java/util/concurrent/LinkedBlockingDeque");
    private static final Set<String> GROW_CALLS = Set.of("add", "addAll", "put", "putAll", "putIfAbsent",
            "computeIfAbsent", "compute", "merge", "offer", "push", "addFirst", "addLast", "offerFirst",
            "offerLast");
    private static final Set<String> SHRINK_CALLS = Set.of("remove", "removeAll", "removeIf", "retainAll",
            "clear", "poll", "pop", "take", "removeFirst", "removeLast", "pollFirst", "pollLast", "drainTo",
            "computeIfPresent");
    private static final Set<String> LOCK_TYPES = Set.of("java/util/concurrent/locks/Lock",
            "java/util/concurrent/locks/ReentrantLock", "java/util/concurrent/locks/ReentrantReadWriteLock$ReadLock",
            "java/util/concurrent/locks/ReentrantReadWriteLock$WriteLock");
    private static final Set<String> FUTURE_TYPES = Set.of("java/util/concurrent/Future",
            "java/util/concurrent/FutureTask", "java/util/concurrent/CompletableFuture",
            "java/util/concurrent/ForkJoinTask", "java/util/concurrent/ScheduledFuture",
            "java/util/concurrent/RunnableFuture", "java/util/concurrent/RunnableScheduledFuture");
    private static final Set<String> BLOCKING_QUEUE_TYPES = Set.of("java/util/concurrent/BlockingQueue",
            "java/util/concurrent/BlockingDeque", "java/util/concurrent/LinkedBlockingQueue",
            "java/util/concurrent/ArrayBlockingQueue", "java/util/concurrent/LinkedBlockingDeque",
            "java/util/concurrent/PriorityBlockingQueue", "java/util/concurrent/DelayQueue",
            "java/util/concurrent/SynchronousQueue", "java/util/concurrent/LinkedTransferQueue",
            "java/util/concurrent/TransferQueue");
    private static final Set<String> URL_CONNECTION_TYPES = Set.of("java/net/URLConnection",
            "java/net/HttpURLConnection", "javax/net/ssl/HttpsURLConnection", "java/net/JarURLConnection");
    private static final Set<String> EXECUTOR_FACTORIES = Set.of("newFixedThreadPool", "newCachedThreadPool",
            "newSingleThreadExecutor", "newScheduledThreadPool", "newSingleThreadScheduledExecutor",
            "newWorkStealingPool", "newVirtualThreadPerTaskExecutor", "newThreadPerTaskExecutor");
    private static final Set<String> STOP_CALLS = Set.of("shutdown", "shutdownNow", "close", "join");
    private static final Set<String> CAUGHT_BROADLY = Set.of("java/lang/Throwable", "java/lang/Exception",
            "java/lang/InterruptedException");

    private final ClassNode type;
    private final String className;
    private final ProgramFacts program;
    private final List<Finding> out;

    private ClassScan(ClassNode type, ProgramFacts program, List<Finding> out) {
        this.type = type;
        this.className = type.name.replace('/', '.');
        this.program = program;
        this.out = out;
    }

    /** Scans one class, adding its findings to {@code out} and its whole-program facts to {@code program}. */
    static void scan(ClassNode type, ProgramFacts program, List<Finding> out) {
        new ClassScan(type, program, out).run();
    }

    private void run() {
        for (FieldNode field : type.fields) {
            if ((field.access & Opcodes.ACC_STATIC) != 0 && field.desc.startsWith("L")
                    && COLLECTION_TYPES.contains(field.desc.substring(1, field.desc.length() - 1))) {
                program.staticCollection(type.name + "." + field.name, field.desc);
            }
        }
        boolean classStops = false;
        List<Finding> threadStarts = new ArrayList<>();
        for (MethodNode method : type.methods) {
            int id = program.declare(type.name, method.name, method.desc, className);
            classStops |= new MethodScan(method, id, threadStarts).run();
        }
        if (!classStops) {
            out.addAll(threadStarts);
        }
    }

    /** The rules for one method. */
    private final class MethodScan {

        private final MethodNode method;
        private final int id;
        private final List<Finding> threadStarts;
        private final InsnList insns;
        private final int[] lines;
        /** Local slot to the field whose monitor javac stored there (getfield; dup; astore n; monitorenter). */
        private final Map<Integer, String> monitorSlots = new HashMap<>();
        /** Pause calls already reported, so that nested loops report each once. */
        private final Set<Integer> busyWaitPauses = new HashSet<>();
        /** The static collection field read last and not yet used as a call receiver. */
        private String pendingStaticCollection;

        MethodScan(MethodNode method, int id, List<Finding> threadStarts) {
            this.method = method;
            this.id = id;
            this.threadStarts = threadStarts;
            this.insns = method.instructions;
            this.lines = new int[insns.size()];
            int line = 0;
            for (int i = 0; i < lines.length; i++) {
                if (insns.get(i) instanceof LineNumberNode number) {
                    line = number.line;
                }
                lines[i] = line;
            }
        }

        /** Returns whether the method stops threads (shutdown, shutdownNow, close, join). */
        boolean run() {
            boolean stops = false;
            boolean httpTimeout = false;
            boolean readTimeout = false;
            boolean inputFilter = false;
            for (AbstractInsnNode insn : insns) {
                if (insn instanceof MethodInsnNode call) {
                    stops |= STOP_CALLS.contains(call.name);
                    httpTimeout |= call.owner.equals("java/net/http/HttpRequest$Builder") && call.name.equals("timeout");
                    readTimeout |= call.name.equals("setReadTimeout");
                    inputFilter |= call.name.equals("setObjectInputFilter");
                }
            }
            boolean deserializationHook = method.name.equals("readObject")
                    && method.desc.equals("(Ljava/io/ObjectInputStream;)V");
            List<String> callees = new ArrayList<>();
            int[] callLines = new int[16];
            List<String> held = new ArrayList<>();
            for (int i = 0; i < lines.length; i++) {
                AbstractInsnNode insn = insns.get(i);
                int line = lines[i];
                if (insn instanceof MethodInsnNode call) {
                    if (callees.size() == callLines.length) {
                        callLines = java.util.Arrays.copyOf(callLines, callLines.length * 2);
                    }
                    callLines[callees.size()] = line;
                    callees.add(call.owner + "." + call.name + call.desc);
                    blocking(call, line, httpTimeout, readTimeout);
                    threadStart(call, line);
                    unboundedQueue(call, line);
                    if (!inputFilter && !deserializationHook && call.owner.equals("java/io/ObjectInputStream")
                            && (call.name.equals("readObject") || call.name.equals("readUnshared"))) {
                        report(Category.UNTRUSTED_DESERIALIZATION, line, "ObjectInputStream." + call.name
                                + "() without setObjectInputFilter in the same method");
                    }
                    if (LOCK_TYPES.contains(call.owner)) {
                        if (call.name.equals("lock") || call.name.equals("lockInterruptibly")) {
                            acquire(held, fieldJustBefore(i), line);
                        } else if (call.name.equals("unlock")) {
                            release(held, fieldJustBefore(i));
                        }
                    }
                    staticCollectionUse(i, call, line);
                } else if (insn.getOpcode() == Opcodes.MONITORENTER) {
                    acquire(held, monitorEntered(i), line);
                } else if (insn.getOpcode() == Opcodes.MONITOREXIT) {
                    int previous = previousReal(i);
                    release(held, previous >= 0 && insns.get(previous).getOpcode() == Opcodes.ALOAD
                            ? monitorSlots.get(((VarInsnNode) insns.get(previous)).var) : null);
                } else if (insn.getOpcode() == Opcodes.GETSTATIC
                        && COLLECTION_TYPES.contains(Type.getType(((FieldInsnNode) insn).desc).getInternalName())) {
                    pendingStaticCollection = ((FieldInsnNode) insn).owner + "." + ((FieldInsnNode) insn).name;
                } else if (insn.getOpcode() == Opcodes.PUTSTATIC && !method.name.equals("<clinit>")) {
                    FieldInsnNode field = (FieldInsnNode) insn;
                    program.shrinks(field.owner + "." + field.name);
                } else if (insn instanceof JumpInsnNode jump && insns.indexOf(jump.label) < i) {
                    busyWait(insns.indexOf(jump.label), i);
                }
            }
            program.calls(id, callees, callLines);
            swallowedExceptions();
            return stops;
        }

        private void blocking(MethodInsnNode call, int line, boolean httpTimeout, boolean readTimeout) {
            String what = null;
            if (call.name.equals("get") && call.desc.equals("()Ljava/lang/Object;") && FUTURE_TYPES.contains(call.owner)) {
                what = "Future.get()";
            } else if (call.name.equals("await") && call.desc.equals("()V")
                    && (call.owner.equals("java/util/concurrent/CountDownLatch")
                    || call.owner.equals("java/util/concurrent/locks/Condition"))) {
                what = simpleName(call.owner) + ".await()";
            } else if (call.name.equals("lock") && call.desc.equals("()V") && LOCK_TYPES.contains(call.owner)) {
                what = "Lock.lock()";
            } else if (call.name.equals("wait") && call.desc.equals("()V")) {
                what = "Object.wait()";
            } else if (call.name.equals("take") && BLOCKING_QUEUE_TYPES.contains(call.owner)) {
                what = "BlockingQueue.take()";
            } else if (!httpTimeout && call.owner.equals("java/net/http/HttpClient") && call.name.equals("send")) {
                what = "HttpClient.send() without HttpRequest.Builder.timeout";
            } else if (call.owner.equals("java/net/Socket") && call.name.equals("connect")
                    && call.desc.equals("(Ljava/net/SocketAddress;)V")) {
                what = "Socket.connect(SocketAddress) without a timeout";
            } else if (!readTimeout && URL_CONNECTION_TYPES.contains(call.owner) && call.name.equals("getInputStream")) {
                what = "URLConnection.getInputStream() without setReadTimeout";
            }
            if (what != null) {
                report(Category.BLOCKING_CALL_WITHOUT_TIMEOUT, line, what + " can block forever");
            }
        }

        private void threadStart(MethodInsnNode call, int line) {
            String what = null;
            if (call.getOpcode() == Opcodes.INVOKESTATIC && call.owner.equals("java/util/concurrent/Executors")
                    && EXECUTOR_FACTORIES.contains(call.name)) {
                what = "Executors." + call.name + "()";
            } else if (call.name.equals("<init>") && (call.owner.equals("java/util/concurrent/ThreadPoolExecutor")
                    || call.owner.equals("java/util/concurrent/ScheduledThreadPoolExecutor"))) {
                what = "new " + simpleName(call.owner) + "()";
            } else if (call.owner.equals("java/lang/Thread") && call.name.equals("start") && call.desc.equals("()V")) {
                what = "Thread.start()";
            }
            if (what != null) {
                threadStarts.add(Finding.of(Category.THREAD_WITHOUT_SHUTDOWN, className, method.name, line,
                        what + " in a class that never calls shutdown, shutdownNow, close or join"));
            }
        }

        private void unboundedQueue(MethodInsnNode call, int line) {
            String what = null;
            if (call.name.equals("<init>") && call.desc.equals("()V")
                    && (call.owner.equals("java/util/concurrent/LinkedBlockingQueue")
                    || call.owner.equals("java/util/concurrent/LinkedBlockingDeque"))) {
                what = "new " + simpleName(call.owner) + "() has no capacity bound";
            } else if (call.name.equals("<init>") && (call.owner.equals("java/util/concurrent/ConcurrentLinkedQueue")
                    || call.owner.equals("java/util/concurrent/ConcurrentLinkedDeque"))) {
                what = "new " + simpleName(call.owner) + "() cannot be bounded";
            } else if (call.owner.equals("java/util/concurrent/Executors")
                    && (call.name.equals("newFixedThreadPool") || call.name.equals("newSingleThreadExecutor"))) {
                what = "Executors." + call.name + "() queues work without a bound";
            }
            if (what != null) {
                report(Category.UNBOUNDED_QUEUE, line, what);
            }
        }

        private void staticCollectionUse(int index, MethodInsnNode call, int line) {
            boolean grows = GROW_CALLS.contains(call.name);
            if (!(grows || SHRINK_CALLS.contains(call.name)) || call.getOpcode() == Opcodes.INVOKESTATIC
                    || !COLLECTION_TYPES.contains(call.owner)) {
                return;
            }
            // javac evaluates the receiver first: the static collection read last is the receiver, unless an
            // argument reads another one (a documented limit).
            String field = pendingStaticCollection;
            pendingStaticCollection = null;
            if (field == null) {
                return;
            }
            if (grows) {
                program.grows(field, simpleName(call.owner) + "." + call.name, className, method.name, line);
            } else {
                program.shrinks(field);
            }
        }

        /** The field of {@code getfield/getstatic; dup; astore n; monitorenter}, remembering slot n for the exit. */
        private String monitorEntered(int index) {
            int store = previousReal(index);
            int dup = store < 0 ? -1 : previousReal(store);
            if (dup < 0 || insns.get(store).getOpcode() != Opcodes.ASTORE || insns.get(dup).getOpcode() != Opcodes.DUP) {
                return null;
            }
            String field = fieldJustBefore(dup);
            if (field != null) {
                monitorSlots.put(((VarInsnNode) insns.get(store)).var, field);
            }
            return field;
        }

        private void acquire(List<String> held, String lock, int line) {
            if (lock == null) {
                return;
            }
            for (String outer : held) {
                if (!outer.equals(lock)) {
                    program.lockPair(outer, lock, className, method.name, line);
                }
            }
            held.add(lock);
        }

        private void release(List<String> held, String lock) {
            if (lock != null) {
                held.remove(lock);
            }
        }

        /** A loop from {@code start} back-jumped to at {@code end}. */
        private void busyWait(int start, int end) {
            int pause = -1;
            boolean readsField = false;
            boolean waits = false;
            for (int i = start; i <= end; i++) {
                AbstractInsnNode insn = insns.get(i);
                readsField |= insn.getOpcode() == Opcodes.GETFIELD || insn.getOpcode() == Opcodes.GETSTATIC;
                if (insn instanceof MethodInsnNode call) {
                    if (pause < 0 && call.owner.equals("java/lang/Thread") && (call.name.equals("sleep")
                            || call.name.equals("onSpinWait") || call.name.equals("yield"))) {
                        pause = i;
                    }
                    waits |= call.name.equals("wait") || call.name.startsWith("park") || call.name.startsWith("await");
                }
            }
            if (pause >= 0 && readsField && !waits) {
                String pauseName = "Thread." + ((MethodInsnNode) insns.get(pause)).name + "()";
                Finding finding = Finding.of(Category.BUSY_WAIT, className, method.name, lines[pause],
                        "loop polls a field and calls " + pauseName + " instead of waiting");
                if (busyWaitPauses.add(pause)) {
                    out.add(finding);
                }
            }
        }

        private void swallowedExceptions() {
            Set<Integer> done = new HashSet<>();
            for (TryCatchBlockNode block : method.tryCatchBlocks) {
                int start = insns.indexOf(block.handler);
                if (block.type == null || !CAUGHT_BROADLY.contains(block.type) || !done.add(start)) {
                    continue;
                }
                int first = nextReal(start);
                if (first < 0) {
                    continue;
                }
                int slot;
                if (insns.get(first).getOpcode() == Opcodes.ASTORE) {
                    slot = ((VarInsnNode) insns.get(first)).var;
                } else if (insns.get(first).getOpcode() == Opcodes.POP) {
                    slot = -1;
                } else {
                    continue; // the exception stays on the stack: it is used
                }
                int end = handlerEnd(start);
                boolean interrupted = block.type.equals("java/lang/InterruptedException");
                boolean handled = false;
                for (int i = first + 1; i < end && !handled; i++) {
                    AbstractInsnNode insn = insns.get(i);
                    handled = insn.getOpcode() == Opcodes.ATHROW
                            || (slot >= 0 && insn.getOpcode() == Opcodes.ALOAD && ((VarInsnNode) insn).var == slot)
                            || (interrupted && insn instanceof MethodInsnNode call
                            && call.owner.equals("java/lang/Thread") && call.name.equals("interrupt"));
                }
                if (!handled) {
                    String caught = simpleName(block.type);
                    out.add(new Finding(Category.SWALLOWED_EXCEPTION, className, method.name, lines[first],
                            "catch (" + caught + ") neither rethrows, "
                                    + (interrupted ? "restores the interrupt, " : "") + "nor uses the exception",
                            swallowedAxes(block.type)));
                }
            }
        }

        /** javac ends a handler where the code before it jumps to, or at the next handler. */
        private int handlerEnd(int start) {
            int end = insns.size();
            for (int i = start - 1; i >= 0; i--) {
                AbstractInsnNode insn = insns.get(i);
                if (insn.getOpcode() < 0) {
                    continue;
                }
                if (insn.getOpcode() == Opcodes.GOTO) {
                    int target = insns.indexOf(((JumpInsnNode) insn).label);
                    if (target > start) {
                        end = target;
                    }
                }
                break;
            }
            // A sibling handler (its try range begins before this handler) ends it; a handler nested inside it
            // (try-with-resources' addSuppressed) does not.
            for (TryCatchBlockNode other : method.tryCatchBlocks) {
                int otherHandler = insns.indexOf(other.handler);
                if (insns.indexOf(other.start) < start && otherHandler > start && otherHandler < end) {
                    end = otherHandler;
                }
            }
            return end;
        }

        private int nextReal(int from) {
            for (int i = from; i < insns.size(); i++) {
                if (insns.get(i).getOpcode() >= 0) {
                    return i;
                }
            }
            return -1;
        }

        private void report(Category category, int line, String detail) {
            out.add(Finding.of(category, className, method.name, line, detail));
        }

        /** The field read by the instruction just before {@code index} (javac's receiver of a no-argument call). */
        private String fieldJustBefore(int index) {
            int previous = previousReal(index);
            if (previous >= 0 && insns.get(previous) instanceof FieldInsnNode field
                    && (field.getOpcode() == Opcodes.GETFIELD || field.getOpcode() == Opcodes.GETSTATIC)) {
                return field.owner + "." + field.name;
            }
            return null;
        }

        private int previousReal(int index) {
            for (int i = index - 1; i >= 0; i--) {
                if (insns.get(i).getOpcode() >= 0) {
                    return i;
                }
            }
            return -1;
        }
    }

    private static Set<Axis> swallowedAxes(String caught) {
        return switch (caught) {
            case "java/lang/InterruptedException" -> Set.of(Axis.CONCURRENCY, Axis.TIME);
            case "java/lang/Exception" -> Set.of(Axis.NETWORK, Axis.DISK, Axis.CONCURRENCY);
            default -> Category.SWALLOWED_EXCEPTION.axes();
        };
    }

    private static String simpleName(String internalName) {
        return internalName.substring(internalName.lastIndexOf('/') + 1);
    }
}
