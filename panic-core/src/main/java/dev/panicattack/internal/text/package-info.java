/** Deterministic, locale-free number and duration formatting for summaries and failure messages. Not API: may change without notice. */
package dev.panicattack.internal.text;
