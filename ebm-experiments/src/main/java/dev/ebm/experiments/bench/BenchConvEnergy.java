package dev.ebm.experiments.bench;

import dev.ebm.core.graph.ParameterSpec;
import dev.ebm.core.graph.Parameters;
import dev.ebm.core.model.EnergyModel;
import dev.ebm.core.model.Smoothness;
import dev.ebm.models.layers.Activation;
import dev.ebm.models.layers.Conv2d;
import dev.ebm.models.layers.Dense;
import dev.ebm.models.layers.LayerStack;
import java.util.List;
import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.types.family.TFloating;

/**
 * The {@code dsm_conv28} network of BENCHMARKS.md on 28×28×1: conv 3×3 1→32 stride 1, conv 3×3
 * 32→64 stride 2, conv 3×3 64→128 stride 2 (softplus after each), flatten 7·7·128 = 6272, dense →
 * 1. The page pads one pixel on each side; SAME padding gives the same shapes and work (for stride
 * 2 it pads 0 before and 1 after).
 */
final class BenchConvEnergy implements EnergyModel {

  private final LayerStack layers = new LayerStack();
  private final Conv2d conv1 =
      layers.add(new Conv2d("conv1", 3, 1, 32, 1, Conv2d.Padding.SAME, false));
  private final Conv2d conv2 =
      layers.add(new Conv2d("conv2", 3, 32, 64, 2, Conv2d.Padding.SAME, false));
  private final Conv2d conv3 =
      layers.add(new Conv2d("conv3", 3, 64, 128, 2, Conv2d.Padding.SAME, false));
  private final Dense head = layers.add(new Dense("head", 7 * 7 * 128, 1, false));

  @Override
  public String name() {
    return "bench_conv28";
  }

  @Override
  public Shape sampleShape() {
    return Shape.of(28, 28, 1);
  }

  @Override
  public List<ParameterSpec> parameterSpecs() {
    return layers.parameterSpecs();
  }

  @Override
  public Smoothness smoothness() {
    return Smoothness.TWICE_DIFFERENTIABLE;
  }

  @Override
  public Map<String, Object> configuration() {
    return Map.of("model", name());
  }

  @Override
  public <T extends TFloating> Operand<T> computeEnergy(Ops tf, Operand<T> x, Parameters<T> p) {
    Activation a = Activation.SOFTPLUS;
    Operand<T> h = a.apply(tf, conv1.apply(tf, x, p));
    h = a.apply(tf, conv2.apply(tf, h, p));
    h = a.apply(tf, conv3.apply(tf, h, p));
    h = head.apply(tf, tf.reshape(h, tf.constant(new long[] {-1, 7 * 7 * 128})), p);
    return tf.reshape(h, tf.constant(new long[] {-1}));
  }
}
