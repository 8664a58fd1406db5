package dev.ebm.core.autodiff;

import java.util.ArrayList;
import java.util.List;
import org.tensorflow.ExecutionEnvironment;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.op.Ops;
import org.tensorflow.types.family.TFloating;
import org.tensorflow.types.family.TType;

/**
 * First- and second-order derivatives built into the graph of their operands (which may be the body
 * graph of a while loop).
 *
 * <p>Energies are per sample ({@code E} of shape {@code [B]}), and samples do not interact, so the
 * gradient of {@code Σ_b E(x_b)} with respect to the batch {@code x} holds each sample's own
 * gradient {@code ∇ₓE(x_b)}; the same holds for Hessian-vector products.
 *
 * <p>Every gradient the project adds to a graph goes through this class, which registers the
 * higher-order gradients ({@link HigherOrderGradients}) first.
 */
public final class Gradients {

  private Gradients() {}

  /**
   * {@code ∂(Σ y)/∂x}: the gradient of the sum of {@code y} with respect to {@code x}, of the shape
   * of {@code x}; zeros if {@code y} does not depend on {@code x}.
   */
  public static <T extends TFloating> Operand<T> gradient(Operand<?> y, Operand<T> x) {
    return cast(graphOf(y).addGradients(y.asOutput(), new Output<?>[] {x.asOutput()})[0]);
  }

  /**
   * {@code ∂(Σ_i dy_i · y_i)/∂x}: the vector-Jacobian product of {@code y} with weights {@code dy}
   * (same shape as {@code y}).
   */
  public static <T extends TFloating> Operand<T> vectorJacobianProduct(
      Operand<?> y, Operand<T> x, Operand<?> dy) {
    Output<?>[] result =
        graphOf(y)
            .addGradients(
                null,
                new Output<?>[] {y.asOutput()},
                new Output<?>[] {x.asOutput()},
                new Output<?>[] {dy.asOutput()});
    return cast(result[0]);
  }

  /** The gradients of {@code Σ y} with respect to each of {@code xs}, in order. */
  public static <T extends TType> List<Operand<T>> gradients(
      Operand<?> y, List<? extends Operand<T>> xs) {
    Output<?>[] inputs = new Output<?>[xs.size()];
    for (int i = 0; i < inputs.length; i++) {
      inputs[i] = xs.get(i).asOutput();
    }
    Output<?>[] grads = graphOf(y).addGradients(y.asOutput(), inputs);
    List<Operand<T>> result = new ArrayList<>(grads.length);
    for (Output<?> g : grads) {
      result.add(cast(g));
    }
    return result;
  }

  /**
   * The score {@code s(x) = −∇ₓE(x)} of the density {@code p ∝ exp(−E)}, per sample: {@code energy}
   * has shape {@code [B]}, the result the shape of {@code x}.
   */
  public static <T extends TFloating> Operand<T> score(Ops tf, Operand<T> energy, Operand<T> x) {
    return tf.math.neg(gradient(energy, x));
  }

  /**
   * The Hessian-vector product {@code H v = ∇ₓ(∇ₓE · v)} per sample, given {@code gradient =
   * ∇ₓE(x)} built from {@code x}: one extra backward pass, whatever the dimension.
   */
  public static <T extends TFloating> Operand<T> hessianVectorProduct(
      Ops tf, Operand<T> gradient, Operand<T> x, Operand<T> v) {
    return gradient(tf.math.mul(gradient, v), x);
  }

  /**
   * The graph of {@code operand}, with the higher-order gradients of {@link HigherOrderGradients}
   * registered (once per JVM) before any gradient is added to it.
   */
  private static Graph graphOf(Operand<?> operand) {
    HigherOrderGradients.ensureRegistered();
    ExecutionEnvironment env = operand.env();
    if (!(env instanceof Graph graph)) {
      throw new IllegalArgumentException(
          "symbolic gradients need a graph; " + operand + " lives in an eager session");
    }
    return graph;
  }

  @SuppressWarnings("unchecked")
  private static <T extends TType> Operand<T> cast(Output<?> output) {
    return (Operand<T>) output;
  }
}
