package dev.ebm.core.testing;

import dev.ebm.core.config.Options;
import dev.ebm.core.method.TrainingMethod;
import dev.ebm.core.method.TrainingMethodProvider;

/** Provides {@link TestDenoisingMethod} as {@code test-denoising} (option {@code sigma}). */
public final class TestDenoisingMethodProvider implements TrainingMethodProvider {

  @Override
  public String name() {
    return "test-denoising";
  }

  @Override
  public String description() {
    return "denoising score matching defined in test code";
  }

  @Override
  public TrainingMethod create(Options options) {
    double sigma = options.number("sigma", 0.3);
    options.requireAllKnown();
    return new TestDenoisingMethod(sigma);
  }
}
