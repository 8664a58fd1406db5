package org.example.ebm;

import dev.ebm.core.config.Options;
import dev.ebm.core.method.TrainingMethod;
import dev.ebm.core.method.TrainingMethodProvider;

/** Provides {@link MixedNoiseDenoising} as {@code mixed-dsm} (options sigma_min, sigma_max). */
public final class MixedNoiseDenoisingProvider implements TrainingMethodProvider {

  @Override
  public String name() {
    return "mixed-dsm";
  }

  @Override
  public String description() {
    return "denoising score matching at a log-uniform noise level per sample"
        + " (sigma_min=0.05, sigma_max=0.5)";
  }

  @Override
  public TrainingMethod create(Options options) {
    double min = options.number("sigma_min", 0.05);
    double max = options.number("sigma_max", 0.5);
    options.requireAllKnown();
    return new MixedNoiseDenoising(min, max);
  }
}
