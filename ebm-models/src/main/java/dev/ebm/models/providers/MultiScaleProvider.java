package dev.ebm.models.providers;

import dev.ebm.core.config.Options;
import dev.ebm.core.model.EnergyModel;
import dev.ebm.core.model.EnergyModelProvider;
import dev.ebm.models.MultiScaleEnergy;
import dev.ebm.models.ResNetEnergy;
import org.tensorflow.ndarray.Shape;

/**
 * {@code multiscale}: a ResNet energy at each of the pooling {@code factors} (default {@code
 * 1:2:4}), taking the {@code resnet} options for the networks (default filters 16), plus {@code
 * noise_conditional}, {@code sigma}.
 */
public final class MultiScaleProvider implements EnergyModelProvider {

  @Override
  public String name() {
    return "multiscale";
  }

  @Override
  public String description() {
    return "Du et al. 2020 multi-scale energy: ResNet energies on the image at full, 1/2 and 1/4 resolution (factors=1:2:4)";
  }

  @Override
  public EnergyModel create(Shape sampleShape, Options options) {
    int[] factors = options.integers("factors", 1, 2, 4);
    ResNetEnergy.Config base = ResNetProvider.config(options, 16);
    return CommonOptions.conditionIfAsked(
        sampleShape,
        options,
        shape -> new MultiScaleEnergy(shape, factors, pooled -> new ResNetEnergy(pooled, base)));
  }
}
