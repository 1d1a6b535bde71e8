/**
 * Assail: static analysis of compiled classes for code that pressure would break. Entry point
 * {@link dev.panicattack.assail.AssailScanner#scan(java.nio.file.Path)} reads a classes directory or a jar
 * and returns an {@link dev.panicattack.assail.AssailReport}; {@link dev.panicattack.assail.AssailCommand}
 * is the command line. See {@code docs/assail.md}.
 */
package dev.panicattack.assail;
