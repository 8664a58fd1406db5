package dev.ebm.core.autodiff;

import dev.ebm.core.graph.Constants;
import dev.ebm.core.random.RandomStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
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
   * The gradient {@code ∇ₓE(x)} (the shape of {@code x}) and the trace of the Hessian per sample
   * (shape {@code [B]}).
   */
  public record GradientAndTrace<T extends TFloating>(Operand<T> gradient, Operand<T> trace) {}

  /**
   * The gradient and the exact trace {@code Σ_i ∂²E/∂x_i²} per sample, with one backward pass for
   * all d input dimensions together. The batch is replicated once per dimension, {@code x̃ = [x; x;
   * …; x]} (d blocks, shape {@code [d·B, …]}), and with the mask {@code M} whose block i holds the
   * basis vector {@code e_i} in every row,
   *
   * <pre>
   *   g̃ = ∇_x̃ Σ E(x̃),   c = Σ g̃ ⊙ M,   diag = Σ_sample-axes (∇_x̃ c) ⊙ M
   * </pre>
   *
   * so that row b of block i of {@code ∇_x̃ c} is the i-th row of sample b's Hessian and {@code
   * diag} its i-th diagonal entry; the trace sums the blocks. The energies of different samples
   * must not depend on each other (no batch statistics). The work is that of d backward passes, but
   * in products d times taller, which two cores share better than d small ones; the graph holds one
   * second-order pass instead of d. The gradient is block 0's.
   *
   * @param energy the per-sample energies {@code [N]} of a batch {@code [N, …]}
   */
  public static <T extends TFloating> GradientAndTrace<T> exact(
      Ops tf, Function<Operand<T>, Operand<T>> energy, Operand<T> x) {
    Shape sampleShape = sampleShape(x);
    int dimension = Math.toIntExact(sampleShape.size());
    int rank = x.shape().numDimensions();
    Operand<TInt32> batch =
        tf.slice(tf.shape(x), tf.constant(new int[] {0}), tf.constant(new int[] {1}));
    int[] replicas = new int[rank];
    Arrays.fill(replicas, 1);
    replicas[0] = dimension;
    Operand<T> replicated = tf.tile(x, tf.constant(replicas));
    double[] identity = new double[dimension * dimension];
    for (int i = 0; i < dimension; i++) {
      identity[i * dimension + i] = 1;
    }
    long[] eyeShape = new long[rank + 1];
    eyeShape[0] = dimension;
    eyeShape[1] = 1;
    for (int k = 0; k < rank - 1; k++) {
      eyeShape[k + 2] = sampleShape.get(k);
    }
    int[] ones = new int[rank - 1];
    Arrays.fill(ones, 1);
    Operand<T> mask =
        tf.reshape(
            tf.tile(
                Constants.of(tf, Shape.of(eyeShape), identity, x.type()),
                tf.concat(
                    List.of(tf.constant(new int[] {1}), batch, tf.constant(ones)), tf.constant(0))),
            tf.shape(replicated));
    Operand<T> gradients = Gradients.gradient(energy.apply(replicated), replicated);
    Operand<T> selected = tf.reduceSum(tf.math.mul(gradients, mask), allAxes(tf, rank));
    Operand<T> rows = Gradients.gradient(selected, replicated);
    Operand<T> diagonal = tf.reduceSum(tf.math.mul(rows, mask), sampleAxes(tf, x));
    Operand<T> trace =
        tf.reduceSum(tf.reshape(diagonal, tf.constant(new int[] {dimension, -1})), tf.constant(0));
    int[] rest = new int[rank - 1];
    Arrays.fill(rest, -1);
    Operand<T> gradient =
        tf.slice(
            gradients,
            tf.constant(new int[rank]),
            tf.concat(List.of(batch, tf.constant(rest)), tf.constant(0)));
    return new GradientAndTrace<>(gradient, trace);
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

  private static Operand<TInt32> allAxes(Ops tf, int rank) {
    int[] axes = new int[rank];
    for (int i = 0; i < rank; i++) {
      axes[i] = i;
    }
    return tf.constant(axes);
  }
}
