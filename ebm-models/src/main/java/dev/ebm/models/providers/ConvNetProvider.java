package dev.ebm.models.providers;

import dev.ebm.core.config.OptionSchema;
import dev.ebm.core.config.OptionSpec;
import dev.ebm.core.config.Options;
import dev.ebm.core.model.EnergyModel;
import dev.ebm.core.model.EnergyModelProvider;
import dev.ebm.models.ConvNetEnergy;
import dev.ebm.models.layers.Activation;
import org.tensorflow.ndarray.Shape;

/** {@code convnet}: Nijkamp et al.'s ConvNet energy; its options are declared in its schema. */
public final class ConvNetProvider implements EnergyModelProvider {

  private static final OptionSchema SCHEMA =
      CommonOptions.schema(
          "convnet",
          OptionSpec.integer("filters", 32, "channels of the first layer (doubling per stage)"),
          CommonOptions.activation(Activation.SWISH));

  @Override
  public String name() {
    return "convnet";
  }

  @Override
  public String description() {
    return "Nijkamp et al. 2019 ConvNet: conv3x3 then three stride-2 conv4x4, one scalar";
  }

  @Override
  public OptionSchema options() {
    return SCHEMA;
  }

  @Override
  public EnergyModel create(Shape sampleShape, Options options) {
    Options o = SCHEMA.resolve(options);
    int filters = o.integer("filters");
    Activation activation = CommonOptions.activation(o);
    return CommonOptions.conditionIfAsked(
        sampleShape, o, shape -> new ConvNetEnergy(shape, filters, activation));
  }
}
