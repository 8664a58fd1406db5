package dev.ebm.models.providers;

import dev.ebm.core.config.Options;
import dev.ebm.core.model.EnergyModel;
import dev.ebm.models.NoiseConditionalEnergy;
import dev.ebm.models.layers.Activation;
import org.tensorflow.ndarray.Shape;

/** The options every model provider shares: the activation and noise conditioning. */
final class CommonOptions {

  private CommonOptions() {}

  static Activation activation(Options options, Activation defaultValue) {
    return Activation.fromOptionName(
        options.choice("activation", defaultValue.optionName(), Activation.optionNames()));
  }

  /**
   * Builds the model, wrapped as a noise-conditional energy when {@code noise_conditional=true}:
   * {@code conditioning=scale} (default, {@code E(x)/σ}) or {@code input} ({@code E([x, log σ])/σ},
   * flat samples only); {@code sigma} (default 0.01) is the noise level of its unconditioned
   * energy. {@code build} makes the base for a given sample shape.
   */
  static EnergyModel conditionIfAsked(
      Shape sampleShape, Options options, java.util.function.Function<Shape, EnergyModel> build) {
    boolean conditional = options.flag("noise_conditional", false);
    double sigma = options.number("sigma", 0.01);
    NoiseConditionalEnergy.Conditioning conditioning =
        NoiseConditionalEnergy.Conditioning.valueOf(
            options
                .choice("conditioning", "scale", "scale", "input")
                .toUpperCase(java.util.Locale.ROOT));
    if (!conditional || conditioning == NoiseConditionalEnergy.Conditioning.SCALE) {
      EnergyModel model = build.apply(sampleShape);
      options.requireAllKnown();
      return conditional ? new NoiseConditionalEnergy(model, sigma) : model;
    }
    EnergyModel base = build.apply(Shape.of(sampleShape.size() + 1));
    options.requireAllKnown();
    return new NoiseConditionalEnergy(base, sigma, conditioning, sampleShape);
  }
}
