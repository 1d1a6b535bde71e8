/** Small mechanisms shared by several packages of panic-core. Not API: may change without notice. */
package dev.panicattack.internal;
