package dev.ebm.core.sampling;

import dev.ebm.core.config.Options;
import java.util.Optional;

/** The samplers that ship with the core: {@code langevin} and {@code annealed-langevin}. */
public final class SamplerProviders {

  private SamplerProviders() {}

  /**
   * {@code langevin}: {@link LangevinSampler} with options {@code steps} (100), {@code epsilon}
   * (0.1), {@code tau} (1), {@code grad_clip} (0: none), {@code clamp_low}/{@code clamp_high}
   * (unset: none).
   */
  public static final class Langevin implements SamplerProvider {

    @Override
    public String name() {
      return "langevin";
    }

    @Override
    public String description() {
      return "Langevin dynamics x <- x - (eps^2/2) grad E + tau eps z (steps=100, epsilon=0.1, tau=1)";
    }

    @Override
    public LangevinSampler create(Options options) {
      return create(options, 100, 0.1);
    }

    /** The sampler with other defaults for {@code steps} and {@code epsilon}. */
    public static LangevinSampler create(Options options, int defaultSteps, double defaultEpsilon) {
      LangevinSampler sampler =
          LangevinSampler.of(
              options.integer("steps", defaultSteps),
              new LangevinStep(
                  options.number("epsilon", defaultEpsilon), options.number("tau", 1.0)));
      double clip = options.number("grad_clip", 0);
      if (clip > 0) {
        sampler = sampler.withGradientClip(clip);
      }
      double low = options.number("clamp_low", Double.NEGATIVE_INFINITY);
      double high = options.number("clamp_high", Double.POSITIVE_INFINITY);
      if (Double.isFinite(low) || Double.isFinite(high)) {
        sampler = sampler.withClamp(low, high);
      }
      return sampler;
    }
  }

  /**
   * {@code annealed-langevin}: {@link AnnealedLangevinSampler} with options {@code sigma_max} (1),
   * {@code sigma_min} (0.01), {@code levels} (10), {@code steps_per_level} (100), {@code epsilon}
   * (2e-5), {@code convention} (image or toy) and {@code denoise} (false) — Song &amp; Ermon's
   * image settings.
   */
  public static final class AnnealedLangevin implements SamplerProvider {

    @Override
    public String name() {
      return "annealed-langevin";
    }

    @Override
    public String description() {
      return "annealed Langevin dynamics over a geometric noise schedule, Song & Ermon 2019"
          + " (sigma_max=1, sigma_min=0.01, levels=10, steps_per_level=100, epsilon=2e-5,"
          + " convention=image)";
    }

    @Override
    public AnnealedLangevinSampler create(Options options) {
      NoiseSchedule schedule =
          NoiseSchedule.geometric(
              options.number("sigma_max", 1.0),
              options.number("sigma_min", 0.01),
              options.integer("levels", 10));
      return new AnnealedLangevinSampler(
          schedule,
          options.integer("steps_per_level", 100),
          options.number("epsilon", 2e-5),
          options.choice("convention", "image", "image", "toy").equals("image")
              ? AnnealedLangevinSampler.Convention.NCSN_IMAGE
              : AnnealedLangevinSampler.Convention.NCSN_TOY,
          options.flag("denoise", false),
          Optional.empty());
    }
  }
}
