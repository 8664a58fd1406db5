package dev.ebm.core.autodiff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ebm.core.graph.Constants;
import dev.ebm.core.graph.Feeds;
import dev.ebm.core.graph.ModelGraph;
import dev.ebm.core.random.RandomStream;
import dev.ebm.core.testing.ReportSeedOnFailure;
import dev.ebm.core.testing.TestSeeds;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat64;
import org.tensorflow.types.TInt64;

/**
 * Exact and Hutchinson Hessian traces against the closed form for {@code E(x) = Σ_k log cosh(a_k ·
 * x) + ½ xᵀ B x}, whose Hessian is {@code Aᵀ diag(1 − tanh²(A x)) A + B}.
 */
@ExtendWith(ReportSeedOnFailure.class)
class HessianTraceTest {

  private static final int D = 3;
  private static final int M = 4;
  private static final int BATCH = 5;

  private final SplittableRandom random = TestSeeds.random(42);
  private final double[] a = uniform(M * D);
  private final double[] b = symmetric(uniform(D * D));
  private final double[] points = uniform(BATCH * D);

  private double[] uniform(int n) {
    double[] v = new double[n];
    for (int i = 0; i < n; i++) {
      v[i] = random.nextDouble(-1, 1);
    }
    return v;
  }

  private static double[] symmetric(double[] m) {
    double[] s = new double[D * D];
    for (int i = 0; i < D; i++) {
      for (int j = 0; j < D; j++) {
        s[i * D + j] = 0.5 * (m[i * D + j] + m[j * D + i]);
      }
    }
    return s;
  }

  /** The closed-form trace for sample {@code s}. */
  private double closedFormTrace(int s) {
    double trace = 0;
    for (int i = 0; i < D; i++) {
      trace += b[i * D + i];
    }
    for (int k = 0; k < M; k++) {
      double z = 0;
      double norm2 = 0;
      for (int i = 0; i < D; i++) {
        z += a[k * D + i] * points[s * D + i];
        norm2 += a[k * D + i] * a[k * D + i];
      }
      double t = Math.tanh(z);
      trace += (1 - t * t) * norm2;
    }
    return trace;
  }

  private static Operand<TFloat64> energy(Ops tf, Operand<TFloat64> x, double[] a, double[] b) {
    Operand<TFloat64> aT =
        tf.linalg.transpose(
            Constants.of(tf, Shape.of(M, D), a, TFloat64.class), tf.constant(new int[] {1, 0}));
    Operand<TFloat64> logCosh =
        tf.reduceSum(tf.math.log(tf.math.cosh(tf.linalg.matMul(x, aT))), tf.constant(1));
    Operand<TFloat64> bx = tf.linalg.matMul(x, Constants.of(tf, Shape.of(D, D), b, TFloat64.class));
    Operand<TFloat64> quadratic =
        tf.math.mul(tf.reduceSum(tf.math.mul(bx, x), tf.constant(1)), tf.constant(0.5));
    return tf.math.add(logCosh, quadratic);
  }

  @Test
  void exactTraceEqualsClosedFormPerSample() {
    try (ModelGraph<TFloat64> g = ModelGraph.create(TFloat64.class, 1)) {
      Ops tf = g.ops();
      Placeholder<TFloat64> x = g.placeholder("x", Shape.of(-1, D));
      Operand<TFloat64> gradient = Gradients.gradient(energy(tf, x, a, b), x);
      Operand<TFloat64> trace = HessianTrace.exact(tf, gradient, x);
      double[] traces;
      try (Feeds feeds = Feeds.none().put(x, g.tensor(Shape.of(BATCH, D), points))) {
        traces = g.evaluate(trace, feeds);
      }
      assertEquals(BATCH, traces.length);
      for (int s = 0; s < BATCH; s++) {
        double expected = closedFormTrace(s);
        assertEquals(expected, traces[s], 1e-12 * Math.max(1, Math.abs(expected)), "sample " + s);
      }
    }
  }

  @Test
  void hutchinsonMeanIsWithinFourAndAHalfStandardErrorsOfExactTrace() {
    for (ProbeDistribution distribution : ProbeDistribution.values()) {
      int draws = 2000;
      double[][] estimates = new double[BATCH][draws];
      try (ModelGraph<TFloat64> g = ModelGraph.create(TFloat64.class, 7)) {
        Ops tf = g.ops();
        Placeholder<TFloat64> x = g.placeholder("x", Shape.of(-1, D));
        Placeholder<TInt64> counter =
            tf.placeholder(TInt64.class, Placeholder.shape(Shape.scalar()));
        Operand<TFloat64> gradient = Gradients.gradient(energy(tf, x, a, b), x);
        RandomStream stream = RandomStream.of(tf, g.seed("probes"), counter);
        Operand<TFloat64> estimate =
            HessianTrace.hutchinson(tf, gradient, x, distribution, 1, stream);
        for (int draw = 0; draw < draws; draw++) {
          try (Feeds feeds =
              Feeds.none()
                  .put(x, g.tensor(Shape.of(BATCH, D), points))
                  .put(counter, TInt64.scalarOf(draw))) {
            double[] values = g.evaluate(estimate, feeds);
            for (int s = 0; s < BATCH; s++) {
              estimates[s][draw] = values[s];
            }
          }
        }
      }
      for (int s = 0; s < BATCH; s++) {
        double mean = java.util.Arrays.stream(estimates[s]).average().orElseThrow();
        double variance =
            java.util.Arrays.stream(estimates[s]).map(e -> (e - mean) * (e - mean)).sum()
                / (draws - 1);
        double standardError = Math.sqrt(variance / draws);
        double exact = closedFormTrace(s);
        // 4.5 standard errors: ten comparisons per run, on fresh points when asked for, must all
        // pass (a normal deviate exceeds 4.5 with probability 7·10⁻⁶).
        assertTrue(
            Math.abs(mean - exact) <= 4.5 * standardError,
            distribution
                + " sample "
                + s
                + ": mean "
                + mean
                + " vs exact "
                + exact
                + " (SE "
                + standardError
                + ")");
        assertTrue(variance > 0, "estimates must vary between probes");
      }
    }
  }

  @Test
  void hutchinsonWithManyProbesAveragesThem() {
    try (ModelGraph<TFloat64> g = ModelGraph.create(TFloat64.class, 3)) {
      Ops tf = g.ops();
      Placeholder<TFloat64> x = g.placeholder("x", Shape.of(-1, D));
      Operand<TFloat64> gradient = Gradients.gradient(energy(tf, x, a, b), x);
      RandomStream stream = RandomStream.of(tf, 11L, tf.constant(0L));
      Operand<TFloat64> one =
          HessianTrace.hutchinson(tf, gradient, x, java.util.List.of(tf.onesLike(x)));
      Operand<TFloat64> exact = HessianTrace.exact(tf, gradient, x);
      int probes = 64;
      Operand<TFloat64> many =
          HessianTrace.hutchinson(tf, gradient, x, ProbeDistribution.RADEMACHER, probes, stream);
      // Row i of each sample's Hessian: the gradient of Σ_batch ∂E/∂xᵢ (samples are independent).
      List<Operand<TFloat64>> rows = new ArrayList<>();
      for (int i = 0; i < D; i++) {
        Operand<TFloat64> column = tf.gather(gradient, tf.constant(i), tf.constant(1));
        rows.add(Gradients.gradient(tf.reduceSum(column, tf.constant(0)), x));
      }
      try (Feeds feeds = Feeds.none().put(x, g.tensor(Shape.of(BATCH, D), points))) {
        double[] sumOfHessian = g.evaluate(one, feeds);
        double[] exactTrace = g.evaluate(exact, feeds);
        double[] estimate = g.evaluate(many, feeds);
        List<double[]> hessianRows = new ArrayList<>();
        for (Operand<TFloat64> row : rows) {
          hessianRows.add(g.evaluate(row, feeds));
        }
        for (int s = 0; s < BATCH; s++) {
          // With v = 1, vᵀHv is the sum of all Hessian entries, not the trace: a sanity check that
          // the probe really enters the estimate.
          assertTrue(Math.abs(sumOfHessian[s] - exactTrace[s]) > 1e-6);
          // A Rademacher probe's vᵀHv has variance 2·Σ_{i≠j} H_ij²; the mean of the probes lies
          // within 5 of its standard errors of the trace.
          double offDiagonal = 0;
          for (int i = 0; i < D; i++) {
            for (int j = 0; j < D; j++) {
              double h = hessianRows.get(i)[s * D + j];
              offDiagonal += i == j ? 0 : h * h;
            }
          }
          double standardError = Math.sqrt(2 * offDiagonal / probes);
          assertEquals(exactTrace[s], estimate[s], 5 * standardError + 1e-12, "sample " + s);
        }
      }
    }
  }
}
