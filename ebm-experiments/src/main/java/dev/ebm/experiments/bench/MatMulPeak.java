package dev.ebm.experiments.bench;

import dev.ebm.core.graph.ModelGraph;
import dev.ebm.core.graph.SessionOptions;
import java.util.SplittableRandom;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * This machine's practical matrix-multiply peak: GFLOP/s of a float32 product of two 1 024 × 1 024
 * matrices (2·1 024³ FLOPs per call) repeated for about a second, with the session options the
 * workloads use. Workloads report their achieved GFLOP/s as a fraction of it.
 */
final class MatMulPeak {

  private static final int N = 1024;

  private MatMulPeak() {}

  /** The median GFLOP/s of three timed stretches of about {@code seconds} each. */
  static double measure(SessionOptions options, double seconds) {
    try (ModelGraph<TFloat32> graph = ModelGraph.create(TFloat32.class, 1, options)) {
      Ops tf = graph.ops();
      // Variables, not constants: Grappler would fold a product of constants away.
      Operand<TFloat32> product =
          tf.linalg.matMul(variable(tf, random(tf, 1)), variable(tf, random(tf, 2)));
      // A scalar fetch keeps the copy out of the timing.
      Operand<TFloat32> sum = tf.reduceSum(product, tf.constant(new int[] {0, 1}));
      double[] rates = new double[3];
      graph.initialize();
      graph.evaluate(sum);
      for (int r = 0; r < rates.length; r++) {
        long start = System.nanoTime();
        long end = start + (long) (Math.min(seconds, 1.0) * 1e9);
        int calls = 0;
        long now;
        do {
          graph.evaluate(sum);
          calls++;
          now = System.nanoTime();
        } while (now < end);
        rates[r] = calls * 2.0 * N * N * N / ((now - start) / 1e9) / 1e9;
      }
      java.util.Arrays.sort(rates);
      return rates[1];
    }
  }

  private static Operand<TFloat32> variable(Ops tf, Operand<TFloat32> initial) {
    return tf.identity(tf.withInitScope().variable(initial));
  }

  private static Operand<TFloat32> random(Ops tf, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    float[] values = new float[N * N];
    for (int i = 0; i < values.length; i++) {
      values[i] = (float) random.nextDouble(-1, 1);
    }
    return tf.withInitScope().constant(Shape.of(N, N), DataBuffers.of(values));
  }
}
