/** Code the probe examples run: a line counter that leaks a stream, and a category tree that recurses. */
package dev.panicattack.examples.probes;
