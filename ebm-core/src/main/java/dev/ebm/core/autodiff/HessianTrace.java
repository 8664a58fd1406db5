package dev.ebm.core.autodiff;

import dev.ebm.core.graph.Constants;
import dev.ebm.core.random.RandomStream;
import java.util.ArrayList;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.family.TFloating;

/**
 * The trace of the Hessian {@code tr ∇ₓ²E(x)} per sample, exactly or by Hutchinson's estimator,
 * given {@code gradient = ∇ₓE(x)} built from the batch {@code x} of shape {@code [B, d₁, …]}.
 */
public final class HessianTrace {

  private HessianTrace() {}

  /**
   * The exact trace {@code Σ_i ∂²E/∂x_i²} per sample (shape {@code [B]}), with one backward pass
   * per input dimension {@code i}: {@code ∂/∂x_i} of the i-th gradient component. Its cost grows
   * linearly with the dimension, so it suits low-dimensional data.
   */
  public static <T extends TFloating> Operand<T> exact(Ops tf, Operand<T> gradient, Operand<T> x) {
    Shape sampleShape = sampleShape(x);
    int dimension = Math.toIntExact(sampleShape.size());
    Operand<TInt32> sampleAxes = sampleAxes(tf, x);
    List<Operand<T>> diagonal = new ArrayList<>(dimension);
    for (int i = 0; i < dimension; i++) {
      Operand<T> basis = basisVector(tf, sampleShape, i, x.type());
      Operand<T> component = tf.reduceSum(tf.math.mul(gradient, basis), sampleAxes);
      Operand<T> secondDerivatives = Gradients.gradient(component, x);
      diagonal.add(tf.reduceSum(tf.math.mul(secondDerivatives, basis), sampleAxes));
    }
    return tf.math.addN(diagonal);
  }

  /**
   * Hutchinson's estimate {@code (1/n) Σ_j v_jᵀ H v_j} per sample (shape {@code [B]}), averaged
   * over the given probes (each of the shape of {@code x}); unbiased when {@code E[v vᵀ] = I}. One
   * backward pass per probe.
   */
  public static <T extends TFloating> Operand<T> hutchinson(
      Ops tf, Operand<T> gradient, Operand<T> x, List<Operand<T>> probes) {
    if (probes.isEmpty()) {
      throw new IllegalArgumentException("Hutchinson's estimator needs at least one probe");
    }
    Operand<TInt32> sampleAxes = sampleAxes(tf, x);
    List<Operand<T>> quadraticForms = new ArrayList<>(probes.size());
    for (Operand<T> v : probes) {
      Operand<T> hv = Gradients.hessianVectorProduct(tf, gradient, x, v);
      quadraticForms.add(tf.reduceSum(tf.math.mul(hv, v), sampleAxes));
    }
    Operand<T> total =
        quadraticForms.size() == 1 ? quadraticForms.get(0) : tf.math.addN(quadraticForms);
    return tf.math.div(total, tf.constant(x.type(), probes.size()));
  }

  /**
   * Hutchinson's estimate with {@code count} fresh probes of the given distribution drawn from
   * {@code stream}.
   */
  public static <T extends TFloating> Operand<T> hutchinson(
      Ops tf,
      Operand<T> gradient,
      Operand<T> x,
      ProbeDistribution distribution,
      int count,
      RandomStream stream) {
    if (count < 1) {
      throw new IllegalArgumentException("probe count must be at least 1, got " + count);
    }
    List<Operand<T>> probes = new ArrayList<>(count);
    for (int j = 0; j < count; j++) {
      probes.add(distribution.sample(tf, stream.child(tf, "probe" + j), tf.shape(x), x.type()));
    }
    return hutchinson(tf, gradient, x, probes);
  }

  private static Shape sampleShape(Operand<?> x) {
    Shape shape = x.shape();
    if (shape.isUnknown() || shape.numDimensions() < 2) {
      throw new IllegalArgumentException(
          "Hessian traces need a batch of shape [B, d, ...], got " + shape);
    }
    Shape sample = shape.tail();
    if (sample.hasUnknownDimension()) {
      throw new IllegalArgumentException(
          "Hessian traces need known sample dimensions, got " + shape);
    }
    return sample;
  }

  private static Operand<TInt32> sampleAxes(Ops tf, Operand<?> x) {
    int rank = x.shape().numDimensions();
    int[] axes = new int[rank - 1];
    for (int i = 0; i < axes.length; i++) {
      axes[i] = i + 1;
    }
    return tf.constant(axes);
  }

  private static <T extends TFloating> Operand<T> basisVector(
      Ops tf, Shape sampleShape, int index, Class<T> type) {
    double[] values = new double[Math.toIntExact(sampleShape.size())];
    values[index] = 1.0;
    return Constants.of(tf, sampleShape, values, type);
  }
}
