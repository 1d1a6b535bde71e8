/** The probe-overhead benchmark's target and JMH states. */
package dev.panicattack.bench.probes;
