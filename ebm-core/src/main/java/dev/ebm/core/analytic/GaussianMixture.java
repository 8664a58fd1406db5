package dev.ebm.core.analytic;

import dev.ebm.core.graph.Constants;
import dev.ebm.core.graph.ParameterSpec;
import dev.ebm.core.graph.Parameters;
import dev.ebm.core.model.NoiseConditionalEnergyModel;
import dev.ebm.core.model.Smoothness;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.types.family.TFloating;

/**
 * A mixture of Gaussians with diagonal covariances and fixed parameters, {@code p(x) = Σ_k π_k N(x;
 * μ_k, diag(s_k²))}, as an exact, normalised energy {@code E(x) = −log p(x)} (so {@code log Z =
 * 0}). Convolved with {@code N(0, σ² I)} it stays a mixture, with variances {@code s_k² + σ²}: the
 * noise-conditional energy {@code E(x, σ) = −log p_σ(x)} whose score is the exact target of
 * denoising score matching and annealed Langevin dynamics at noise level σ.
 *
 * <p>Besides the graph energy, it evaluates log densities and scores in Java and draws exact
 * samples, for tests and metrics.
 */
public final class GaussianMixture implements NoiseConditionalEnergyModel {

  /**
   * One mixture component.
   *
   * @param weight the mixing weight π_k (the weights sum to 1)
   * @param mean the mean μ_k
   * @param std the per-coordinate standard deviations s_k
   */
  public record Component(double weight, double[] mean, double[] std) {
    public Component {
      if (!(weight > 0)) {
        throw new IllegalArgumentException("component weight must be positive, got " + weight);
      }
      if (mean.length != std.length) {
        throw new IllegalArgumentException(
            "mean has " + mean.length + " coordinates but std has " + std.length);
      }
      for (double s : std) {
        if (!(s > 0)) {
          throw new IllegalArgumentException("component std must be positive, got " + s);
        }
      }
      mean = mean.clone();
      std = std.clone();
    }
  }

  private final List<Component> components;
  private final int dimension;

  /**
   * A mixture of the given components.
   *
   * @throws IllegalArgumentException if dimensions differ or the weights do not sum to 1
   */
  public GaussianMixture(List<Component> components) {
    if (components.isEmpty()) {
      throw new IllegalArgumentException("a mixture needs at least one component");
    }
    this.components = List.copyOf(components);
    this.dimension = components.get(0).mean().length;
    double total = 0;
    for (Component c : components) {
      if (c.mean().length != dimension) {
        throw new IllegalArgumentException(
            "components have dimensions " + dimension + " and " + c.mean().length);
      }
      total += c.weight();
    }
    if (Math.abs(total - 1) > 1e-9) {
      throw new IllegalArgumentException("mixture weights must sum to 1, got " + total);
    }
  }

  /** A mixture whose components all have the isotropic standard deviation {@code std}. */
  public static GaussianMixture isotropic(double[] weights, double[][] means, double std) {
    if (weights.length != means.length) {
      throw new IllegalArgumentException(
          weights.length + " weights but " + means.length + " means");
    }
    List<Component> components = new ArrayList<>();
    for (int k = 0; k < weights.length; k++) {
      double[] s = new double[means[k].length];
      java.util.Arrays.fill(s, std);
      components.add(new Component(weights[k], means[k], s));
    }
    return new GaussianMixture(components);
  }

  /** The components. */
  public List<Component> components() {
    return components;
  }

  /** The dimension of x. */
  public int dimension() {
    return dimension;
  }

  @Override
  public String name() {
    return "gaussian_mixture";
  }

  @Override
  public Shape sampleShape() {
    return Shape.of(dimension);
  }

  @Override
  public List<ParameterSpec> parameterSpecs() {
    return List.of();
  }

  @Override
  public Smoothness smoothness() {
    return Smoothness.TWICE_DIFFERENTIABLE;
  }

  @Override
  public Map<String, Object> configuration() {
    return Map.of("model", name(), "components", components.size(), "dimension", dimension);
  }

  /** σ = 0: the unconditioned energy is the mixture itself. */
  @Override
  public double defaultSigma() {
    return 0.0;
  }

  @Override
  public <T extends TFloating> Operand<T> computeEnergy(
      Ops tf, Operand<T> x, Operand<T> sigma, Parameters<T> parameters) {
    Ops scope = tf.withSubScope(name());
    Class<T> type = x.type();
    Operand<T> noiseVariance =
        scope.expandDims(scope.math.square(sigma), scope.constant(1)); // [B, 1]
    List<Operand<T>> logTerms = new ArrayList<>();
    for (Component c : components) {
      double[] variance = new double[dimension];
      for (int i = 0; i < dimension; i++) {
        variance[i] = c.std()[i] * c.std()[i];
      }
      Operand<T> total = scope.math.add(Constants.vector(scope, variance, type), noiseVariance);
      Operand<T> centred = scope.math.sub(x, Constants.vector(scope, c.mean(), type));
      Operand<T> mahalanobis = scope.math.div(scope.math.square(centred), total);
      Operand<T> logNormaliser =
          scope.math.add(
              scope.math.log(total), Constants.scalar(scope, Math.log(2 * Math.PI), type));
      Operand<T> logGaussian =
          scope.math.mul(
              scope.reduceSum(scope.math.add(mahalanobis, logNormaliser), scope.constant(1)),
              Constants.scalar(scope, -0.5, type));
      logTerms.add(
          scope.math.add(logGaussian, Constants.scalar(scope, Math.log(c.weight()), type)));
    }
    Operand<T> stacked = scope.stack(logTerms, org.tensorflow.op.core.Stack.axis(1L)); // [B, K]
    Operand<T> max = scope.stopGradient(scope.reduceMax(stacked, scope.constant(1)));
    Operand<T> shifted = scope.math.sub(stacked, scope.expandDims(max, scope.constant(1)));
    Operand<T> logSum =
        scope.math.add(
            max, scope.math.log(scope.reduceSum(scope.math.exp(shifted), scope.constant(1))));
    return scope.math.neg(logSum);
  }

  /** {@code log p_σ(x)} at one point. */
  public double logDensity(double[] x, double sigma) {
    double[] logTerms = componentLogTerms(x, sigma);
    return logSumExp(logTerms);
  }

  /** The exact score {@code ∇ₓ log p_σ(x) = Σ_k r_k(x) (μ_k − x) / (s_k² + σ²)}. */
  public double[] score(double[] x, double sigma) {
    double[] logTerms = componentLogTerms(x, sigma);
    double logTotal = logSumExp(logTerms);
    double[] score = new double[dimension];
    for (int k = 0; k < components.size(); k++) {
      double responsibility = Math.exp(logTerms[k] - logTotal);
      Component c = components.get(k);
      for (int i = 0; i < dimension; i++) {
        double variance = c.std()[i] * c.std()[i] + sigma * sigma;
        score[i] += responsibility * (c.mean()[i] - x[i]) / variance;
      }
    }
    return score;
  }

  /** {@code n} exact samples, row-major {@code [n, d]}. */
  public double[] sample(int n, SplittableRandom random) {
    double[] out = new double[n * dimension];
    for (int s = 0; s < n; s++) {
      Component c = pick(random.nextDouble());
      for (int i = 0; i < dimension; i++) {
        out[s * dimension + i] = c.mean()[i] + c.std()[i] * gaussian(random);
      }
    }
    return out;
  }

  private Component pick(double u) {
    double cumulative = 0;
    for (Component c : components) {
      cumulative += c.weight();
      if (u < cumulative) {
        return c;
      }
    }
    return components.get(components.size() - 1);
  }

  private double[] componentLogTerms(double[] x, double sigma) {
    double[] logTerms = new double[components.size()];
    for (int k = 0; k < components.size(); k++) {
      Component c = components.get(k);
      double log = Math.log(c.weight());
      for (int i = 0; i < dimension; i++) {
        double variance = c.std()[i] * c.std()[i] + sigma * sigma;
        double d = x[i] - c.mean()[i];
        log -= 0.5 * (d * d / variance + Math.log(2 * Math.PI * variance));
      }
      logTerms[k] = log;
    }
    return logTerms;
  }

  static double logSumExp(double[] values) {
    double max = Double.NEGATIVE_INFINITY;
    for (double v : values) {
      max = Math.max(max, v);
    }
    if (max == Double.NEGATIVE_INFINITY) {
      return max;
    }
    double sum = 0;
    for (double v : values) {
      sum += Math.exp(v - max);
    }
    return max + Math.log(sum);
  }

  /** A standard normal draw (Box–Muller; uses two uniforms). */
  static double gaussian(SplittableRandom random) {
    double u1 = 1.0 - random.nextDouble();
    double u2 = random.nextDouble();
    return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
  }
}
