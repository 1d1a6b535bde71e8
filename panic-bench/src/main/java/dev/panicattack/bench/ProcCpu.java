package dev.panicattack.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** CPU figures read from Linux /proc: the machine's busy time and a process tree's CPU time. */
final class ProcCpu {

    /** Kernel clock ticks per second (USER_HZ); 100 on every mainstream Linux build. */
    static final long TICKS_PER_SECOND = 100;

    private ProcCpu() {
    }

    /** {busy, total} jiffies of the whole machine from the first line of /proc/stat. */
    static long[] machineJiffies() throws IOException {
        String line = Files.readAllLines(Path.of("/proc/stat")).get(0);
        String[] fields = line.trim().split("\\s+");
        long total = 0;
        for (int i = 1; i < Math.min(fields.length, 9); i++) {
            total += Long.parseLong(fields[i]);
        }
        long idle = Long.parseLong(fields[4]) + Long.parseLong(fields[5]);
        return new long[] {total - idle, total};
    }

    /** utime + stime, in nanoseconds, of {@code root} and all its descendants alive now. */
    static long treeCpuNanos(long root) throws IOException {
        Map<Long, List<Long>> children = new HashMap<>();
        Map<Long, Long> ticks = new HashMap<>();
        try (Stream<Path> entries = Files.list(Path.of("/proc"))) {
            for (Path entry : (Iterable<Path>) entries::iterator) {
                String name = entry.getFileName().toString();
                if (!name.chars().allMatch(Character::isDigit)) {
                    continue;
                }
                String stat;
                try {
                    stat = Files.readString(entry.resolve("stat"));
                } catch (IOException gone) {
                    continue; // the process ended while we listed /proc: it is not part of the tree now
                }
                String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                long pid = Long.parseLong(name);
                long ppid = Long.parseLong(fields[1]);
                children.computeIfAbsent(ppid, key -> new ArrayList<>()).add(pid);
                ticks.put(pid, Long.parseLong(fields[11]) + Long.parseLong(fields[12]));
            }
        }
        long sum = 0;
        List<Long> pending = new ArrayList<>(List.of(root));
        while (!pending.isEmpty()) {
            long pid = pending.remove(pending.size() - 1);
            sum += ticks.getOrDefault(pid, 0L);
            pending.addAll(children.getOrDefault(pid, List.of()));
        }
        return sum * (1_000_000_000L / TICKS_PER_SECOND);
    }
}
