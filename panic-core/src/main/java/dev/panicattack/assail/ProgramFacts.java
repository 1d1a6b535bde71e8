package dev.panicattack.assail;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Compact whole-program facts gathered class by class (call edges as ints, lock pairs, static
 * collection uses), turned into findings once every class has been seen. One instance per scan.
 */
final class ProgramFacts {

    /** Where a method lives, for naming it in findings. */
    private record Site(String className, String method) {
    }

    /** Lock {@code outer} held while {@code inner} is taken. */
    private record LockPair(String outer, String inner, String className, String method, int line) {
    }

    private final Map<String, Integer> methodIds = new HashMap<>();
    private final List<Site> sites = new ArrayList<>();
    private final BitSet declared = new BitSet();
    private final List<int[]> edges = new ArrayList<>();
    private final List<int[]> edgeLines = new ArrayList<>();

    private final List<LockPair> lockPairs = new ArrayList<>();

    private final Map<String, String> staticCollections = new HashMap<>();
    private final Map<String, Finding> firstGrowth = new LinkedHashMap<>();
    private final Set<String> shrunk = new HashSet<>();

    private int id(String key) {
        Integer id = methodIds.get(key);
        if (id != null) {
            return id;
        }
        int fresh = sites.size();
        methodIds.put(key, fresh);
        sites.add(null);
        edges.add(new int[0]);
        edgeLines.add(new int[0]);
        return fresh;
    }

    /** Declares a scanned method; returns its id for {@link #call}. */
    int declare(String owner, String name, String desc, String className) {
        int id = id(owner + "." + name + desc);
        declared.set(id);
        sites.set(id, new Site(className, name));
        return id;
    }

    /** Records the calls made by {@code caller}: callee keys {@code owner.name desc} and their lines. */
    void calls(int caller, List<String> callees, int[] lines) {
        int[] to = new int[callees.size()];
        for (int i = 0; i < to.length; i++) {
            to[i] = id(callees.get(i));
        }
        edges.set(caller, to);
        edgeLines.set(caller, Arrays.copyOf(lines, to.length));
    }

    void lockPair(String outer, String inner, String className, String method, int line) {
        lockPairs.add(new LockPair(outer, inner, className, method, line));
    }

    void staticCollection(String field, String type) {
        staticCollections.put(field, type);
    }

    void grows(String field, String call, String className, String method, int line) {
        firstGrowth.putIfAbsent(field, Finding.of(Category.GROWING_STATIC_COLLECTION, className, method, line,
                "static field " + field.replace('/', '.') + " grows (" + call + ") and is never removed from,"
                        + " cleared or reassigned"));
    }

    void shrinks(String field) {
        shrunk.add(field);
    }

    /** Findings that need every class: recursion, lock order, growing static collections. */
    List<Finding> findings() {
        List<Finding> out = new ArrayList<>();
        recursion(out);
        lockOrder(out);
        for (Map.Entry<String, Finding> growth : firstGrowth.entrySet()) {
            if (staticCollections.containsKey(growth.getKey()) && !shrunk.contains(growth.getKey())) {
                out.add(growth.getValue());
            }
        }
        return out;
    }

    private void lockOrder(List<Finding> out) {
        Map<String, LockPair> firstByOrder = new LinkedHashMap<>();
        for (LockPair pair : lockPairs) {
            firstByOrder.putIfAbsent(pair.outer + "\n" + pair.inner + "\n" + pair.className + "\n" + pair.method, pair);
        }
        Map<String, LockPair> anyByOrder = new HashMap<>();
        for (LockPair pair : firstByOrder.values()) {
            anyByOrder.putIfAbsent(pair.outer + "\n" + pair.inner, pair);
        }
        for (LockPair pair : firstByOrder.values()) {
            LockPair reverse = anyByOrder.get(pair.inner + "\n" + pair.outer);
            if (reverse != null) {
                out.add(Finding.of(Category.LOCK_ORDER, pair.className, pair.method, pair.line,
                        "takes " + lockName(pair.inner) + " while holding " + lockName(pair.outer) + "; "
                                + reverse.className + "." + reverse.method + ":" + reverse.line
                                + " takes them in the opposite order"));
            }
        }
    }

    private static String lockName(String field) {
        return field.replace('/', '.');
    }

    /** Tarjan's strongly connected components, iterative so that deep call chains cannot overflow the stack. */
    private void recursion(List<Finding> out) {
        int n = sites.size();
        int[] index = new int[n];
        int[] low = new int[n];
        int[] next = new int[n];
        boolean[] onStack = new boolean[n];
        Arrays.fill(index, -1);
        Deque<Integer> stack = new ArrayDeque<>();
        Deque<Integer> work = new ArrayDeque<>();
        int counter = 0;
        for (int root = declared.nextSetBit(0); root >= 0; root = declared.nextSetBit(root + 1)) {
            if (index[root] >= 0) {
                continue;
            }
            work.push(root);
            index[root] = low[root] = counter++;
            stack.push(root);
            onStack[root] = true;
            while (!work.isEmpty()) {
                int v = work.peek();
                int[] to = edges.get(v);
                if (next[v] < to.length) {
                    int w = to[next[v]++];
                    if (!declared.get(w)) {
                        continue;
                    }
                    if (index[w] < 0) {
                        index[w] = low[w] = counter++;
                        stack.push(w);
                        onStack[w] = true;
                        work.push(w);
                    } else if (onStack[w]) {
                        low[v] = Math.min(low[v], index[w]);
                    }
                    continue;
                }
                work.pop();
                if (!work.isEmpty()) {
                    int parent = work.peek();
                    low[parent] = Math.min(low[parent], low[v]);
                }
                if (low[v] == index[v]) {
                    List<Integer> component = new ArrayList<>();
                    int w;
                    do {
                        w = stack.pop();
                        onStack[w] = false;
                        component.add(w);
                    } while (w != v);
                    reportCycle(component, out);
                }
            }
        }
    }

    private void reportCycle(List<Integer> component, List<Finding> out) {
        if (component.size() == 1) {
            int v = component.get(0);
            int line = firstCallInto(v, Set.of(v));
            if (line >= 0) {
                Site site = sites.get(v);
                out.add(Finding.of(Category.RECURSION, site.className, site.method, line, "calls itself"));
            }
            return;
        }
        Set<Integer> members = new HashSet<>(component);
        TreeSet<String> names = new TreeSet<>();
        for (int v : component) {
            names.add(sites.get(v).className + "." + sites.get(v).method);
        }
        String cycle = names.size() <= 5 ? String.join(", ", names)
                : String.join(", ", new ArrayList<>(names).subList(0, 5)) + ", ... (" + names.size() + " methods)";
        for (int v : component) {
            Site site = sites.get(v);
            out.add(Finding.of(Category.RECURSION, site.className, site.method, firstCallInto(v, members),
                    "in a call cycle through " + cycle));
        }
    }

    private int firstCallInto(int v, Set<Integer> members) {
        int[] to = edges.get(v);
        for (int i = 0; i < to.length; i++) {
            if (members.contains(to[i])) {
                return edgeLines.get(v)[i];
            }
        }
        return -1;
    }
}
