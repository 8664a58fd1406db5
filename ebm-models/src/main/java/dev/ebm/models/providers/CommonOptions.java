package dev.ebm.models.providers;

import dev.ebm.core.config.OptionSchema;
import dev.ebm.core.config.OptionSpec;
import dev.ebm.core.config.Options;
import dev.ebm.core.model.EnergyModel;
import dev.ebm.models.NoiseConditionalEnergy;
import dev.ebm.models.layers.Activation;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.stream.Stream;
import org.tensorflow.ndarray.Shape;

/** The options every model provider shares: the activation and noise conditioning. */
final class CommonOptions {

  private CommonOptions() {}

  /** The activation option, {@code defaultValue} first. */
  static OptionSpec activation(Activation defaultValue) {
    String[] names =
        Stream.concat(
                Stream.of(defaultValue.optionName()),
                Arrays.stream(Activation.optionNames())
                    .filter(n -> !n.equals(defaultValue.optionName())))
            .toArray(String[]::new);
    return OptionSpec.choice(
        "activation", "the nonlinearity (relu and leaky_relu are not twice differentiable)", names);
  }

  /** A model's schema: its own options, then the noise-conditioning ones. */
  static OptionSchema schema(String model, OptionSpec... own) {
    List<OptionSpec> specs = new ArrayList<>(List.of(own));
    specs.add(
        OptionSpec.flag(
            "noise_conditional", false, "condition the energy on a noise level σ (for ncsn)"));
    specs.add(
        OptionSpec.choiceOrUnset(
                "conditioning",
                "scale: E(x)/σ; input: E([x, log σ])/σ (flat samples only); unset: input for flat"
                    + " samples, scale for images",
                "scale",
                "input")
            .when("noise_conditional", "true"));
    specs.add(
        OptionSpec.number("sigma", 0.01, "noise level of the unconditioned energy")
            .when("noise_conditional", "true"));
    return new OptionSchema(model, specs);
  }

  /** The activation of resolved options. */
  static Activation activation(Options resolved) {
    return Activation.fromOptionName(resolved.string("activation"));
  }

  /**
   * Builds the model from resolved options, wrapped as a noise-conditional energy when {@code
   * noise_conditional=true}; {@code build} makes the base for a given sample shape.
   */
  static EnergyModel conditionIfAsked(
      Shape sampleShape, Options resolved, Function<Shape, EnergyModel> build) {
    if (!resolved.flag("noise_conditional")) {
      return build.apply(sampleShape);
    }
    double sigma = resolved.number("sigma");
    NoiseConditionalEnergy.Conditioning conditioning =
        resolved
            .optionalString("conditioning")
            .map(
                asked ->
                    NoiseConditionalEnergy.Conditioning.valueOf(asked.toUpperCase(Locale.ROOT)))
            .orElse(
                sampleShape.numDimensions() == 1
                    ? NoiseConditionalEnergy.Conditioning.INPUT
                    : NoiseConditionalEnergy.Conditioning.SCALE);
    if (conditioning == NoiseConditionalEnergy.Conditioning.SCALE) {
      return new NoiseConditionalEnergy(build.apply(sampleShape), sigma);
    }
    EnergyModel base = build.apply(Shape.of(sampleShape.size() + 1));
    return new NoiseConditionalEnergy(base, sigma, conditioning, sampleShape);
  }
}
