package dev.panicattack.examples.corpus;

import java.util.List;

import dev.panicattack.examples.corpus.disk.DiskFullPrograms;
import dev.panicattack.examples.corpus.disk.HealthyDiskPrograms;

/** The corpus classes for a full disk (DISK_FULL_UNHANDLED), healthy programs first. */
final class DiskCorpus {

    static final List<Class<?>> CLASSES = List.of(HealthyDiskPrograms.class, DiskFullPrograms.class);

    private DiskCorpus() {
    }
}
