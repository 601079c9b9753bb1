/**
 * The benchmark ({@code bench/run}, see BENCHMARKS.md): start-up through the launcher, region-wide
 * sweeps and CloudTrail pacing against the sandbox, transcript throughput, peak memory. It prints a
 * table of figures against goals; it is not a test and fails no build.
 */
package dev.irshell.bench;
