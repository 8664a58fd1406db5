package dev.ebm.models.providers;

import dev.ebm.core.config.Options;
import dev.ebm.core.model.EnergyModel;
import dev.ebm.core.model.EnergyModelProvider;
import dev.ebm.models.ResNetEnergy;
import dev.ebm.models.layers.Activation;
import org.tensorflow.ndarray.Shape;

/**
 * {@code resnet}: options {@code filters} (default 32), {@code stages} (3), {@code activation}
 * (swish), {@code spectral_norm} (true), {@code attention} (false), {@code layer_norm} (false),
 * {@code noise_conditional}, {@code conditioning}, {@code sigma}.
 */
public final class ResNetProvider implements EnergyModelProvider {

  @Override
  public String name() {
    return "resnet";
  }

  @Override
  public String description() {
    return "Du & Mordatch residual energy (filters=32, stages=3, spectral_norm=true, attention=false, layer_norm=false)";
  }

  @Override
  public EnergyModel create(Shape sampleShape, Options options) {
    ResNetEnergy.Config config = config(options, 32);
    return CommonOptions.conditionIfAsked(
        sampleShape, options, shape -> new ResNetEnergy(shape, config));
  }

  static ResNetEnergy.Config config(Options options, int defaultFilters) {
    return new ResNetEnergy.Config(
        options.integer("filters", defaultFilters),
        options.integer("stages", 3),
        CommonOptions.activation(options, Activation.SWISH),
        options.flag("spectral_norm", true),
        options.flag("attention", false),
        options.flag("layer_norm", false));
  }
}
