package dev.ebm.core.trained;

import java.util.OptionalDouble;
import java.util.SplittableRandom;

/**
 * Runs a {@link SamplingPlan} on any {@link EnergyFunction}, one batched score evaluation per
 * update: {@code x ← x + λ·s(x, σ) + σ_z·z}, {@code s = −∇ₓE}, {@code z ~ N(0, I)} from a seeded
 * source. It runs outside the graph so that it works on every energy, a SavedModel included, whose
 * graph cannot enter a while loop; training's chains run inside the graph ({@code LangevinLoop}).
 */
public final class ChainRunner {

  /** Watches the chains: progress, or states recorded over time. */
  @FunctionalInterface
  public interface Observer {

    /**
     * Called after update {@code done} (from 1) with the chains' states, which it must not keep.
     */
    void after(long done, double[] states);
  }

  private ChainRunner() {}

  /**
   * The chains' final states.
   *
   * @param start the initial states, row-major {@code [chains] + sampleShape}
   * @param observer told the number of updates done and the states, after each
   */
  public static double[] run(
      EnergyFunction energy, SamplingPlan plan, double[] start, long seed, Observer observer) {
    int d = energy.sampleSize();
    int chains = start.length / d;
    double[] x = start.clone();
    SplittableRandom random = new SplittableRandom(seed);
    long done = 0;
    for (SamplingPlan.Level level : plan.levels()) {
      double[] sigmas = energy.noiseLevels(chains, level.sigma());
      double drift = level.step().drift();
      double noise = level.step().noiseStd();
      for (int t = 0; t < level.steps(); t++) {
        double[] score = energy.scores(x, sigmas);
        for (int i = 0; i < x.length; i++) {
          x[i] += drift * score[i] + noise * random.nextGaussian();
        }
        observer.after(++done, x);
      }
    }
    if (plan.denoiseAt().isPresent()) {
      double sigma = plan.denoiseAt().getAsDouble();
      double[] score = energy.scores(x, energy.noiseLevels(chains, OptionalDouble.of(sigma)));
      for (int i = 0; i < x.length; i++) {
        x[i] += sigma * sigma * score[i];
      }
    }
    return x;
  }
}
