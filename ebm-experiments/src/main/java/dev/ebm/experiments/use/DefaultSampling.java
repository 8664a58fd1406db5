package dev.ebm.experiments.use;

import dev.ebm.core.data.DataStatistics;
import dev.ebm.core.method.TrainingMethod;
import dev.ebm.core.sampling.AnnealedLangevinSampler;
import dev.ebm.core.sampling.LangevinStep;
import dev.ebm.experiments.TrainedRun;
import dev.ebm.methods.NoiseConditionalScoreMatching;
import java.util.Optional;

/**
 * How a trained run is sampled when nothing else is asked (by {@code ebm sample}'s defaults and by
 * {@code ebm eval}'s MMD): chains start uniformly over the data's range; a run trained by {@code
 * ncsn} uses that method's own annealed sampler; any other run plain Langevin with {@code ε =
 * 0.1·s} and τ = 1, {@code s} the data's root-mean-square standard deviation (the step that
 * commutes with rescaling the data, as for training's chains).
 */
public final class DefaultSampling {

  /** ε per unit of the data's standard deviation. */
  public static final double STEP_PER_DATA_STD = 0.1;

  private DefaultSampling() {}

  /** The Langevin step fitted to the run's data. */
  public static LangevinStep langevinStep(TrainedRun run) {
    return new LangevinStep(STEP_PER_DATA_STD * run.statistics().rmsStandardDeviation(), 1);
  }

  /** The annealed sampler of the {@code ncsn} method the run was trained with, if it was. */
  public static Optional<AnnealedLangevinSampler> trainedSampler(TrainedRun run) {
    if (run.spec().isEmpty()) {
      return Optional.empty();
    }
    TrainingMethod method = run.spec().get().createMethod();
    return method instanceof NoiseConditionalScoreMatching ncsn
        ? Optional.of(ncsn.sampler(run.statistics()))
        : Optional.empty();
  }

  /** The default plan: the trained annealed sampler, or {@code steps} fitted Langevin steps. */
  public static SamplingPlan plan(TrainedRun run, int steps) {
    return trainedSampler(run)
        .map(SamplingPlan::annealed)
        .orElseGet(() -> SamplingPlan.langevin(langevinStep(run), steps, Double.NaN));
  }

  /** The range chains start in: the data's {@code [min, max]}. */
  public static double[] startRange(TrainedRun run) {
    DataStatistics data = run.statistics();
    return new double[] {data.min(), Math.max(data.max(), data.min() + 1e-6)};
  }
}
