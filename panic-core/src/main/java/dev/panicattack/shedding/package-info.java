/**
 * Priority shedding: declare components with priorities (1 is never shed, higher numbers shed
 * first), apply rising pressure, and check that they shed in that order, that priority 1 keeps its
 * latency budget and that everything recovers once pressure lifts. User guide:
 * {@code docs/priority-shedding.md}.
 */
package dev.panicattack.shedding;
