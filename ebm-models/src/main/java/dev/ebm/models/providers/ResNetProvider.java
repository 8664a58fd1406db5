package dev.ebm.models.providers;

import dev.ebm.core.config.OptionSchema;
import dev.ebm.core.config.OptionSpec;
import dev.ebm.core.config.Options;
import dev.ebm.core.model.EnergyModel;
import dev.ebm.core.model.EnergyModelProvider;
import dev.ebm.models.ResNetEnergy;
import dev.ebm.models.layers.Activation;
import java.util.List;
import org.tensorflow.ndarray.Shape;

/** {@code resnet}: Du &amp; Mordatch's residual energy; its options are declared in its schema. */
public final class ResNetProvider implements EnergyModelProvider {

  /** The ResNet's own options, with its default width. */
  static List<OptionSpec> resnetOptions(int defaultFilters) {
    return List.of(
        OptionSpec.integer("filters", defaultFilters, "channels of the first stage"),
        OptionSpec.integer("stages", 3, "residual stages (each halves the resolution)"),
        CommonOptions.activation(Activation.SWISH),
        OptionSpec.flag("spectral_norm", true, "spectral normalisation of every weight"),
        OptionSpec.flag("attention", false, "a self-attention block after the first stage"),
        OptionSpec.flag("layer_norm", false, "layer normalisation in the blocks"));
  }

  private static final OptionSchema SCHEMA =
      CommonOptions.schema("resnet", resnetOptions(32).toArray(OptionSpec[]::new));

  @Override
  public String name() {
    return "resnet";
  }

  @Override
  public String description() {
    return "Du & Mordatch residual energy";
  }

  @Override
  public OptionSchema options() {
    return SCHEMA;
  }

  @Override
  public EnergyModel create(Shape sampleShape, Options options) {
    Options o = SCHEMA.resolve(options);
    ResNetEnergy.Config config = config(o);
    return CommonOptions.conditionIfAsked(sampleShape, o, shape -> new ResNetEnergy(shape, config));
  }

  /** The configuration of resolved {@link #resnetOptions}. */
  static ResNetEnergy.Config config(Options o) {
    return new ResNetEnergy.Config(
        o.integer("filters"),
        o.integer("stages"),
        CommonOptions.activation(o),
        o.flag("spectral_norm"),
        o.flag("attention"),
        o.flag("layer_norm"));
  }
}
