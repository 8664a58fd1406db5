package dev.ebm.experiments.bench;

import dev.ebm.core.graph.RunProfile;
import dev.ebm.core.graph.SessionOptions;
import dev.ebm.core.train.StepsPerRun;

/**
 * One standard benchmark workload of BENCHMARKS.md: it builds its graph and returns a step to time.
 *
 * @param name the name in BENCHMARKS.md
 * @param target the steps per second we aim for
 * @param unitSteps how many counted steps one call performs per step per call (100 for a Langevin
 *     chain call, 1 for a training step)
 * @param training whether it is a training step, which can run several steps per call
 * @param factory builds the step
 */
record Workload(String name, double target, int unitSteps, boolean training, StepFactory factory) {

  /** A built workload: one call runs its steps; closing frees the graph. */
  interface Step extends AutoCloseable {
    /** Runs one call. */
    void run();

    /** Runs one call with TensorFlow's full trace and returns its step statistics. */
    RunProfile profile();

    /** The training steps one call runs (1 for a chain workload). */
    int stepsPerCall();

    /** The counted FLOPs of one step ({@link GraphFlops}). */
    double flopsPerStep();

    /** The bytes one step sends between a cluster's tasks (0 off a cluster). */
    default long crossTaskBytesPerStep() {
      return 0;
    }

    @Override
    void close();
  }

  /**
   * Builds a workload's step with the given session options and training steps per call ({@link
   * StepsPerRun#auto()} to let the program choose).
   */
  @FunctionalInterface
  interface StepFactory {
    Step build(SessionOptions options, StepsPerRun stepsPerCall);
  }
}
