package dev.ebm.methods.providers;

import dev.ebm.core.config.OptionSchema;
import dev.ebm.core.config.OptionSpec;
import dev.ebm.core.config.Options;
import dev.ebm.core.method.TrainingMethod;
import dev.ebm.core.method.TrainingMethodProvider;
import dev.ebm.core.sampling.AnnealedLangevinSampler;
import dev.ebm.core.sampling.SamplerProviders;
import dev.ebm.methods.AnnealingSettings;
import dev.ebm.methods.DenoisingScoreMatching;
import dev.ebm.methods.NoiseConditionalScoreMatching;
import java.util.OptionalDouble;

/** The providers of the denoising methods. */
public final class DenoisingProviders {

  private DenoisingProviders() {}

  /** {@code dsm}: the noise level {@code sigma}. */
  public static final class SingleLevel implements TrainingMethodProvider {
    private static final OptionSchema SCHEMA =
        OptionSchema.of(
            "dsm",
            OptionSpec.number(
                "sigma",
                "noise level σ of x̃ = x + σε; unset: "
                    + DenoisingScoreMatching.SIGMA_PER_DATA_STD
                    + " × the data's RMS std"));

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
      Options resolved = SCHEMA.resolve(options);
      OptionalDouble sigma = resolved.optionalNumber("sigma");
      return sigma.isPresent()
          ? new DenoisingScoreMatching(sigma.getAsDouble())
          : DenoisingScoreMatching.fittedToData();
    }
  }

  /**
   * {@code ncsn}: the options of the {@code annealed-langevin} sampler, whose schedule ({@code
   * sigma_max}, {@code sigma_min}, {@code levels}) is also the training schedule; the schedule's
   * ends and the step ε are fitted to the data unless given ({@link AnnealingSettings}).
   */
  public static final class MultiLevel implements TrainingMethodProvider {
    private static final OptionSchema SCHEMA =
        new OptionSchema(
            "ncsn",
            SamplerProviders.AnnealedLangevin.KEYS.stream()
                .map(MultiLevel::fittedUnlessGiven)
                .toList());

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
      Options o = SCHEMA.resolve(options);
      AnnealedLangevinSampler.Convention convention =
          o.string("convention").equals("image")
              ? AnnealedLangevinSampler.Convention.NCSN_IMAGE
              : AnnealedLangevinSampler.Convention.NCSN_TOY;
      return new NoiseConditionalScoreMatching(
          new AnnealingSettings(
              o.optionalNumber("sigma_max"),
              o.optionalNumber("sigma_min"),
              o.optionalInteger("levels"),
              o.integer("steps_per_level"),
              o.optionalNumber("epsilon"),
              convention,
              o.flag("denoise")));
    }

    /** The sampler's fixed defaults of σ₁, σ_L and ε become rules fitted to the data. */
    private static OptionSpec fittedUnlessGiven(OptionSpec spec) {
      return switch (spec.key()) {
        case "sigma_max" ->
            OptionSpec.number(
                "sigma_max",
                "largest noise level σ₁; unset: "
                    + AnnealingSettings.SIGMA_MAX_PER_PAIR_DISTANCE
                    + " × the RMS distance between data points");
        case "sigma_min" ->
            OptionSpec.number(
                "sigma_min",
                "smallest noise level σ_L; unset: "
                    + AnnealingSettings.SIGMA_MIN_PER_DATA_STD
                    + " × the data's RMS std");
        case "levels" ->
            OptionSpec.integer(
                "levels",
                "number of noise levels L (geometric); unset: the fewest that overlap enough"
                    + " (Song & Ermon 2020, technique 2; 2 for 2-D data)");
        case "epsilon" ->
            OptionSpec.number(
                "epsilon",
                "step ε at the smallest level, αᵢ = ε σᵢ²/σ_L²; unset: "
                    + AnnealingSettings.EPSILON_PER_SIGMA_MIN_SQUARED
                    + " × σ_L²");
        default -> spec;
      };
    }
  }
}
