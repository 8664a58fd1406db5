package dev.ebm.core.train;

import java.util.OptionalDouble;

/**
 * How a training step updates the parameters: the optimiser, optional clipping of the global
 * gradient norm ({@code g ← g · min(1, c/‖g‖)}), and an optional exponential moving average of the
 * parameters ({@code θ̄ ← d·θ̄ + (1−d)·θ} after each update), which sampling and export use when
 * present, as NCSN does; and the learning rate's schedule.
 *
 * @param optimizer the update rule
 * @param clipNorm the largest global gradient norm c, if clipping
 * @param emaDecay the decay d of the moving average, if kept
 * @param schedule the learning rate of each step
 */
public record ProgramConfig(
    OptimizerConfig optimizer,
    OptionalDouble clipNorm,
    OptionalDouble emaDecay,
    LearningRateSchedule schedule) {

  public ProgramConfig {
    if (optimizer == null || clipNorm == null || emaDecay == null || schedule == null) {
      throw new IllegalArgumentException(
          "optimizer, clipNorm, emaDecay and schedule must not be null");
    }
    if (clipNorm.isPresent() && !(clipNorm.getAsDouble() > 0)) {
      throw new IllegalArgumentException(
          "clip norm must be positive, got " + clipNorm.getAsDouble());
    }
    if (emaDecay.isPresent() && !(emaDecay.getAsDouble() > 0 && emaDecay.getAsDouble() < 1)) {
      throw new IllegalArgumentException(
          "EMA decay must lie in (0, 1), got " + emaDecay.getAsDouble());
    }
  }

  /** The optimiser alone: no clipping, no moving average, a constant learning rate. */
  public static ProgramConfig of(OptimizerConfig optimizer) {
    return new ProgramConfig(
        optimizer, OptionalDouble.empty(), OptionalDouble.empty(), LearningRateSchedule.constant());
  }

  /** This configuration with global-norm clipping at {@code c}. */
  public ProgramConfig withClipNorm(double c) {
    return new ProgramConfig(optimizer, OptionalDouble.of(c), emaDecay, schedule);
  }

  /** This configuration with a moving average of decay {@code d}. */
  public ProgramConfig withEma(double d) {
    return new ProgramConfig(optimizer, clipNorm, OptionalDouble.of(d), schedule);
  }

  /** This configuration with the learning rate following {@code learningRates}. */
  public ProgramConfig withSchedule(LearningRateSchedule learningRates) {
    return new ProgramConfig(optimizer, clipNorm, emaDecay, learningRates);
  }
}
