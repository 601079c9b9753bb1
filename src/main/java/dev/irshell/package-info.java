/** The entry point and the wiring, nothing else. */
package dev.irshell;
