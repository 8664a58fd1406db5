package dev.ebm.core.trained;

import dev.ebm.core.data.DataStatistics;
import dev.ebm.core.sampling.LangevinStep;

/**
 * How a trained energy is sampled when nothing else is asked, fitted to its training data: chains
 * start uniformly over the data's range {@code [min, max]}, and plain Langevin takes {@code ε =
 * 0.1·s} and τ = 1, {@code s} the data's root-mean-square standard deviation (the step that
 * commutes with rescaling the data, as for training's chains). A training method may name a sampler
 * of its own instead ({@link dev.ebm.core.method.TrainingMethod#defaultSampler}).
 */
public final class DefaultSampling {

  /** ε per unit of the data's standard deviation. */
  public static final double STEP_PER_DATA_STD = 0.1;

  private DefaultSampling() {}

  /** The Langevin step fitted to the data. */
  public static LangevinStep langevinStep(DataStatistics data) {
    return new LangevinStep(STEP_PER_DATA_STD * data.rmsStandardDeviation(), 1);
  }

  /** The range chains start in: the data's {@code [min, max]}. */
  public static double[] startRange(DataStatistics data) {
    return new double[] {data.min(), Math.max(data.max(), data.min() + 1e-6)};
  }
}
