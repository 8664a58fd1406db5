/**
 * The benchmark command's standard workloads (BENCHMARKS.md), timed through the real training step:
 * warm-up, repetitions, median throughput in steps per second against each target.
 */
package dev.ebm.experiments.bench;
