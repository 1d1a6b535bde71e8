/**
 * One classpath lister: the resources of a directory across every root of a class loader, classes
 * directories and jars alike. Not API.
 */
package dev.panicattack.internal.classpath;
