package dev.ebm.models.providers;

import dev.ebm.core.config.Options;
import dev.ebm.core.model.EnergyModel;
import dev.ebm.core.model.EnergyModelProvider;
import dev.ebm.models.ConvNetEnergy;
import dev.ebm.models.layers.Activation;
import org.tensorflow.ndarray.Shape;

/**
 * {@code convnet}: options {@code filters} (default 32), {@code activation} (default swish), {@code
 * noise_conditional}, {@code conditioning}, {@code sigma}.
 */
public final class ConvNetProvider implements EnergyModelProvider {

  @Override
  public String name() {
    return "convnet";
  }

  @Override
  public String description() {
    return "Nijkamp et al. 2019 ConvNet: conv3x3 then three stride-2 conv4x4, one scalar (filters=32, activation=swish)";
  }

  @Override
  public EnergyModel create(Shape sampleShape, Options options) {
    int filters = options.integer("filters", 32);
    Activation activation = CommonOptions.activation(options, Activation.SWISH);
    return CommonOptions.conditionIfAsked(
        sampleShape, options, shape -> new ConvNetEnergy(shape, filters, activation));
  }
}
