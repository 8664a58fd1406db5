package dev.ebm.models.providers;

import dev.ebm.core.config.Options;
import dev.ebm.core.model.EnergyModel;
import dev.ebm.core.model.EnergyModelProvider;
import dev.ebm.models.MlpEnergy;
import dev.ebm.models.layers.Activation;
import org.tensorflow.ndarray.Shape;

/**
 * {@code mlp}: options {@code hidden} (default {@code 128:128}), {@code activation} (default
 * softplus), {@code spectral_norm} (default false), {@code noise_conditional}, {@code
 * conditioning}, {@code sigma}.
 */
public final class MlpProvider implements EnergyModelProvider {

  @Override
  public String name() {
    return "mlp";
  }

  @Override
  public String description() {
    return "multilayer perceptron on the flattened sample (hidden=128:128, activation=softplus)";
  }

  @Override
  public EnergyModel create(Shape sampleShape, Options options) {
    int[] hidden = options.integers("hidden", 128, 128);
    Activation activation = CommonOptions.activation(options, Activation.SOFTPLUS);
    boolean spectralNorm = options.flag("spectral_norm", false);
    return CommonOptions.conditionIfAsked(
        sampleShape, options, shape -> new MlpEnergy(shape, hidden, activation, spectralNorm));
  }
}
