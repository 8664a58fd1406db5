package dev.ebm.models;

import dev.ebm.core.graph.ParameterSnapshot;
import dev.ebm.core.model.EnergyModel;
import dev.ebm.core.model.ProductOfExperts;
import dev.ebm.models.layers.Activation;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.tensorflow.ndarray.Shape;

/** Every shipped architecture at a size small enough for float64 finite-difference checks. */
final class ModelZoo {

  private ModelZoo() {}

  static final Shape IMAGE = Shape.of(4, 4, 1);

  static Map<String, EnergyModel> small() {
    Map<String, EnergyModel> models = new LinkedHashMap<>();
    for (Activation a :
        List.of(Activation.SOFTPLUS, Activation.SWISH, Activation.TANH, Activation.ELU)) {
      models.put("mlp-" + a.optionName(), new MlpEnergy(Shape.of(2), new int[] {5, 4}, a, false));
    }
    models.put(
        "mlp-spectral-norm", new MlpEnergy(Shape.of(2), new int[] {5}, Activation.SOFTPLUS, true));
    models.put("convnet", new ConvNetEnergy(IMAGE, 2, Activation.SWISH));
    models.put(
        "resnet",
        new ResNetEnergy(IMAGE, new ResNetEnergy.Config(2, 2, Activation.SWISH, true, true, true)));
    models.put(
        "noise-conditional",
        new NoiseConditionalEnergy(
            new MlpEnergy(Shape.of(2), new int[] {5}, Activation.TANH, false), 0.3));
    models.put(
        "noise-conditional-input",
        new NoiseConditionalEnergy(
            new MlpEnergy(Shape.of(3), new int[] {5}, Activation.SWISH, false),
            0.3,
            NoiseConditionalEnergy.Conditioning.INPUT,
            Shape.of(2)));
    models.put("product-of-experts", productOfExperts());
    models.put(
        "multiscale",
        new MultiScaleEnergy(
            IMAGE, new int[] {1, 2, 4}, s -> new ConvNetEnergy(s, 1, Activation.ELU)));
    return models;
  }

  /** A trainable MLP expert times an expert frozen at fixed values. */
  static ProductOfExperts productOfExperts() {
    MlpEnergy trainable = new MlpEnergy(Shape.of(2), new int[] {4}, Activation.SOFTPLUS, false);
    MlpEnergy frozen = new MlpEnergy(Shape.of(2), new int[] {3}, Activation.TANH, false);
    Map<String, double[]> values = new LinkedHashMap<>();
    Map<String, Shape> shapes = new LinkedHashMap<>();
    frozen
        .parameterSpecs()
        .forEach(
            spec -> {
              values.put(
                  spec.name(),
                  IntStream.range(0, (int) spec.size())
                      .mapToDouble(i -> Math.sin(1.7 * i + spec.name().length()))
                      .toArray());
              shapes.put(spec.name(), spec.shape());
            });
    return new ProductOfExperts(
        List.of(
            ProductOfExperts.Expert.trainable(trainable, 1.0),
            ProductOfExperts.Expert.frozen(frozen, 0.5, new ParameterSnapshot(values, shapes))));
  }
}
