package dev.ebm.models.providers;

import dev.ebm.core.config.Options;
import dev.ebm.core.model.EnergyModel;
import dev.ebm.models.NoiseConditionalEnergy;
import dev.ebm.models.layers.Activation;

/** The options every model provider shares: the activation and noise conditioning. */
final class CommonOptions {

  private CommonOptions() {}

  static Activation activation(Options options, Activation defaultValue) {
    return Activation.fromOptionName(
        options.choice("activation", defaultValue.optionName(), Activation.optionNames()));
  }

  /**
   * Wraps the model as {@code E(x)/σ} when {@code noise_conditional=true}; {@code sigma} (default
   * 0.01) is then the noise level of its unconditioned energy.
   */
  static EnergyModel conditionIfAsked(EnergyModel model, Options options) {
    boolean conditional = options.flag("noise_conditional", false);
    double sigma = options.number("sigma", 0.01);
    options.requireAllKnown();
    return conditional ? new NoiseConditionalEnergy(model, sigma) : model;
  }
}
