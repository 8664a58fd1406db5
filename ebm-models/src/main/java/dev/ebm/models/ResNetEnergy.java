package dev.ebm.models;

import dev.ebm.core.graph.ParameterSpec;
import dev.ebm.core.graph.Parameters;
import dev.ebm.core.model.EnergyModel;
import dev.ebm.core.model.Smoothness;
import dev.ebm.models.layers.Activation;
import dev.ebm.models.layers.Conv2d;
import dev.ebm.models.layers.Conv2d.Padding;
import dev.ebm.models.layers.Dense;
import dev.ebm.models.layers.Layer;
import dev.ebm.models.layers.LayerNorm;
import dev.ebm.models.layers.LayerStack;
import dev.ebm.models.layers.Pooling;
import dev.ebm.models.layers.SelfAttention;
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
 * A residual energy network in the style of Du &amp; Mordatch 2019 ("Implicit generation and
 * generalization in energy-based models"):
 *
 * <pre>
 *   h = conv3×3(x) → nf
 *   for stage s = 0 … S−1 (channels nf·2ˢ):
 *     h = skip(h) + conv3×3(a([LN] conv3×3(a([LN] h))))     skip = 1×1 conv when channels change
 *     h = avgpool2(h)                                        except after the last stage
 *     [self-attention after stage 0]
 *   E = dense(Σ_{spatial} a(h)) → 1
 * </pre>
 *
 * Every convolution and the head may be spectrally normalised (a persistent power-iteration vector
 * per weight, updated each training step through {@link #stateUpdates}, frozen at export).
 */
public final class ResNetEnergy implements EnergyModel {

  /** The architecture's switches. */
  public record Config(
      int filters,
      int stages,
      Activation activation,
      boolean spectralNorm,
      boolean attention,
      boolean layerNorm) {
    public Config {
      if (filters < 1 || stages < 1) {
        throw new IllegalArgumentException(
            "resnet needs filters ≥ 1 and stages ≥ 1, got filters="
                + filters
                + ", stages="
                + stages);
      }
      if (stages > 31 || ((long) filters << (stages - 1)) > Integer.MAX_VALUE) {
        throw new IllegalArgumentException(
            "resnet's last stage would have filters·2^(stages−1) = "
                + filters
                + "·2^"
                + (stages - 1)
                + " channels, more than 2³¹−1; use fewer stages (each doubles the channels) or"
                + " fewer filters");
      }
    }
  }

  /** One residual block: two 3×3 convolutions, optional layer norms, a skip, an optional pool. */
  private record Block(
      Layer norm1, Conv2d conv1, Layer norm2, Conv2d conv2, Conv2d skip, boolean downsample) {}

  private final Shape sampleShape;
  private final Config config;
  private final LayerStack layers = new LayerStack();
  private final Conv2d stem;
  private final List<Block> blocks = new ArrayList<>();
  private final SelfAttention attention;
  private final Dense head;

  /** A ResNet energy for images of {@code sampleShape}. */
  public ResNetEnergy(Shape sampleShape, Config config) {
    ImageShapes.requireImage("resnet", sampleShape);
    this.sampleShape = sampleShape;
    this.config = config;
    boolean sn = config.spectralNorm();
    int height = (int) sampleShape.get(0);
    int width = (int) sampleShape.get(1);
    int channels = config.filters();
    stem =
        layers.add(new Conv2d("stem", 3, (int) sampleShape.get(2), channels, 1, Padding.SAME, sn));
    SelfAttention attentionBlock = null;
    for (int s = 0; s < config.stages(); s++) {
      int out = config.filters() << s;
      String name = "block" + s;
      boolean downsample = s < config.stages() - 1 && height >= 2 && width >= 2;
      blocks.add(
          new Block(
              config.layerNorm() ? layers.add(new LayerNorm(name + "/norm1", 4, channels)) : null,
              layers.add(new Conv2d(name + "/conv1", 3, channels, out, 1, Padding.SAME, sn)),
              config.layerNorm() ? layers.add(new LayerNorm(name + "/norm2", 4, out)) : null,
              layers.add(new Conv2d(name + "/conv2", 3, out, out, 1, Padding.SAME, sn)),
              channels != out
                  ? layers.add(new Conv2d(name + "/skip", 1, channels, out, 1, Padding.VALID, sn))
                  : null,
              downsample));
      channels = out;
      if (downsample) {
        height /= 2;
        width /= 2;
      }
      if (s == 0 && config.attention()) {
        attentionBlock = layers.add(new SelfAttention("attention", height, width, channels, sn));
      }
    }
    attention = attentionBlock;
    head = layers.add(new Dense("head", channels, 1, sn));
  }

  @Override
  public String name() {
    return "resnet";
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
    return config.activation().smoothness();
  }

  @Override
  public Map<String, Object> configuration() {
    Map<String, Object> c = new LinkedHashMap<>();
    c.put("model", name());
    c.put("sample_shape", Arrays.toString(sampleShape.asArray()));
    c.put("filters", config.filters());
    c.put("stages", config.stages());
    c.put("activation", config.activation().optionName());
    c.put("spectral_norm", config.spectralNorm());
    c.put("attention", config.attention());
    c.put("layer_norm", config.layerNorm());
    return c;
  }

  @Override
  public <T extends TFloating> Operand<T> computeEnergy(
      Ops tf, Operand<T> x, Parameters<T> parameters) {
    Activation a = config.activation();
    Operand<T> h = stem.apply(tf, x, parameters);
    for (int s = 0; s < blocks.size(); s++) {
      Block block = blocks.get(s);
      Operand<T> r = a.apply(tf, normalize(tf, block.norm1(), h, parameters));
      r = block.conv1().apply(tf, r, parameters);
      r = a.apply(tf, normalize(tf, block.norm2(), r, parameters));
      r = block.conv2().apply(tf, r, parameters);
      Operand<T> skip = block.skip() == null ? h : block.skip().apply(tf, h, parameters);
      h = tf.math.add(skip, r);
      if (block.downsample()) {
        h = Pooling.average(tf, h, 2);
      }
      if (s == 0 && attention != null) {
        h = attention.apply(tf, h, parameters);
      }
    }
    Operand<T> features = Pooling.sumSpatial(tf, a.apply(tf, h));
    return tf.reshape(head.apply(tf, features, parameters), tf.constant(new long[] {-1}));
  }

  @Override
  public <T extends TFloating> Map<String, Operand<T>> stateUpdates(
      Ops tf, Parameters<T> parameters) {
    return layers.stateUpdates(tf, parameters);
  }

  private static <T extends TFloating> Operand<T> normalize(
      Ops tf, Layer norm, Operand<T> h, Parameters<T> parameters) {
    return norm == null ? h : norm.apply(tf, h, parameters);
  }
}
