package dev.ebm.methods;

import dev.ebm.core.analytic.Matrices;
import dev.ebm.core.data.DataStatistics;
import dev.ebm.core.random.RandomStream;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TInt64;
import org.tensorflow.types.family.TFloating;

/**
 * The noise distribution of NCE: a Gaussian {@code q = N(μ, c²Σ)} fitted to the training data (mean
 * and covariance, or the diagonal of the covariance above {@link
 * DataStatistics#MAX_COVARIANCE_DIMENSION} coordinates), with the standard deviation widened by
 * {@code c}. With {@code Σ = L Lᵀ}: samples are {@code μ + c L z} and
 *
 * <pre>
 *   log q(y) = −½ ‖(cL)⁻¹ (y − μ)‖² − Σᵢ log(c Lᵢᵢ) − (d/2) log 2π
 * </pre>
 */
final class GaussianNoise {

  private final Shape sampleShape;
  private final int dimension;
  private final double[] mean;
  private final double[][] factor;
  private final double[][] inverseFactor;
  private final double logNormalizer;

  GaussianNoise(DataStatistics statistics, Shape sampleShape, double widening) {
    this.sampleShape = sampleShape;
    this.dimension = statistics.dimension();
    this.mean = statistics.mean().clone();
    double[][] covariance =
        statistics.covariance().orElseGet(() -> diagonal(statistics.variance()));
    double[][] l = Matrices.cholesky(regularized(covariance));
    this.factor = new double[dimension][dimension];
    double logDet = 0;
    for (int i = 0; i < dimension; i++) {
      for (int j = 0; j <= i; j++) {
        factor[i][j] = widening * l[i][j];
      }
      logDet += Math.log(factor[i][i]);
    }
    this.inverseFactor = lowerTriangularInverse(factor);
    this.logNormalizer = -logDet - 0.5 * dimension * Math.log(2 * Math.PI);
  }

  /** This Gaussian as the noise distribution of samples of {@code type}. */
  <T extends TFloating> NoiseDistribution<T> as(Class<T> type) {
    return new NoiseDistribution<>() {
      @Override
      public Operand<T> sample(Ops tf, RandomStream stream, Operand<TInt64> count) {
        return GaussianNoise.this.sample(tf, stream, count, type);
      }

      @Override
      public Operand<T> logDensity(Ops tf, Operand<T> y) {
        return GaussianNoise.this.logDensity(tf, y);
      }
    };
  }

  /** {@code n} samples, {@code [n] + sampleShape}. */
  <T extends TFloating> Operand<T> sample(
      Ops tf, RandomStream stream, Operand<TInt64> count, Class<T> type) {
    Operand<TInt64> shape =
        tf.concat(java.util.List.of(count, tf.constant(new long[] {dimension})), tf.constant(0));
    Operand<T> z = stream.normal(tf, shape, type);
    Operand<T> flat =
        tf.math.add(
            tf.linalg.matMul(z, constant(tf, Matrices.transpose(factor), type)),
            constant(tf, mean, type));
    return tf.reshape(
        flat,
        tf.concat(java.util.List.of(count, tf.constant(sampleShape.asArray())), tf.constant(0)));
  }

  /** {@code log q(y)} per sample, shape {@code [n]}. */
  <T extends TFloating> Operand<T> logDensity(Ops tf, Operand<T> y) {
    Class<T> type = y.type();
    Operand<T> centred =
        tf.math.sub(
            tf.reshape(y, tf.constant(new long[] {-1, dimension})), constant(tf, mean, type));
    Operand<T> whitened =
        tf.linalg.matMul(centred, constant(tf, Matrices.transpose(inverseFactor), type));
    Operand<T> quadratic = tf.reduceSum(tf.math.square(whitened), tf.constant(1));
    return tf.math.sub(tf.constant(type, logNormalizer), BatchOps.scale(tf, quadratic, 0.5));
  }

  private static <T extends TFloating> Operand<T> constant(Ops tf, double[][] m, Class<T> type) {
    return tf.dtypes.cast(tf.constant(org.tensorflow.ndarray.StdArrays.ndCopyOf(m)), type);
  }

  private static <T extends TFloating> Operand<T> constant(Ops tf, double[] v, Class<T> type) {
    return tf.dtypes.cast(tf.constant(v), type);
  }

  private static double[][] diagonal(double[] variance) {
    double[][] m = new double[variance.length][variance.length];
    for (int i = 0; i < variance.length; i++) {
      m[i][i] = variance[i];
    }
    return m;
  }

  /** Adds a little to the diagonal so that constant coordinates (e.g. image borders) stay valid. */
  private static double[][] regularized(double[][] covariance) {
    double[][] m = new double[covariance.length][];
    for (int i = 0; i < covariance.length; i++) {
      m[i] = covariance[i].clone();
      m[i][i] += 1e-6;
    }
    return m;
  }

  private static double[][] lowerTriangularInverse(double[][] l) {
    int n = l.length;
    double[][] inv = new double[n][n];
    for (int col = 0; col < n; col++) {
      for (int i = col; i < n; i++) {
        double sum = i == col ? 1 : 0;
        for (int k = col; k < i; k++) {
          sum -= l[i][k] * inv[k][col];
        }
        inv[i][col] = sum / l[i][i];
      }
    }
    return inv;
  }
}
