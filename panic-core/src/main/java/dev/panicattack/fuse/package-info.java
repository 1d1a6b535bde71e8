/**
 * Fuses: protections that must act before damage under pressure, the predictive fuse, and the
 * checks that they do (shedding order, the safety invariant).
 */
package dev.panicattack.fuse;
