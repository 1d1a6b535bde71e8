package dev.panicattack.examples.corpus;

import java.util.List;

import dev.panicattack.examples.corpus.network.HealthyNetworkPrograms;
import dev.panicattack.examples.corpus.network.NetworkTimeoutPrograms;

/** The corpus classes for network faults (MISSING_TIMEOUT under latency and blackhole), healthy programs first. */
final class NetworkCorpus {

    static final List<Class<?>> CLASSES = List.of(HealthyNetworkPrograms.class, NetworkTimeoutPrograms.class);

    private NetworkCorpus() {
    }
}
