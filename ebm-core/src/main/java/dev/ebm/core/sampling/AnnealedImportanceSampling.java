package dev.ebm.core.sampling;

import dev.ebm.core.graph.Constants;
import dev.ebm.core.graph.Parameters;
import dev.ebm.core.model.EnergyModel;
import dev.ebm.core.random.RandomStream;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.family.TFloating;

/**
 * Annealed importance sampling (Neal 2001) for {@code log Z = log ∫ exp(−E(x)) dx} in any
 * dimension. The path runs from a normalised base {@code q} (a Gaussian with diagonal covariance,
 * fitted to the data) to the model through
 *
 * <pre>
 *   U_β(x) = (1 − β) E_q(x) + β E(x),   E_q = −log q,   0 = β₀ &lt; β₁ &lt; … &lt; β_K = 1
 * </pre>
 *
 * (Grosse et al.'s sigmoid schedule). Each chain starts from {@code q}; before the transition at
 * level k its log weight gains {@code (β_k − β_{k−1}) (E_q(x) − E(x))}; the transition is one
 * {@link MetropolisKernel} step leaving {@code exp(−U_{β_k})} invariant. Then {@code Z ≈ mean_b
 * w_b}, unbiased, and {@code log} of it a stochastic lower bound on {@code log Z}.
 *
 * <p>Run the other way ({@link #reverse}: from samples of the model to {@code q}) the same weights
 * estimate {@code 1/Z}, and {@code −log mean w} is a stochastic upper bound — when the starting
 * samples are exact (Grosse, Ghahramani &amp; Adams 2015). The step size is adapted toward the
 * kernel's target acceptance from the chains' mean acceptance at every level (a small departure
 * from fixed kernels that is standard practice).
 *
 * @param kernel the transition at each level
 * @param levels the number K of intermediate distributions
 * @param epsilon the initial step size
 */
public record AnnealedImportanceSampling(MetropolisKernel kernel, int levels, double epsilon) {

  /** The steepness δ of the sigmoid schedule. */
  private static final double SCHEDULE_STEEPNESS = 4;

  /** How fast {@code log ε} follows the acceptance: {@code log ε += rate (ā − a*)} per level. */
  private static final double ADAPTATION_RATE = 0.05;

  public AnnealedImportanceSampling {
    if (levels < 1) {
      throw new IllegalArgumentException("AIS needs at least one level, got " + levels);
    }
    if (!(epsilon > 0)) {
      throw new IllegalArgumentException("step size must be positive, got " + epsilon);
    }
  }

  /**
   * The base distribution: independent Gaussians {@code N(mean_i, std_i²)}.
   *
   * @param mean per coordinate of the flattened sample
   * @param std per coordinate, positive
   */
  public record Base(double[] mean, double[] std) {
    public Base {
      if (mean.length != std.length) {
        throw new IllegalArgumentException(
            "base mean and std lengths differ: " + mean.length + " and " + std.length);
      }
      for (double s : std) {
        if (!(s > 0)) {
          throw new IllegalArgumentException("base standard deviations must be positive, got " + s);
        }
      }
    }

    /** {@code E_q(x) = ½ Σ ((x − μ)/s)² + Σ log s + (d/2) log 2π} per chain, and its gradient. */
    <T extends TFloating> MetropolisKernel.State<T> at(Ops tf, Operand<T> x) {
      Class<T> type = x.type();
      Operand<T> flat = tf.reshape(x, tf.constant(new long[] {-1, mean.length}));
      double[] precision = new double[std.length];
      double constant = 0.5 * mean.length * Math.log(2 * Math.PI);
      for (int i = 0; i < std.length; i++) {
        precision[i] = 1 / (std[i] * std[i]);
        constant += Math.log(std[i]);
      }
      Operand<T> centred = tf.math.sub(flat, Constants.vector(tf, mean, type));
      Operand<T> scaled = tf.math.mul(centred, Constants.vector(tf, precision, type));
      Operand<T> energy =
          tf.math.add(
              tf.math.mul(
                  tf.reduceSum(tf.math.mul(centred, scaled), tf.constant(1)),
                  tf.constant(type, 0.5)),
              tf.constant(type, constant));
      return new MetropolisKernel.State<>(
          x, energy, tf.ensureShape(tf.reshape(scaled, tf.shape(x)), x.shape()));
    }

    /** {@code chains} draws from the base, shaped {@code [chains] + sampleShape}. */
    public <T extends TFloating> Operand<T> sample(
        Ops tf, int chains, Shape sampleShape, Class<T> type, RandomStream stream) {
      if (sampleShape.size() != mean.length) {
        throw new IllegalArgumentException(
            "the base has "
                + mean.length
                + " coordinates, not the "
                + sampleShape.size()
                + " of "
                + sampleShape);
      }
      Operand<T> flat = stream.normal(tf, tf.constant(new long[] {chains, mean.length}), type);
      Operand<T> drawn =
          tf.math.add(
              tf.math.mul(flat, Constants.vector(tf, std, type)), Constants.vector(tf, mean, type));
      return tf.reshape(drawn, tf.constant(Shape.of(chains).append(sampleShape).asArray()));
    }
  }

  /**
   * What the log weights of many chains estimate: {@code log mean_b w_b} with its standard error by
   * the delta method, {@code SE = √(var(w)/n) / mean(w)}, and the weights' effective sample size
   * {@code (Σw)²/Σw²}.
   */
  public record Estimate(double logMeanWeight, double standardError, double weightEss) {

    /** The estimate from the chains' log weights. */
    public static Estimate of(double[] logWeights) {
      int n = logWeights.length;
      if (n < 2) {
        throw new IllegalArgumentException("an AIS estimate needs at least 2 chains, got " + n);
      }
      double max = Double.NEGATIVE_INFINITY;
      for (double w : logWeights) {
        max = Math.max(max, w);
      }
      if (!Double.isFinite(max)) {
        throw new IllegalArgumentException(
            "AIS weights are not finite (largest log weight " + max + "): the chains diverged");
      }
      double sum = 0;
      double sumSquares = 0;
      for (double w : logWeights) {
        double scaled = Math.exp(w - max);
        sum += scaled;
        sumSquares += scaled * scaled;
      }
      double mean = sum / n;
      double variance = Math.max(0, sumSquares / n - mean * mean) * n / (n - 1);
      return new Estimate(
          max + Math.log(mean), Math.sqrt(variance / n) / mean, sum * sum / sumSquares);
    }
  }

  /**
   * One annealing run's outcome.
   *
   * @param logWeights {@code [B]}
   * @param states the chains' final states
   * @param acceptanceRate the mean acceptance probability over levels and chains
   */
  public record Run<T extends TFloating>(
      Operand<T> logWeights, Operand<T> states, Operand<T> acceptanceRate) {}

  /** The schedule {@code β₀ = 0, …, β_K = 1}: a sigmoid, denser at both ends. */
  public static double[] schedule(int levels) {
    double[] betas = new double[levels + 1];
    double low = sigmoid(-SCHEDULE_STEEPNESS);
    double high = sigmoid(SCHEDULE_STEEPNESS);
    for (int k = 0; k <= levels; k++) {
      double t = SCHEDULE_STEEPNESS * (2.0 * k / levels - 1);
      betas[k] = (sigmoid(t) - low) / (high - low);
    }
    betas[0] = 0;
    betas[levels] = 1;
    return betas;
  }

  private static double sigmoid(double t) {
    return 1 / (1 + Math.exp(-t));
  }

  /** Forward AIS from {@code x0} drawn from {@code base}: weights estimating {@code Z}. */
  public <T extends TFloating> Run<T> forward(
      Ops tf,
      EnergyModel model,
      Parameters<T> parameters,
      Base base,
      Operand<T> x0,
      RandomStream stream) {
    return anneal(tf, model, parameters, base, x0, stream, schedule(levels));
  }

  /**
   * Reverse AIS from {@code x0}, samples of the model: weights estimating {@code 1/Z} (an upper
   * bound on log Z when {@code x0} is exact).
   */
  public <T extends TFloating> Run<T> reverse(
      Ops tf,
      EnergyModel model,
      Parameters<T> parameters,
      Base base,
      Operand<T> x0,
      RandomStream stream) {
    double[] forward = schedule(levels);
    double[] backward = new double[forward.length];
    for (int k = 0; k < forward.length; k++) {
      backward[k] = forward[forward.length - 1 - k];
    }
    return anneal(tf, model, parameters, base, x0, stream, backward);
  }

  private <T extends TFloating> Run<T> anneal(
      Ops tf,
      EnergyModel model,
      Parameters<T> parameters,
      Base base,
      Operand<T> x0,
      RandomStream stream,
      double[] betas) {
    if (model.sampleShape().size() != base.mean().length) {
      throw new IllegalArgumentException(
          "the AIS base has "
              + base.mean().length
              + " coordinates but the model's samples have "
              + model.sampleShape().size());
    }
    Ops scope = tf.withSubScope("ais");
    Class<T> type = x0.type();
    double target = kernel.defaultTargetAcceptance();
    Operand<T> zeros =
        scope.fill(
            scope.slice(
                scope.shape(x0), scope.constant(new int[] {0}), scope.constant(new int[] {1})),
            scope.constant(type, 0.0));
    List<Operand<?>> last =
        ChainLoop.run(
            scope,
            parameters,
            stream,
            betas.length - 1,
            List.of(x0, zeros, scope.constant(type, Math.log(epsilon)), scope.constant(type, 0.0)),
            (b, i, state, loopParameters, loopStream) -> {
              Operand<T> x = ChainLoop.cast(state.get(0));
              Operand<T> logWeight = ChainLoop.cast(state.get(1));
              Operand<T> logEpsilon = ChainLoop.cast(state.get(2));
              Operand<T> acceptanceSum = ChainLoop.cast(state.get(3));
              Operand<T> current = at(b, betas, i, type);
              Operand<T> next = at(b, betas, b.math.add(i, b.constant(1)), type);
              MetropolisKernel.State<T> modelAt =
                  MetropolisSampler.modelTarget(model, loopParameters).at(b, x);
              MetropolisKernel.State<T> baseAt = base.at(b, x);
              Operand<T> gained =
                  b.math.mul(
                      b.math.sub(next, current), b.math.sub(baseAt.energy(), modelAt.energy()));
              MetropolisKernel.Target<T> path = pathTarget(model, loopParameters, base, next);
              MetropolisKernel.State<T> start = interpolate(b, next, modelAt, baseAt);
              MetropolisKernel.Transition<T> moved =
                  kernel.step(b, start, b.math.exp(logEpsilon), path, loopStream);
              Operand<T> meanAcceptance = b.math.mean(moved.acceptance(), b.constant(0));
              Operand<T> adapted =
                  b.math.add(
                      logEpsilon,
                      b.math.mul(
                          b.constant(type, ADAPTATION_RATE),
                          b.math.sub(meanAcceptance, b.constant(type, target))));
              return List.of(
                  moved.next().x(),
                  b.math.add(logWeight, gained),
                  adapted,
                  b.math.add(acceptanceSum, meanAcceptance));
            },
            "ais");
    Operand<T> acceptance =
        scope.math.div(
            ChainLoop.<T>cast(last.get(3)), scope.constant(type, (double) (betas.length - 1)));
    return new Run<>(ChainLoop.cast(last.get(1)), ChainLoop.cast(last.get(0)), acceptance);
  }

  private static <T extends TFloating> Operand<T> at(
      Ops tf, double[] betas, Operand<TInt32> k, Class<T> type) {
    return tf.gather(Constants.vector(tf, betas, type), k, tf.constant(0));
  }

  /** {@code U_β} and its gradient at one point from the model's and the base's there. */
  private static <T extends TFloating> MetropolisKernel.State<T> interpolate(
      Ops tf, Operand<T> beta, MetropolisKernel.State<T> model, MetropolisKernel.State<T> base) {
    Operand<T> rest = tf.math.sub(tf.constant(beta.type(), 1.0), beta);
    return new MetropolisKernel.State<>(
        model.x(),
        tf.math.add(tf.math.mul(rest, base.energy()), tf.math.mul(beta, model.energy())),
        tf.math.add(tf.math.mul(rest, base.gradient()), tf.math.mul(beta, model.gradient())));
  }

  private static <T extends TFloating> MetropolisKernel.Target<T> pathTarget(
      EnergyModel model, Parameters<T> parameters, Base base, Operand<T> beta) {
    MetropolisKernel.Target<T> modelTarget = MetropolisSampler.modelTarget(model, parameters);
    return (tf, x) -> interpolate(tf, beta, modelTarget.at(tf, x), base.at(tf, x));
  }
}
