/**
 * The subject: which classes are the code under test, for instrumentation that must act on the
 * subject's own calls and never on the build's or the library's.
 */
package dev.panicattack.subject;
