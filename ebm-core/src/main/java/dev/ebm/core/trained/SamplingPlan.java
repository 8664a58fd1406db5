package dev.ebm.core.trained;

import dev.ebm.core.sampling.AnnealedLangevinSampler;
import dev.ebm.core.sampling.LangevinStep;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;

/**
 * A Langevin chain as a list of levels, each {@code steps} updates {@code x ← x − λ∇ₓE(x, σ) +
 * σ_z·z} at one noise level σ of the energy (none for a plain energy), and an optional final
 * denoising step {@code x ← x + σ_L² s(x, σ_L)} (Song &amp; Ermon 2019). Plain Langevin is one
 * level; annealed Langevin one per noise level of its schedule.
 *
 * @param levels the levels, in order
 * @param denoiseAt the noise level of the final denoising step, if any
 */
public record SamplingPlan(List<SamplingPlan.Level> levels, OptionalDouble denoiseAt) {

  /**
   * One level.
   *
   * @param step the update's drift λ and noise σ_z
   * @param sigma the energy's noise level; empty for a plain energy
   * @param steps how many updates
   */
  public record Level(LangevinStep step, OptionalDouble sigma, int steps) {
    public Level {
      if (steps < 1) {
        throw new IllegalArgumentException("a level needs at least one step, got " + steps);
      }
    }
  }

  public SamplingPlan {
    if (levels.isEmpty()) {
      throw new IllegalArgumentException("a sampling plan needs at least one level");
    }
    levels = List.copyOf(levels);
  }

  /** Plain Langevin on a plain energy: {@code steps} updates with {@code step}. */
  public static SamplingPlan langevin(LangevinStep step, int steps) {
    return new SamplingPlan(
        List.of(new Level(step, OptionalDouble.empty(), steps)), OptionalDouble.empty());
  }

  /** The plan of an annealed Langevin sampler, in its own convention and schedule. */
  public static SamplingPlan annealed(AnnealedLangevinSampler sampler) {
    List<Level> levels = new ArrayList<>();
    for (int i = 0; i < sampler.schedule().levels(); i++) {
      double alpha = sampler.alpha(i);
      LangevinStep step =
          sampler.convention() == AnnealedLangevinSampler.Convention.NCSN_IMAGE
              ? LangevinStep.fromNcsnImage(alpha)
              : LangevinStep.fromNcsnToy(alpha);
      levels.add(
          new Level(step, OptionalDouble.of(sampler.schedule().sigma(i)), sampler.stepsPerLevel()));
    }
    return new SamplingPlan(
        levels,
        sampler.denoise()
            ? OptionalDouble.of(sampler.schedule().smallest())
            : OptionalDouble.empty());
  }

  /** The total number of updates. */
  public long totalSteps() {
    return levels.stream().mapToLong(Level::steps).sum();
  }

  /** For the settings file: each level's update written out. */
  public List<String> describe() {
    List<String> lines = new ArrayList<>();
    for (Level level : levels) {
      lines.add(
          level.steps()
              + " x "
              + level.step().describe()
              + (level.sigma().isPresent() ? " at sigma " + level.sigma().getAsDouble() : ""));
    }
    denoiseAt.ifPresent(s -> lines.add("then x <- x + " + s * s + " * score(x, " + s + ")"));
    return lines;
  }
}
