package dev.ebm.core.train;

import java.util.OptionalDouble;

/**
 * How a training step updates the parameters: the optimiser, optional clipping of the global
 * gradient norm ({@code g ← g · min(1, c/‖g‖)}), and an optional exponential moving average of the
 * parameters ({@code θ̄ ← d·θ̄ + (1−d)·θ} after each update), which sampling and export use when
 * present, as NCSN does.
 *
 * @param optimizer the update rule
 * @param clipNorm the largest global gradient norm c, if clipping
 * @param emaDecay the decay d of the moving average, if kept
 */
public record ProgramConfig(
    OptimizerConfig optimizer, OptionalDouble clipNorm, OptionalDouble emaDecay) {

  public ProgramConfig {
    if (optimizer == null || clipNorm == null || emaDecay == null) {
      throw new IllegalArgumentException("optimizer, clipNorm and emaDecay must not be null");
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

  /** The optimiser alone: no clipping, no moving average. */
  public static ProgramConfig of(OptimizerConfig optimizer) {
    return new ProgramConfig(optimizer, OptionalDouble.empty(), OptionalDouble.empty());
  }

  /** This configuration with global-norm clipping at {@code c}. */
  public ProgramConfig withClipNorm(double c) {
    return new ProgramConfig(optimizer, OptionalDouble.of(c), emaDecay);
  }

  /** This configuration with a moving average of decay {@code d}. */
  public ProgramConfig withEma(double d) {
    return new ProgramConfig(optimizer, clipNorm, OptionalDouble.of(d));
  }
}
