package dev.ebm.core.train;

import java.util.OptionalInt;

/**
 * How many training steps one session call runs: a fixed number, or {@code auto}, which chooses
 * from the size of a step as many as make one call hold about {@link #OPS_PER_CALL} graph ops,
 * between 1 and {@link #MAX_AUTO_STEPS_PER_RUN}, and one for runs of fewer than {@link
 * #AUTO_MIN_STEPS} steps. A call costs a fixed overhead (about 0.5–0.8 ms on a CPU) that small
 * steps pay many times over, while a large step already hides it and would only make the graph
 * slower to build. Chosen by measurement (docs/BENCHMARK-RESULTS.md). The steps per run change the
 * speed of training, never its result.
 *
 * @param fixed the steps per run, at least 1; empty for {@code auto}
 */
public record StepsPerRun(OptionalInt fixed) {

  /** The graph ops one session call should hold when the steps per run are chosen. */
  public static final int OPS_PER_CALL = 4000;

  /** The most steps per run chosen automatically. */
  public static final int MAX_AUTO_STEPS_PER_RUN = 10;

  /**
   * The shortest run for which {@code auto} repeats the step: each extra copy of a 2-D MLP's step
   * costs about 0.2 s to build and optimise, and saves 10–15 % of a step's time (measured in
   * docs/BENCHMARK-RESULTS.md), which pays back after a few thousand steps.
   */
  public static final long AUTO_MIN_STEPS = 5000;

  public StepsPerRun {
    if (fixed == null) {
      throw new IllegalArgumentException("fixed must not be null; use StepsPerRun.auto()");
    }
    if (fixed.isPresent() && fixed.getAsInt() < 1) {
      throw new IllegalArgumentException(
          "steps per run must be at least 1, got " + fixed.getAsInt() + "; or use auto");
    }
  }

  /** The steps per run chosen from the size of a step. */
  public static StepsPerRun auto() {
    return new StepsPerRun(OptionalInt.empty());
  }

  /**
   * Exactly {@code steps} steps per run.
   *
   * @throws IllegalArgumentException if {@code steps < 1}
   */
  public static StepsPerRun fixed(int steps) {
    return new StepsPerRun(OptionalInt.of(steps));
  }

  /**
   * The steps per run an option names: {@code auto} or a positive whole number.
   *
   * @throws IllegalArgumentException naming the option, the value and the accepted values
   */
  public static StepsPerRun parse(String option, String value) {
    if ("auto".equals(value)) {
      return auto();
    }
    try {
      int steps = Integer.parseInt(value);
      if (steps >= 1) {
        return fixed(steps);
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException(
        option + " takes auto or a whole number of at least 1, got '" + value + "'");
  }

  /**
   * These steps per run for a run of {@code totalSteps} steps: {@code auto} becomes 1 for a run
   * shorter than {@link #AUTO_MIN_STEPS}, where building the larger graph costs more than it saves.
   */
  public StepsPerRun forRunOf(long totalSteps) {
    return fixed.isEmpty() && totalSteps < AUTO_MIN_STEPS ? fixed(1) : this;
  }

  /**
   * The number of steps per run for a step of {@code opsPerStep} graph ops: the fixed number, or
   * for {@code auto} {@code max(1, min(MAX_AUTO_STEPS_PER_RUN, round(OPS_PER_CALL / opsPerStep)))}.
   *
   * @throws IllegalArgumentException if {@code opsPerStep < 1}
   */
  public int resolve(int opsPerStep) {
    if (opsPerStep < 1) {
      throw new IllegalArgumentException("a step has at least 1 graph op, got " + opsPerStep);
    }
    return fixed.orElseGet(
        () ->
            (int)
                Math.max(
                    1,
                    Math.min(
                        MAX_AUTO_STEPS_PER_RUN, Math.round(OPS_PER_CALL / (double) opsPerStep))));
  }

  /** {@code auto} or the fixed number, as {@link #parse} reads it. */
  @Override
  public String toString() {
    return fixed.isPresent() ? Integer.toString(fixed.getAsInt()) : "auto";
  }
}
