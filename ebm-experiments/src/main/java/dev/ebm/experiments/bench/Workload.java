package dev.ebm.experiments.bench;

import dev.ebm.core.graph.SessionOptions;

/**
 * One standard benchmark workload of BENCHMARKS.md: it builds its graph and returns a step to time.
 *
 * @param name the name in BENCHMARKS.md
 * @param target the steps per second we aim for
 * @param unitSteps how many counted steps one call performs (100 for a Langevin chain call)
 * @param factory builds the step
 */
record Workload(String name, double target, int unitSteps, StepFactory factory) {

  /** A built workload: one call runs one step (or one chain); closing frees the graph. */
  interface Step extends AutoCloseable {
    void run();

    @Override
    void close();
  }

  /** Builds a workload's step with the given session options. */
  @FunctionalInterface
  interface StepFactory {
    Step build(SessionOptions options);
  }
}
