package dev.ebm.methods;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.ebm.core.data.DataStatistics;
import dev.ebm.core.data.Dataset;
import dev.ebm.core.random.RandomStream;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.StdArrays;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat64;

/**
 * The kernel-mixture noise of NCE is a normalised density (its {@code exp(log q)} sums to 1 on a
 * grid), its {@code log q} is the mixture's formula, and its samples have the mixture's mean.
 */
class KernelMixtureNoiseTest {

  private static final double[][] CENTRES = {{2, 0}, {-1, 1}, {0, -2}};
  private static final double BANDWIDTH = 0.3;

  /** A fitted Gaussian of mean (0.5, −0.5) and variances 2 and 0.5 (from four points). */
  private static DataStatistics statistics() {
    return DataStatistics.of(
        Dataset.of(new double[] {-1.5, -0.5, 2.5, -0.5, 0.5, -1.5, 0.5, 0.5}, Shape.of(2)));
  }

  private static double[] evaluate(Graph graph, Operand<TFloat64> value) {
    try (Session session = new Session(graph);
        TFloat64 result = (TFloat64) session.runner().fetch(value).run().get(0)) {
      double[] out = new double[Math.toIntExact(result.size())];
      result.copyTo(DataBuffers.of(out, false, false));
      return out;
    }
  }

  private static KernelMixtureNoise<TFloat64> noise(Ops tf) {
    NoiseDistribution<TFloat64> gaussian =
        new GaussianNoise(statistics(), Shape.of(2), 1.0).as(TFloat64.class);
    return new KernelMixtureNoise<>(
        tf, gaussian, tf.constant(StdArrays.ndCopyOf(CENTRES)), BANDWIDTH, Shape.of(2));
  }

  @Test
  void itsDensityIntegratesToOne() {
    int n = 401;
    double h = 10;
    double step = 2 * h / (n - 1);
    double[][] grid = new double[n * n][];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        grid[i * n + j] = new double[] {-h + i * step, -h + j * step};
      }
    }
    try (Graph graph = new Graph()) {
      Ops tf = Ops.create(graph);
      double[] logQ =
          evaluate(graph, noise(tf).logDensity(tf, tf.constant(StdArrays.ndCopyOf(grid))));
      double mass = 0;
      for (double v : logQ) {
        mass += Math.exp(v) * step * step;
      }
      assertEquals(1.0, mass, 1e-3);
    }
  }

  @Test
  void itsLogDensityIsTheMixturesFormula() {
    double[][] points = {{0.3, -0.7}, {2.1, 0.2}, {-4, 3}};
    try (Graph graph = new Graph()) {
      Ops tf = Ops.create(graph);
      double[] logQ =
          evaluate(graph, noise(tf).logDensity(tf, tf.constant(StdArrays.ndCopyOf(points))));
      for (int p = 0; p < points.length; p++) {
        double x = points[p][0];
        double y = points[p][1];
        double vx = 2 + 1e-6; // GaussianNoise adds 1e-6 to the variances
        double vy = 0.5 + 1e-6;
        double gaussian =
            Math.exp(-0.5 * ((x - 0.5) * (x - 0.5) / vx + (y + 0.5) * (y + 0.5) / vy))
                / (2 * Math.PI * Math.sqrt(vx * vy));
        double kernels = 0;
        for (double[] c : CENTRES) {
          double d2 = (x - c[0]) * (x - c[0]) + (y - c[1]) * (y - c[1]);
          kernels +=
              Math.exp(-d2 / (2 * BANDWIDTH * BANDWIDTH))
                  / (2 * Math.PI * BANDWIDTH * BANDWIDTH)
                  / CENTRES.length;
        }
        assertEquals(Math.log(0.5 * gaussian + 0.5 * kernels), logQ[p], 1e-9, "point " + p);
      }
    }
  }

  @Test
  void itsSamplesHaveTheMixturesMean() {
    int count = 200_000;
    try (Graph graph = new Graph()) {
      Ops tf = Ops.create(graph);
      RandomStream stream = RandomStream.of(tf, 7, tf.constant(0L));
      double[] samples =
          evaluate(graph, noise(tf).sample(tf, stream, tf.constant(new long[] {count})));
      double[] mean = new double[2];
      for (int i = 0; i < count; i++) {
        mean[0] += samples[2 * i] / count;
        mean[1] += samples[2 * i + 1] / count;
      }
      // ½ (0.5, −0.5) + ½ mean of the centres (1/3, −1/3).
      assertEquals(0.5 * 0.5 + 0.5 / 3, mean[0], 0.01);
      assertEquals(-0.5 * 0.5 - 0.5 / 3, mean[1], 0.01);
    }
  }

  @Test
  void nceRefusesABandwidthThatIsNotPositive() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> new NoiseContrastiveEstimation(1, 1.0, OptionalDouble.of(0)));
    assertEquals("nce needs a positive bandwidth, got 0.0", e.getMessage());
  }
}
