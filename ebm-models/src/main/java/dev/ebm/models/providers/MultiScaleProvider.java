package dev.ebm.models.providers;

import dev.ebm.core.config.OptionSchema;
import dev.ebm.core.config.OptionSpec;
import dev.ebm.core.config.Options;
import dev.ebm.core.model.EnergyModel;
import dev.ebm.core.model.EnergyModelProvider;
import dev.ebm.models.MultiScaleEnergy;
import dev.ebm.models.ResNetEnergy;
import java.util.stream.Stream;
import org.tensorflow.ndarray.Shape;

/**
 * {@code multiscale}: a ResNet energy at each of the pooling {@code factors}, with the {@code
 * resnet} options for the networks (16 filters by default); all declared in its schema.
 */
public final class MultiScaleProvider implements EnergyModelProvider {

  private static final OptionSchema SCHEMA =
      CommonOptions.schema(
          "multiscale",
          Stream.concat(
                  Stream.of(
                      OptionSpec.integers(
                          "factors", "pooling factors of the scales' inputs", 1, 2, 4)),
                  ResNetProvider.resnetOptions(16).stream())
              .toArray(OptionSpec[]::new));

  @Override
  public String name() {
    return "multiscale";
  }

  @Override
  public String description() {
    return "Du et al. 2020 multi-scale energy: ResNet energies on the image at full, 1/2 and 1/4 resolution";
  }

  @Override
  public OptionSchema options() {
    return SCHEMA;
  }

  @Override
  public EnergyModel create(Shape sampleShape, Options options) {
    Options o = SCHEMA.resolve(options);
    int[] factors = o.integers("factors");
    ResNetEnergy.Config base = ResNetProvider.config(o);
    return CommonOptions.conditionIfAsked(
        sampleShape,
        o,
        shape -> new MultiScaleEnergy(shape, factors, pooled -> new ResNetEnergy(pooled, base)));
  }
}
