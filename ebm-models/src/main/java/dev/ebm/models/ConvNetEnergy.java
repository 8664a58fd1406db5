package dev.ebm.models;

import dev.ebm.core.graph.ParameterSpec;
import dev.ebm.core.graph.Parameters;
import dev.ebm.core.model.EnergyModel;
import dev.ebm.core.model.Smoothness;
import dev.ebm.models.layers.Activation;
import dev.ebm.models.layers.Conv2d;
import dev.ebm.models.layers.Conv2d.Padding;
import dev.ebm.models.layers.LayerStack;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.types.family.TFloating;

/**
 * The convolutional energy of Nijkamp et al. 2019 ("On the anatomy of MCMC-based maximum likelihood
 * learning of energy-based models"), for images {@code H×W×C} (28×28, 32×32, or any size):
 *
 * <pre>
 *   conv 3×3 stride 1 → nf,  a
 *   conv 4×4 stride 2 → 2nf, a        (SAME padding: H → ⌈H/2⌉)
 *   conv 4×4 stride 2 → 4nf, a
 *   conv 4×4 stride 2 → 8nf, a        (28 → 4, 32 → 4)
 *   conv k×k VALID   → 1              (k = the remaining spatial size: one scalar per image)
 * </pre>
 *
 * The paper uses leaky ReLU; the default here is swish, which keeps the energy twice differentiable
 * so that every training method applies.
 */
public final class ConvNetEnergy implements EnergyModel {

  private final Shape sampleShape;
  private final int filters;
  private final Activation activation;
  private final LayerStack layers = new LayerStack();
  private final List<Conv2d> convolutions = new ArrayList<>();

  /** A ConvNet energy with {@code filters} channels in its first layer. */
  public ConvNetEnergy(Shape sampleShape, int filters, Activation activation) {
    ImageShapes.requireImage("convnet", sampleShape);
    if (filters < 1) {
      throw new IllegalArgumentException("convnet needs at least one filter, got " + filters);
    }
    this.sampleShape = sampleShape;
    this.filters = filters;
    this.activation = activation;
    int channels = (int) sampleShape.get(2);
    int height = (int) sampleShape.get(0);
    int width = (int) sampleShape.get(1);
    int[] widths = {filters, 2 * filters, 4 * filters, 8 * filters};
    for (int i = 0; i < widths.length; i++) {
      Conv2d conv =
          layers.add(
              new Conv2d(
                  "conv" + i,
                  i == 0 ? 3 : 4,
                  channels,
                  widths[i],
                  i == 0 ? 1 : 2,
                  Padding.SAME,
                  false));
      convolutions.add(conv);
      channels = widths[i];
      height = conv.outputSize(height);
      width = conv.outputSize(width);
    }
    if (height != width) {
      throw new IllegalArgumentException(
          "convnet needs square images, got " + sampleShape.get(0) + "×" + sampleShape.get(1));
    }
    convolutions.add(
        layers.add(
            new Conv2d("conv" + widths.length, height, channels, 1, 1, Padding.VALID, false)));
  }

  @Override
  public String name() {
    return "convnet";
  }

  @Override
  public Shape sampleShape() {
    return sampleShape;
  }

  @Override
  public List<ParameterSpec> parameterSpecs() {
    return layers.parameterSpecs();
  }

  @Override
  public Smoothness smoothness() {
    return activation.smoothness();
  }

  @Override
  public Map<String, Object> configuration() {
    Map<String, Object> c = new LinkedHashMap<>();
    c.put("model", name());
    c.put("sample_shape", Arrays.toString(sampleShape.asArray()));
    c.put("filters", filters);
    c.put("activation", activation.optionName());
    return c;
  }

  @Override
  public <T extends TFloating> Operand<T> computeEnergy(
      Ops tf, Operand<T> x, Parameters<T> parameters) {
    Operand<T> h = x;
    for (int i = 0; i < convolutions.size(); i++) {
      h = convolutions.get(i).apply(tf, h, parameters);
      if (i < convolutions.size() - 1) {
        h = activation.apply(tf, h);
      }
    }
    return tf.reshape(h, tf.constant(new long[] {-1}));
  }
}
