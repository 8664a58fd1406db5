package dev.ebm.core.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import dev.ebm.core.graph.ModelGraph;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat64;

/** The global norm of several gradients and their clipping, against hand-computed values. */
class GradientClippingTest {

  @Test
  void theGlobalNormIsTheNormOfAllGradientsTakenTogether() {
    try (ModelGraph<TFloat64> graph = ModelGraph.create(TFloat64.class, 1)) {
      Ops tf = graph.ops();
      Operand<TFloat64> a = tf.constant(new double[] {3, 4});
      Operand<TFloat64> b = tf.constant(new double[][] {{12}});
      assertArrayEquals(
          new double[] {13}, graph.evaluate(GradientClipping.globalNorm(tf, List.of(a, b))), 1e-12);
      assertArrayEquals(
          new double[] {5}, graph.evaluate(GradientClipping.globalNorm(tf, List.of(a))), 1e-12);
    }
  }

  @Test
  void clippingBringsANormAboveTheLimitDownToItAndLeavesASmallerOneAlone() {
    try (ModelGraph<TFloat64> graph = ModelGraph.create(TFloat64.class, 1)) {
      Ops tf = graph.ops();
      List<Operand<TFloat64>> gradients =
          List.of(tf.constant(new double[] {3, 4}), tf.constant(new double[] {12}));
      Operand<TFloat64> norm = GradientClipping.globalNorm(tf, gradients);
      List<Operand<TFloat64>> halved = GradientClipping.clip(tf, gradients, norm, 6.5);
      assertArrayEquals(new double[] {1.5, 2}, graph.evaluate(halved.get(0)), 1e-12);
      assertArrayEquals(new double[] {6}, graph.evaluate(halved.get(1)), 1e-12);
      List<Operand<TFloat64>> kept = GradientClipping.clip(tf, gradients, norm, 20);
      assertArrayEquals(new double[] {3, 4}, graph.evaluate(kept.get(0)), 1e-12);
      assertArrayEquals(new double[] {12}, graph.evaluate(kept.get(1)), 1e-12);
    }
  }
}
