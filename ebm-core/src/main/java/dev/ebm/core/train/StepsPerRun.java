package dev.ebm.core.train;

import dev.ebm.core.config.InvalidSettingException;
import java.util.OptionalInt;

/**
 * How many training steps one session call runs: a fixed number, or {@code auto} — one for runs
 * shorter than {@link #AUTO_MIN_STEPS} steps, else as many as make a call hold about {@link
 * TrainingProgram#OPS_PER_CALL} graph ops. Changes the speed, never the result.
 *
 * @param fixed the fixed number, or empty for auto
 */
public record StepsPerRun(OptionalInt fixed) {

  /**
   * The shortest run for which {@code auto} repeats the step: each extra copy of a 2-D MLP's step
   * costs about 0.2 s to build and optimise, and saves 10–15 % of a step's time (measured in
   * docs/BENCHMARK-RESULTS.md), which pays back after a few thousand steps.
   */
  public static final long AUTO_MIN_STEPS = 5000;

  public StepsPerRun {
    if (fixed.isPresent() && fixed.getAsInt() < 1) {
      throw new InvalidSettingException(
          "stepsPerRun",
          "takes auto or a whole number of at least 1, got '" + fixed.getAsInt() + "'");
    }
  }

  /** Chosen from the size of a step. */
  public static StepsPerRun auto() {
    return new StepsPerRun(OptionalInt.empty());
  }

  /** {@code k} steps per call. */
  public static StepsPerRun fixed(int k) {
    return new StepsPerRun(OptionalInt.of(k));
  }

  /**
   * {@code auto} or a positive whole number.
   *
   * @throws InvalidSettingException naming the accepted values
   */
  public static StepsPerRun parse(String value) {
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
    throw new InvalidSettingException(
        "stepsPerRun", "takes auto or a whole number of at least 1, got '" + value + "'");
  }

  /** What {@link TrainingProgram#build} is asked for in a run of {@code totalSteps} steps. */
  public int forRun(long totalSteps) {
    if (fixed.isPresent()) {
      return fixed.getAsInt();
    }
    return totalSteps < AUTO_MIN_STEPS ? 1 : TrainingProgram.AUTO_STEPS_PER_RUN;
  }

  @Override
  public String toString() {
    return fixed.isPresent() ? String.valueOf(fixed.getAsInt()) : "auto";
  }
}
