package dev.ebm.methods.providers;

import dev.ebm.core.config.OptionSchema;
import dev.ebm.core.config.OptionSpec;
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

  /** {@code dsm}: the noise level {@code sigma}. */
  public static final class SingleLevel implements TrainingMethodProvider {
    private static final OptionSchema SCHEMA =
        OptionSchema.of("dsm", OptionSpec.number("sigma", 0.1, "noise level σ of x̃ = x + σε"));

    @Override
    public String name() {
      return "dsm";
    }

    @Override
    public String description() {
      return "denoising score matching, Vincent 2011: mean 0.5|grad E(x+sigma e) - e/sigma|^2";
    }

    @Override
    public OptionSchema options() {
      return SCHEMA;
    }

    @Override
    public TrainingMethod create(Options options) {
      return new DenoisingScoreMatching(SCHEMA.resolve(options).number("sigma"));
    }
  }

  /**
   * {@code ncsn}: the options of the {@code annealed-langevin} sampler, whose schedule ({@code
   * sigma_max}, {@code sigma_min}, {@code levels}) is also the training schedule.
   */
  public static final class MultiLevel implements TrainingMethodProvider {
    private static final OptionSchema SCHEMA =
        new OptionSchema("ncsn", SamplerProviders.AnnealedLangevin.KEYS);

    @Override
    public String name() {
      return "ncsn";
    }

    @Override
    public String description() {
      return "noise-conditional score network, Song & Ermon 2019: DSM over a geometric sigma schedule, lambda=sigma^2; samples with annealed Langevin";
    }

    @Override
    public OptionSchema options() {
      return SCHEMA;
    }

    @Override
    public TrainingMethod create(Options options) {
      AnnealedLangevinSampler sampler =
          SamplerProviders.AnnealedLangevin.fromResolved(SCHEMA.resolve(options));
      return new NoiseConditionalScoreMatching(sampler.schedule(), sampler);
    }
  }
}
