package dev.ebm.models.providers;

import dev.ebm.core.config.OptionSchema;
import dev.ebm.core.config.OptionSpec;
import dev.ebm.core.config.Options;
import dev.ebm.core.model.EnergyModel;
import dev.ebm.core.model.EnergyModelProvider;
import dev.ebm.models.MlpEnergy;
import dev.ebm.models.layers.Activation;
import org.tensorflow.ndarray.Shape;

/** {@code mlp}: a multilayer perceptron; its options are declared in its schema. */
public final class MlpProvider implements EnergyModelProvider {

  private static final OptionSchema SCHEMA =
      CommonOptions.schema(
          "mlp",
          OptionSpec.integers("hidden", "widths of the hidden layers", 128, 128),
          CommonOptions.activation(Activation.SOFTPLUS),
          OptionSpec.flag("spectral_norm", false, "spectral normalisation of every weight"),
          OptionSpec.number(
              "energy_scale",
              1,
              "a constant c on the output, E = c·mlp(x) (Nijkamp et al.'s E = (2/ε²)·f)"));

  @Override
  public String name() {
    return "mlp";
  }

  @Override
  public String description() {
    return "multilayer perceptron on the flattened sample";
  }

  @Override
  public OptionSchema options() {
    return SCHEMA;
  }

  @Override
  public double standardizedScale() {
    return MlpEnergy.STANDARDIZED_SCALE;
  }

  @Override
  public EnergyModel create(Shape sampleShape, Options options) {
    Options o = SCHEMA.resolve(options);
    int[] hidden = o.integers("hidden");
    Activation activation = CommonOptions.activation(o);
    boolean spectralNorm = o.flag("spectral_norm");
    double energyScale = o.number("energy_scale");
    return CommonOptions.conditionIfAsked(
        sampleShape,
        o,
        shape -> new MlpEnergy(shape, hidden, activation, spectralNorm, energyScale));
  }
}
