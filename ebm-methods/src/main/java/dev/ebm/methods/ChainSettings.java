package dev.ebm.methods;

import dev.ebm.core.data.DataStatistics;
import dev.ebm.core.sampling.ChainInit;
import dev.ebm.core.sampling.LangevinSampler;
import dev.ebm.core.sampling.LangevinStep;
import dev.ebm.core.sampling.Sampler;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The negative-phase chains as configured: every setting given, or the chains' start and step size
 * left to fit the training data, resolved when its statistics are known (at build time):
 *
 * <ul>
 *   <li>fresh chains start uniformly over the data's range {@code [min, max]};
 *   <li>the Langevin step is {@code ε = 0.1·s}, with {@code s} the data's root-mean-square standard
 *       deviation. The update {@code x ← x − (ε²/2)∇E(x) + τεz} commutes with rescaling the data by
 *       {@code s} exactly when {@code ε} scales with {@code s}, so a step that mixes on data of
 *       unit scale mixes on data of any scale (for unit-scale data this is the fixed default 0.1).
 * </ul>
 *
 * @param chains the chains with every given setting (and placeholders for the fitted ones)
 * @param initFromData whether fresh chains start over the data's range
 * @param stepFromData whether ε is fitted to the data's scale
 */
public record ChainSettings(LangevinChains chains, boolean initFromData, boolean stepFromData) {

  /** ε per unit of the data's standard deviation, when the step is fitted. */
  public static final double STEP_PER_DATA_STD = 0.1;

  /** Chains whose every setting is given. */
  public static ChainSettings given(LangevinChains chains) {
    return new ChainSettings(chains, false, false);
  }

  /** The chains with the fitted settings resolved for {@code data}. */
  public LangevinChains fittedTo(DataStatistics data) {
    ChainInit init = chains.init();
    if (initFromData) {
      double half = Math.max(0.5 * (data.max() - data.min()), 1e-3);
      double centre = 0.5 * (data.max() + data.min());
      init = ChainInit.uniform(centre - half, centre + half);
    }
    Sampler sampler = chains.sampler();
    if (stepFromData && sampler instanceof LangevinSampler langevin) {
      sampler =
          new LangevinSampler(
              langevin.steps(),
              new LangevinStep(
                  STEP_PER_DATA_STD * data.rmsStandardDeviation(), langevin.step().tau()),
              langevin.gradientClip(),
              langevin.clamp());
    }
    return new LangevinChains(
        chains.source(),
        sampler,
        init,
        chains.bufferCapacity(),
        chains.reinitProbability(),
        chains.transition());
  }

  /** For provenance: the given settings, and the rules of the fitted ones. */
  Map<String, Object> describe() {
    Map<String, Object> c = new LinkedHashMap<>(chains.describe());
    if (initFromData) {
      c.put("init", "uniform over the data's range [min, max]");
    }
    if (stepFromData && chains.sampler() instanceof LangevinSampler langevin) {
      c.put(
          "sampler",
          langevin.steps()
              + " Langevin steps, epsilon = "
              + STEP_PER_DATA_STD
              + " x the data's RMS standard deviation, tau = "
              + langevin.step().tau());
    }
    return c;
  }
}
