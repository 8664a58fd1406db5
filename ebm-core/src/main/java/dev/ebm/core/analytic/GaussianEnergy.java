package dev.ebm.core.analytic;

import dev.ebm.core.graph.Constants;
import dev.ebm.core.graph.Initializer;
import dev.ebm.core.graph.ParameterSpec;
import dev.ebm.core.graph.Parameters;
import dev.ebm.core.model.EnergyModel;
import dev.ebm.core.model.Smoothness;
import java.util.List;
import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.types.family.TFloating;

/**
 * The Gaussian energy {@code E(x) = ½ (x − μ)ᵀ P (x − μ)} with a learnable mean {@code μ} and a
 * learnable precision {@code P = L Lᵀ}, parametrised through its Cholesky factor {@code L} (lower
 * triangular, diagonal {@code exp(s)} so that {@code P} stays positive definite). Its normalising
 * constant is exact: {@code log Z = (d/2) log 2π − ½ log det P = (d/2) log 2π − Σᵢ sᵢ}.
 *
 * <p>Parameters: {@code mean} [d], {@code cholesky} [d, d] (only the strictly lower triangle is
 * used), {@code log_diagonal} [d].
 */
public final class GaussianEnergy implements EnergyModel {

  public static final String MEAN = "mean";
  public static final String CHOLESKY = "cholesky";
  public static final String LOG_DIAGONAL = "log_diagonal";

  private final int dimension;
  private final double[] initialMean;
  private final double[][] initialPrecision;

  private GaussianEnergy(double[] initialMean, double[][] initialPrecision) {
    this.dimension = initialMean.length;
    this.initialMean = initialMean.clone();
    this.initialPrecision = initialPrecision;
  }

  /** The standard Gaussian N(0, I_d) as the starting point: {@code μ = 0, P = I}. */
  public static GaussianEnergy standard(int dimension) {
    if (dimension < 1) {
      throw new IllegalArgumentException("dimension must be at least 1, got " + dimension);
    }
    double[][] identity = new double[dimension][dimension];
    for (int i = 0; i < dimension; i++) {
      identity[i][i] = 1;
    }
    return new GaussianEnergy(new double[dimension], identity);
  }

  /** A Gaussian starting at mean {@code mean} and precision {@code precision} (symmetric PD). */
  public static GaussianEnergy of(double[] mean, double[][] precision) {
    if (precision.length != mean.length) {
      throw new IllegalArgumentException(
          "mean has dimension " + mean.length + " but precision is " + precision.length + "×…");
    }
    Matrices.cholesky(precision);
    return new GaussianEnergy(mean, precision);
  }

  /** The dimension d. */
  public int dimension() {
    return dimension;
  }

  @Override
  public String name() {
    return "gaussian";
  }

  @Override
  public Shape sampleShape() {
    return Shape.of(dimension);
  }

  @Override
  public Smoothness smoothness() {
    return Smoothness.TWICE_DIFFERENTIABLE;
  }

  @Override
  public Map<String, Object> configuration() {
    return Map.of("model", name(), "dimension", dimension);
  }

  @Override
  public List<ParameterSpec> parameterSpecs() {
    double[][] l = Matrices.cholesky(initialPrecision);
    double[] strictLower = new double[dimension * dimension];
    double[] logDiagonal = new double[dimension];
    for (int i = 0; i < dimension; i++) {
      logDiagonal[i] = Math.log(l[i][i]);
      for (int j = 0; j < i; j++) {
        strictLower[i * dimension + j] = l[i][j];
      }
    }
    return List.of(
        ParameterSpec.trainable(MEAN, Shape.of(dimension), Initializer.values(initialMean)),
        ParameterSpec.trainable(
            CHOLESKY, Shape.of(dimension, dimension), Initializer.values(strictLower)),
        ParameterSpec.trainable(
            LOG_DIAGONAL, Shape.of(dimension), Initializer.values(logDiagonal)));
  }

  @Override
  public <T extends TFloating> Operand<T> computeEnergy(
      Ops tf, Operand<T> x, Parameters<T> parameters) {
    Ops scope = tf.withSubScope(name());
    Operand<T> centred = scope.math.sub(x, parameters.get(MEAN));
    Operand<T> projected = scope.linalg.matMul(centred, choleskyFactor(scope, parameters));
    return scope.math.mul(
        scope.reduceSum(scope.math.square(projected), scope.constant(1)),
        scope.constant(x.type(), 0.5));
  }

  /** The exact {@code log Z} as a graph value: {@code (d/2) log 2π − Σ sᵢ}. */
  public <T extends TFloating> Operand<T> logPartition(Ops tf, Parameters<T> parameters) {
    Operand<T> logDiagonal = parameters.get(LOG_DIAGONAL);
    return tf.math.sub(
        tf.constant(logDiagonal.type(), 0.5 * dimension * Math.log(2 * Math.PI)),
        tf.reduceSum(logDiagonal, tf.constant(0)));
  }

  /** The exact {@code log Z} from the values of {@code log_diagonal}. */
  public static double logPartition(double[] logDiagonal) {
    double sum = 0;
    for (double s : logDiagonal) {
      sum += s;
    }
    return 0.5 * logDiagonal.length * Math.log(2 * Math.PI) - sum;
  }

  /**
   * The precision {@code P = L Lᵀ} from the values of {@code cholesky} and {@code log_diagonal}.
   */
  public static double[][] precision(double[] cholesky, double[] logDiagonal) {
    int d = logDiagonal.length;
    double[][] l = new double[d][d];
    for (int i = 0; i < d; i++) {
      l[i][i] = Math.exp(logDiagonal[i]);
      for (int j = 0; j < i; j++) {
        l[i][j] = cholesky[i * d + j];
      }
    }
    return Matrices.multiply(l, Matrices.transpose(l));
  }

  private <T extends TFloating> Operand<T> choleskyFactor(Ops tf, Parameters<T> parameters) {
    Class<T> type = parameters.get(MEAN).type();
    double[] strictLowerMask = new double[dimension * dimension];
    double[] identity = new double[dimension * dimension];
    for (int i = 0; i < dimension; i++) {
      identity[i * dimension + i] = 1;
      for (int j = 0; j < i; j++) {
        strictLowerMask[i * dimension + j] = 1;
      }
    }
    Shape square = Shape.of(dimension, dimension);
    Operand<T> lower =
        tf.math.mul(parameters.get(CHOLESKY), Constants.of(tf, square, strictLowerMask, type));
    Operand<T> diagonal =
        tf.math.mul(
            Constants.of(tf, square, identity, type), tf.math.exp(parameters.get(LOG_DIAGONAL)));
    return tf.math.add(lower, diagonal);
  }
}
