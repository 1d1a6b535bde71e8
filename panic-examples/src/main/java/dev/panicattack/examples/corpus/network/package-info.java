/**
 * Corpus programs for network faults: clients of loopback servers that wait without a timeout under
 * {@code slow-dependency} and {@code network-partition} (MISSING_TIMEOUT), and clients that bound
 * every call and handle the timeout (healthy). Servers are started and stopped by the programs.
 */
package dev.panicattack.examples.corpus.network;
