package dev.ebm.methods.providers;

import dev.ebm.core.config.Options;
import dev.ebm.core.method.TrainingMethod;
import dev.ebm.core.method.TrainingMethodProvider;
import dev.ebm.core.sampling.AnnealedLangevinSampler;
import dev.ebm.core.sampling.NoiseSchedule;
import dev.ebm.methods.DenoisingScoreMatching;
import dev.ebm.methods.NoiseConditionalScoreMatching;
import java.util.Optional;

/** The providers of the denoising methods. */
public final class DenoisingProviders {

  private DenoisingProviders() {}

  /** {@code dsm}: {@code sigma} (default 0.1). */
  public static final class SingleLevel implements TrainingMethodProvider {
    @Override
    public String name() {
      return "dsm";
    }

    @Override
    public String description() {
      return "denoising score matching, Vincent 2011: mean 0.5|grad E(x+sigma e) - e/sigma|^2 (sigma=0.1)";
    }

    @Override
    public TrainingMethod create(Options options) {
      DenoisingScoreMatching method = new DenoisingScoreMatching(options.number("sigma", 0.1));
      options.requireAllKnown();
      return method;
    }
  }

  /**
   * {@code ncsn}: {@code sigma_max} (1), {@code sigma_min} (0.01), {@code levels} (10); sampling
   * {@code steps_per_level} (100), {@code epsilon} (2e-5), {@code convention} (image or toy),
   * {@code denoise} (false).
   */
  public static final class MultiLevel implements TrainingMethodProvider {
    @Override
    public String name() {
      return "ncsn";
    }

    @Override
    public String description() {
      return "noise-conditional score network, Song & Ermon 2019: DSM over a geometric sigma schedule, lambda=sigma^2 (sigma_max=1, sigma_min=0.01, levels=10)";
    }

    @Override
    public TrainingMethod create(Options options) {
      NoiseSchedule schedule =
          NoiseSchedule.geometric(
              options.number("sigma_max", 1.0),
              options.number("sigma_min", 0.01),
              options.integer("levels", 10));
      AnnealedLangevinSampler sampler =
          new AnnealedLangevinSampler(
              schedule,
              options.integer("steps_per_level", 100),
              options.number("epsilon", 2e-5),
              options.choice("convention", "image", "image", "toy").equals("image")
                  ? AnnealedLangevinSampler.Convention.NCSN_IMAGE
                  : AnnealedLangevinSampler.Convention.NCSN_TOY,
              options.flag("denoise", false),
              Optional.empty());
      options.requireAllKnown();
      return new NoiseConditionalScoreMatching(schedule, sampler);
    }
  }
}
