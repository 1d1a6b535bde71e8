/**
 * The network axis: faults on the test's own loopback client connections (latency, jitter, loss as
 * retransmission delay, bandwidth, resets, refused connects, blackhole), in-process through advice
 * on the JDK's socket classes and through loopback fault proxies. Semantics: {@code docs/network-pressure.md}.
 */
package dev.panicattack.pressure.network;
