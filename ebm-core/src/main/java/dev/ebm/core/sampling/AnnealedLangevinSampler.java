package dev.ebm.core.sampling;

import dev.ebm.core.graph.Parameters;
import dev.ebm.core.model.EnergyModel;
import dev.ebm.core.model.NoiseConditionalEnergyModel;
import dev.ebm.core.random.RandomStream;
import java.util.Optional;
import java.util.OptionalDouble;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.family.TFloating;

/**
 * Annealed Langevin dynamics (Song &amp; Ermon 2019, Algorithm 1): for each noise level {@code σ_i}
 * of a schedule, largest first, {@code T} Langevin steps on {@code E(x, σ_i)} with step {@code α_i
 * = ε·σ_i²/σ_L²}, written in the convention named by {@link Convention}; optionally a final
 * denoising step {@code x ← x + σ_L²·s(x, σ_L)} (Tweedie's formula). All {@code L·T} steps run in
 * one while loop.
 *
 * @param schedule the noise levels
 * @param stepsPerLevel T
 * @param epsilon ε, the step at the smallest level
 * @param convention how α enters the update
 * @param denoise whether to finish with the denoising step
 * @param clamp the box states are clipped to after each step, if any
 */
public record AnnealedLangevinSampler(
    NoiseSchedule schedule,
    int stepsPerLevel,
    double epsilon,
    Convention convention,
    boolean denoise,
    Optional<ClampRange> clamp)
    implements Sampler {

  /** The two ways the NCSN code base writes one step with step size α. */
  public enum Convention {
    /** The image sampler: {@code x ← x + α·s + √(2α)·z}. */
    NCSN_IMAGE,
    /** The toy script: {@code x ← x + (α/2)·s + √α·z}. */
    NCSN_TOY;

    LangevinStep step(double alpha) {
      return this == NCSN_IMAGE
          ? LangevinStep.fromNcsnImage(alpha)
          : LangevinStep.fromNcsnToy(alpha);
    }
  }

  public AnnealedLangevinSampler {
    if (schedule == null || convention == null || clamp == null) {
      throw new IllegalArgumentException("schedule, convention and clamp must not be null");
    }
    if (stepsPerLevel < 1) {
      throw new IllegalArgumentException(
          "steps per level must be at least 1, got " + stepsPerLevel);
    }
    if (!(epsilon > 0)) {
      throw new IllegalArgumentException("ε must be positive, got " + epsilon);
    }
    if ((long) schedule.levels() * stepsPerLevel > Integer.MAX_VALUE) {
      throw new IllegalArgumentException(
          schedule.levels()
              + " levels × "
              + stepsPerLevel
              + " steps per level is more than a chain's 2^31 - 1 steps; use fewer of either");
    }
  }

  /**
   * Song &amp; Ermon's image settings on the given schedule: T = 100, ε = 2e-5, image convention,
   * no final denoising, clamped to {@code [0, 1]}.
   */
  public static AnnealedLangevinSampler ncsnImageDefaults(NoiseSchedule schedule) {
    return new AnnealedLangevinSampler(
        schedule, 100, 2e-5, Convention.NCSN_IMAGE, false, Optional.of(new ClampRange(0, 1)));
  }

  /** The step size α_i at level i. */
  public double alpha(int level) {
    double ratio = schedule.sigma(level) / schedule.smallest();
    return epsilon * ratio * ratio;
  }

  /**
   * Builds the chain from {@code x0} for a noise-conditional {@code model}.
   *
   * @throws IllegalArgumentException if the model takes no noise level
   */
  @Override
  public <T extends TFloating> Operand<T> sample(
      Ops tf, EnergyModel model, Parameters<T> parameters, Operand<T> x0, RandomStream stream) {
    if (!(model instanceof NoiseConditionalEnergyModel conditional)) {
      throw new IllegalArgumentException(
          "annealed Langevin needs a noise-conditional model; "
              + model.name()
              + " takes no noise level (use model:noise_conditional=true, or the langevin sampler)");
    }
    return sample(tf, conditional, parameters, x0, stream);
  }

  /** Builds the chain from {@code x0}; returns the final state. */
  public <T extends TFloating> Operand<T> sample(
      Ops tf,
      NoiseConditionalEnergyModel model,
      Parameters<T> parameters,
      Operand<T> x0,
      RandomStream stream) {
    Ops scope = tf.withSubScope("annealed_langevin");
    int levels = schedule.levels();
    double[] drifts = new double[levels];
    double[] noise = new double[levels];
    for (int i = 0; i < levels; i++) {
      LangevinStep step = convention.step(alpha(i));
      drifts[i] = step.drift();
      noise[i] = step.noiseStd();
    }
    LangevinLoop.Levels plan =
        new LangevinLoop.Levels(drifts, noise, Optional.of(schedule.sigmas()), stepsPerLevel);
    Operand<T> x =
        LangevinLoop.run(scope, model, parameters, x0, stream, plan, OptionalDouble.empty(), clamp);
    if (!denoise) {
      return x;
    }
    Operand<T> sigma =
        scope.fill(
            scope.slice(
                scope.shape(x), scope.constant(new int[] {0}), scope.constant(new int[] {1})),
            scope.constant(x.type(), schedule.smallest()));
    Operand<T> score =
        dev.ebm.core.autodiff.Gradients.score(scope, model.energy(scope, x, sigma, parameters), x);
    Operand<T> denoised =
        scope.math.add(
            x,
            scope.math.mul(
                scope.constant(x.type(), schedule.smallest() * schedule.smallest()), score));
    return scope.stopGradient(denoised);
  }

  /** For provenance. */
  @Override
  public String describe() {
    return schedule.levels()
        + " levels "
        + schedule
        + " x "
        + stepsPerLevel
        + " steps, eps="
        + epsilon
        + ", "
        + convention
        + (denoise ? ", final denoising" : "");
  }
}
