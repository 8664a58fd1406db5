package dev.ebm.methods.providers;

import dev.ebm.core.config.Options;
import dev.ebm.core.method.TrainingMethod;
import dev.ebm.core.method.TrainingMethodProvider;
import dev.ebm.core.sampling.AnnealedLangevinSampler;
import dev.ebm.core.sampling.SamplerProviders;
import dev.ebm.methods.DenoisingScoreMatching;
import dev.ebm.methods.NoiseConditionalScoreMatching;

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
      // The sampler's schedule is the training schedule: both read sigma_max, sigma_min, levels.
      AnnealedLangevinSampler sampler = new SamplerProviders.AnnealedLangevin().create(options);
      options.requireAllKnown();
      return new NoiseConditionalScoreMatching(sampler.schedule(), sampler);
    }
  }
}
