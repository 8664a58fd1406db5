package dev.ebm.methods;

import dev.ebm.core.random.RandomStream;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.ReduceMax;
import org.tensorflow.op.core.ReduceSum;
import org.tensorflow.op.core.Stack;
import org.tensorflow.op.linalg.MatMul;
import org.tensorflow.types.TBool;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.TInt64;
import org.tensorflow.types.family.TFloating;

/**
 * A noise density close to the data: an equal mixture of the Gaussian fitted to the data and
 * Gaussian kernels of bandwidth {@code s} on {@code m} reference points {@code x_a},
 *
 * <pre>
 *   q(y) = ½ N(y; μ, Σ) + ½ (1/m) Σ_a N(y; x_a, s² I)
 *   log q(y) = logaddexp(log N(y; μ, Σ), logsumexp_a(−‖y − x_a‖² / 2s²) − log m − (d/2) log 2πs²)
 *              − log 2
 * </pre>
 *
 * NCE fixes the normaliser where data and noise overlap (the classifier's uncertain region); with
 * the Gaussian alone that is the data's outskirts, so a model whose shape is slightly off there has
 * its {@code c} off by as much. The kernels bring the overlap to where the data's mass is; the
 * Gaussian half keeps noise wherever the model might put mass away from the data.
 *
 * @param <T> the floating-point type
 */
final class KernelMixtureNoise<T extends TFloating> implements NoiseDistribution<T> {

  private final NoiseDistribution<T> fitted;
  private final Operand<T> centres;
  private final double bandwidth;
  private final Shape sampleShape;
  private final int dimension;

  /**
   * The mixture of {@code fitted} and kernels of bandwidth {@code bandwidth} on {@code references}
   * ({@code [m] + sampleShape}).
   */
  KernelMixtureNoise(
      Ops tf, NoiseDistribution<T> fitted, Operand<T> references, double bandwidth, Shape shape) {
    if (!(bandwidth > 0) || Double.isInfinite(bandwidth)) {
      throw new IllegalArgumentException("the kernel bandwidth must be positive, got " + bandwidth);
    }
    this.fitted = fitted;
    this.bandwidth = bandwidth;
    this.sampleShape = shape;
    this.dimension = Math.toIntExact(shape.size());
    this.centres = tf.reshape(references, tf.constant(new long[] {-1, dimension}));
  }

  @Override
  public Operand<T> sample(Ops tf, RandomStream stream, Operand<TInt64> count) {
    Class<T> type = centres.type();
    Operand<T> gaussian = flat(tf, fitted.sample(tf, stream.child(tf, "fitted"), count));
    Operand<TInt64> m = tf.dtypes.cast(centreCount(tf), TInt64.class);
    Operand<TInt64> index =
        tf.math.minimum(
            tf.dtypes.cast(
                tf.math.floor(
                    tf.math.mul(
                        stream.child(tf, "centre").uniform(tf, count, type),
                        tf.dtypes.cast(m, type))),
                TInt64.class),
            tf.math.sub(m, tf.constant(1L)));
    Operand<TInt64> flatShape =
        tf.concat(List.of(count, tf.constant(new long[] {dimension})), tf.constant(0));
    Operand<T> kernel =
        tf.math.add(
            tf.gather(centres, index, tf.constant(0)),
            BatchOps.scale(tf, stream.child(tf, "kernel").normal(tf, flatShape, type), bandwidth));
    Operand<TBool> fromKernel =
        tf.reshape(
            tf.math.greaterEqual(
                stream.child(tf, "component").uniform(tf, count, type), tf.constant(type, 0.5)),
            tf.constant(new long[] {-1, 1}));
    Operand<T> chosen = tf.select(fromKernel, kernel, gaussian);
    return tf.reshape(
        chosen, tf.concat(List.of(count, tf.constant(sampleShape.asArray())), tf.constant(0)));
  }

  @Override
  public Operand<T> logDensity(Ops tf, Operand<T> y) {
    Class<T> type = centres.type();
    Operand<T> points = flat(tf, y);
    Operand<T> squaredDistances =
        tf.math.add(
            tf.math.sub(
                tf.reduceSum(tf.math.square(points), tf.constant(1), ReduceSum.keepDims(true)),
                BatchOps.scale(
                    tf, tf.linalg.matMul(points, centres, MatMul.transposeB(true)), 2.0)),
            tf.reshape(
                tf.reduceSum(tf.math.square(centres), tf.constant(1)),
                tf.constant(new long[] {1, -1})));
    Operand<T> logKernel =
        tf.math.sub(
            logSumExp(tf, BatchOps.scale(tf, squaredDistances, -0.5 / (bandwidth * bandwidth))),
            tf.math.add(
                tf.math.log(tf.dtypes.cast(centreCount(tf), type)),
                tf.constant(
                    type, 0.5 * dimension * Math.log(2 * Math.PI * bandwidth * bandwidth))));
    Operand<T> both = tf.stack(List.of(fitted.logDensity(tf, y), logKernel), Stack.axis(1L));
    return tf.math.sub(logSumExp(tf, both), tf.constant(type, Math.log(2)));
  }

  private Operand<TInt32> centreCount(Ops tf) {
    return tf.reshape(
        tf.slice(tf.shape(centres), tf.constant(new int[] {0}), tf.constant(new int[] {1})),
        tf.constant(new int[0]));
  }

  private Operand<T> flat(Ops tf, Operand<T> x) {
    return tf.reshape(x, tf.constant(new long[] {-1, dimension}));
  }

  /** {@code log Σ_j exp(v_ij)} over the last axis of a matrix, computed from its row maxima. */
  private static <T extends TFloating> Operand<T> logSumExp(Ops tf, Operand<T> v) {
    Operand<T> max = tf.reduceMax(v, tf.constant(1), ReduceMax.keepDims(true));
    Operand<T> sum = tf.reduceSum(tf.math.exp(tf.math.sub(v, max)), tf.constant(1));
    return tf.math.add(tf.math.log(sum), tf.reshape(max, tf.constant(new long[] {-1})));
  }
}
