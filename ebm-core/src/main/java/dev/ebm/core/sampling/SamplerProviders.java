package dev.ebm.core.sampling;

import dev.ebm.core.config.OptionSchema;
import dev.ebm.core.config.OptionSpec;
import dev.ebm.core.config.Options;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;

/** The samplers that ship with the core: {@code langevin} and {@code annealed-langevin}. */
public final class SamplerProviders {

  private SamplerProviders() {}

  /** {@code langevin}: {@link LangevinSampler}, with the options of {@link #KEYS}. */
  public static final class Langevin implements SamplerProvider {

    /** The options of a Langevin chain. */
    public static final List<OptionSpec> KEYS =
        List.of(
            OptionSpec.integer("steps", 100, "chain length K"),
            OptionSpec.number("epsilon", 0.1, "step size ε of x ← x − (ε²/2)∇E + τεz"),
            OptionSpec.number("tau", 1.0, "noise scale τ (1 samples exp(−E); below 1 sharper)"),
            OptionSpec.number("grad_clip", 0, "clip each gradient coordinate to [−c, c]; 0: none"),
            OptionSpec.number("clamp_low", "clamp states from below after each step; unset: none"),
            OptionSpec.number(
                "clamp_high", "clamp states from above after each step; unset: none"));

    private static final OptionSchema SCHEMA = new OptionSchema("langevin", KEYS);

    @Override
    public String name() {
      return "langevin";
    }

    @Override
    public String description() {
      return "Langevin dynamics x <- x - (eps^2/2) grad E + tau eps z";
    }

    @Override
    public OptionSchema options() {
      return SCHEMA;
    }

    @Override
    public LangevinSampler create(Options options) {
      Options resolved = SCHEMA.resolve(options);
      return fromResolved(resolved, resolved.number("epsilon"));
    }

    /**
     * The sampler from resolved options of {@link #KEYS}; {@code epsilonIfUnset} stands in for an
     * {@code epsilon} a schema leaves unset.
     */
    public static LangevinSampler fromResolved(Options o, double epsilonIfUnset) {
      LangevinSampler sampler =
          LangevinSampler.of(
              o.integer("steps"),
              new LangevinStep(
                  o.optionalNumber("epsilon").orElse(epsilonIfUnset), o.number("tau")));
      double clip = o.number("grad_clip");
      if (clip > 0) {
        sampler = sampler.withGradientClip(clip);
      }
      OptionalDouble low = o.optionalNumber("clamp_low");
      OptionalDouble high = o.optionalNumber("clamp_high");
      if (low.isPresent() || high.isPresent()) {
        sampler =
            sampler.withClamp(
                low.orElse(Double.NEGATIVE_INFINITY), high.orElse(Double.POSITIVE_INFINITY));
      }
      return sampler;
    }
  }

  /**
   * {@code annealed-langevin}: {@link AnnealedLangevinSampler} with the options of {@link #KEYS}
   * (defaults: Song &amp; Ermon's image settings).
   */
  public static final class AnnealedLangevin implements SamplerProvider {

    /** The options of an annealed Langevin chain over a geometric noise schedule. */
    public static final List<OptionSpec> KEYS =
        List.of(
            OptionSpec.number("sigma_max", 1.0, "largest noise level σ₁"),
            OptionSpec.number("sigma_min", 0.01, "smallest noise level σ_L"),
            OptionSpec.integer("levels", 10, "number of noise levels L (geometric)"),
            OptionSpec.integer("steps_per_level", 100, "Langevin steps T at each level"),
            OptionSpec.number("epsilon", 2e-5, "step ε at the smallest level; αᵢ = ε σᵢ²/σ_L²"),
            OptionSpec.choice(
                "convention",
                "image: x += α s + √(2α) z; toy: x += (α/2) s + √α z",
                "image",
                "toy"),
            OptionSpec.flag("denoise", false, "finish with x + σ_L² s(x, σ_L)"));

    private static final OptionSchema SCHEMA = new OptionSchema("annealed-langevin", KEYS);

    @Override
    public String name() {
      return "annealed-langevin";
    }

    @Override
    public String description() {
      return "annealed Langevin dynamics over a geometric noise schedule, Song & Ermon 2019";
    }

    @Override
    public OptionSchema options() {
      return SCHEMA;
    }

    @Override
    public AnnealedLangevinSampler create(Options options) {
      return fromResolved(SCHEMA.resolve(options));
    }

    /** The sampler from resolved options of {@link #KEYS}. */
    public static AnnealedLangevinSampler fromResolved(Options o) {
      NoiseSchedule schedule =
          NoiseSchedule.geometric(
              o.number("sigma_max"), o.number("sigma_min"), o.integer("levels"));
      return new AnnealedLangevinSampler(
          schedule,
          o.integer("steps_per_level"),
          o.number("epsilon"),
          o.string("convention").equals("image")
              ? AnnealedLangevinSampler.Convention.NCSN_IMAGE
              : AnnealedLangevinSampler.Convention.NCSN_TOY,
          o.flag("denoise"),
          Optional.empty());
    }
  }
}
