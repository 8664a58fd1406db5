package dev.ebm.models.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ebm.core.graph.Feeds;
import dev.ebm.core.graph.Fetched;
import dev.ebm.core.graph.ModelGraph;
import dev.ebm.core.graph.Parameters;
import dev.ebm.core.testing.GradientCheck;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat64;

/**
 * Spectral normalisation: after the persistent vector has been updated over a few training steps,
 * the normalised weight's largest singular value is 1 (checked against an independent power
 * iteration in Java).
 */
class SpectralNormTest {

  @Test
  void normalisedWeightHasUnitSpectralNormOnceTheVectorHasConverged() {
    SplittableRandom random = GradientCheck.freshRandom("spectral norm");
    int in = 6;
    int out = 4;
    double[] kernel = GradientCheck.uniform(random, in * out, -1, 1);
    Dense layer = new Dense("d", in, out, true);
    try (ModelGraph<TFloat64> g = ModelGraph.create(TFloat64.class, 0)) {
      Ops tf = g.ops();
      Placeholder<TFloat64> u = g.placeholder("u", Shape.of(out));
      Parameters<TFloat64> p = Parameters.of(Map.of(
          "d/kernel", tf.constant(org.tensorflow.ndarray.StdArrays.ndCopyOf(matrix(kernel, in, out))),
          "d/bias", tf.zeros(tf.constant(new long[] {out}), TFloat64.class),
          "d/sn_u", u));
      Operand<TFloat64> normalized = layer.apply(tf, tf.constant(org.tensorflow.ndarray.StdArrays.ndCopyOf(identity(in))), p);
      Operand<TFloat64> next = layer.stateUpdates(tf, p).get("d/sn_u");
      double[] state = GradientCheck.uniform(random, out, -1, 1);
      double[] weights = null;
      for (int step = 0; step < 50; step++) {
        try (Feeds feeds = Feeds.none().put(u, g.tensor(Shape.of(out), state));
            Fetched fetched = g.run(feeds, List.of(next, normalized), List.of())) {
          state = fetched.doubles(0);
          weights = fetched.doubles(1);
        }
      }
      assertEquals(1.0, largestSingularValue(weights, in, out), 1e-6);
      double estimatedSigma = kernel[0] / weights[0];
      assertEquals(largestSingularValue(kernel, in, out), estimatedSigma, 1e-6 * estimatedSigma);
    }
  }

  private static double[][] matrix(double[] values, int rows, int cols) {
    double[][] m = new double[rows][cols];
    for (int i = 0; i < rows; i++) {
      System.arraycopy(values, i * cols, m[i], 0, cols);
    }
    return m;
  }

  private static double[][] identity(int n) {
    double[][] m = new double[n][n];
    for (int i = 0; i < n; i++) {
      m[i][i] = 1;
    }
    return m;
  }

  /** √(largest eigenvalue of MᵀM) by power iteration. */
  private static double largestSingularValue(double[] m, int rows, int cols) {
    double[] v = new double[cols];
    java.util.Arrays.fill(v, 1);
    double lambda = 0;
    for (int it = 0; it < 2000; it++) {
      double[] mv = new double[rows];
      for (int i = 0; i < rows; i++) {
        for (int j = 0; j < cols; j++) {
          mv[i] += m[i * cols + j] * v[j];
        }
      }
      double[] w = new double[cols];
      for (int j = 0; j < cols; j++) {
        for (int i = 0; i < rows; i++) {
          w[j] += m[i * cols + j] * mv[i];
        }
      }
      double norm = Math.sqrt(java.util.Arrays.stream(w).map(a -> a * a).sum());
      lambda = norm / Math.sqrt(java.util.Arrays.stream(v).map(a -> a * a).sum());
      for (int j = 0; j < cols; j++) {
        v[j] = w[j] / norm;
      }
    }
    return Math.sqrt(lambda);
  }
}
