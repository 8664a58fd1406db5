package dev.ebm.core.autodiff;

import static dev.ebm.core.testing.GradientCheck.uniform;
import static dev.ebm.core.testing.GradientCheck.uniformAwayFromZero;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ebm.core.graph.ModelGraph;
import dev.ebm.core.testing.GradientCheck;
import dev.ebm.core.testing.ReportSeedOnFailure;
import dev.ebm.core.testing.TestSeeds;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.tensorflow.Operand;
import org.tensorflow.TensorFlow;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.OnesLike;
import org.tensorflow.op.core.StridedSliceGrad;
import org.tensorflow.op.math.ReciprocalGrad;
import org.tensorflow.op.math.RsqrtGrad;
import org.tensorflow.op.math.SigmoidGrad;
import org.tensorflow.op.math.SoftplusGrad;
import org.tensorflow.op.math.SqrtGrad;
import org.tensorflow.op.math.TanhGrad;
import org.tensorflow.op.nn.AvgPoolGrad;
import org.tensorflow.op.nn.BiasAddGrad;
import org.tensorflow.op.nn.Conv2dBackpropFilter;
import org.tensorflow.op.nn.EluGrad;
import org.tensorflow.op.nn.ReluGrad;
import org.tensorflow.types.TFloat64;

/**
 * Each registered gradient against central finite differences of its op, in float64, on fresh
 * random inputs: relative error at most 1e-6.
 */
@ExtendWith(ReportSeedOnFailure.class)
class HigherOrderGradientsTest {

  private static final double TOLERANCE = 1e-6;
  private static final Shape MATRIX = Shape.of(3, 4);

  /** Builds the scalar {@code Σ w ⊙ op(inputs)} for random fixed weights w. */
  private interface Case {
    Operand<TFloat64> build(Ops tf, GradientCheck check, SplittableRandom random);
  }

  private static void check(String name, Case c) {
    SplittableRandom random = TestSeeds.random(name.hashCode());
    try (ModelGraph<TFloat64> g = ModelGraph.create(TFloat64.class, 1)) {
      GradientCheck check = new GradientCheck(g);
      Ops tf = g.ops();
      Operand<TFloat64> output = c.build(tf, check, random);
      int n = Math.toIntExact(output.shape().size());
      Operand<TFloat64> weights =
          tf.constant(
              output.shape(),
              org.tensorflow.ndarray.buffer.DataBuffers.of(uniform(random, n, -1, 1)));
      Operand<TFloat64> scalar = tf.reduceSum(tf.math.mul(output, weights), allAxes(tf, output));
      check.assertMatches(scalar, TOLERANCE, 200, random);
    }
  }

  private static Operand<org.tensorflow.types.TInt32> allAxes(Ops tf, Operand<?> x) {
    int rank = x.shape().numDimensions();
    int[] axes = new int[rank];
    for (int i = 0; i < rank; i++) {
      axes[i] = i;
    }
    return tf.constant(axes);
  }

  @Test
  void registersEveryGradientOnce() {
    HigherOrderGradients.ensureRegistered();
    HigherOrderGradients.ensureRegistered();
    assertEquals(17, HigherOrderGradients.opTypes().size());
    for (String op : HigherOrderGradients.opTypes()) {
      // Registering again is refused: the gradient is already there.
      assertTrue(!TensorFlow.registerCustomGradient(op, (tf, o, grads) -> List.of()), op);
    }
  }

  @Test
  void softplusGradMatchesFiniteDifferences() {
    check(
        "SoftplusGrad",
        (tf, c, r) ->
            SoftplusGrad.create(
                tf.scope(),
                c.input("g", MATRIX, uniform(r, 12, -2, 2)),
                c.input("x", MATRIX, uniform(r, 12, -3, 3))));
  }

  @Test
  void sigmoidGradMatchesFiniteDifferences() {
    check(
        "SigmoidGrad",
        (tf, c, r) ->
            SigmoidGrad.create(
                tf.scope(),
                c.input("y", MATRIX, uniform(r, 12, 0.05, 0.95)),
                c.input("dy", MATRIX, uniform(r, 12, -2, 2))));
  }

  @Test
  void tanhGradMatchesFiniteDifferences() {
    check(
        "TanhGrad",
        (tf, c, r) ->
            TanhGrad.create(
                tf.scope(),
                c.input("y", MATRIX, uniform(r, 12, -0.95, 0.95)),
                c.input("dy", MATRIX, uniform(r, 12, -2, 2))));
  }

  @Test
  void eluGradMatchesFiniteDifferences() {
    check(
        "EluGrad",
        (tf, c, r) ->
            EluGrad.create(
                tf.scope(),
                c.input("g", MATRIX, uniform(r, 12, -2, 2)),
                c.input("y", MATRIX, uniformAwayFromZero(r, 12, -0.95, 2, 0.05))));
  }

  @Test
  void reluGradMatchesFiniteDifferences() {
    check(
        "ReluGrad",
        (tf, c, r) ->
            ReluGrad.create(
                tf.scope(),
                c.input("g", MATRIX, uniform(r, 12, -2, 2)),
                c.input("x", MATRIX, uniformAwayFromZero(r, 12, -2, 2, 0.05))));
  }

  @Test
  void rsqrtGradMatchesFiniteDifferences() {
    check(
        "RsqrtGrad",
        (tf, c, r) ->
            RsqrtGrad.create(
                tf.scope(),
                c.input("y", MATRIX, uniform(r, 12, 0.3, 2)),
                c.input("dy", MATRIX, uniform(r, 12, -2, 2))));
  }

  @Test
  void sqrtGradMatchesFiniteDifferences() {
    check(
        "SqrtGrad",
        (tf, c, r) ->
            SqrtGrad.create(
                tf.scope(),
                c.input("y", MATRIX, uniform(r, 12, 0.3, 2)),
                c.input("dy", MATRIX, uniform(r, 12, -2, 2))));
  }

  @Test
  void reciprocalGradMatchesFiniteDifferences() {
    check(
        "ReciprocalGrad",
        (tf, c, r) ->
            ReciprocalGrad.create(
                tf.scope(),
                c.input("y", MATRIX, uniformAwayFromZero(r, 12, -2, 2, 0.3)),
                c.input("dy", MATRIX, uniform(r, 12, -2, 2))));
  }

  @Test
  void onesLikeHasZeroGradient() {
    check(
        "OnesLike",
        (tf, c, r) -> {
          Operand<TFloat64> x = c.input("x", MATRIX, uniform(r, 12, -2, 2));
          // OnesLike alone has no dependence on x; multiply by x so the check sees a non-zero
          // gradient.
          return tf.math.mul(OnesLike.create(tf.scope(), x), x);
        });
  }

  @Test
  void biasAddGradMatchesFiniteDifferences() {
    check(
        "BiasAddGrad",
        (tf, c, r) ->
            BiasAddGrad.create(
                tf.scope(), c.input("dy", Shape.of(2, 3, 4, 5), uniform(r, 120, -2, 2))));
  }

  @Test
  void biasAddGradInChannelsFirstLayoutMatchesFiniteDifferences() {
    check(
        "BiasAddGrad NCHW",
        (tf, c, r) ->
            BiasAddGrad.create(
                tf.scope(),
                c.input("dy", Shape.of(2, 5, 3, 4), uniform(r, 120, -2, 2)),
                BiasAddGrad.dataFormat("NCHW")));
  }

  @Test
  void avgPoolGradMatchesFiniteDifferences() {
    check(
        "AvgPoolGrad",
        (tf, c, r) ->
            AvgPoolGrad.create(
                tf.scope(),
                tf.constant(new int[] {2, 6, 6, 3}),
                c.input("grad", Shape.of(2, 3, 3, 3), uniform(r, 54, -2, 2)),
                List.of(1L, 2L, 2L, 1L),
                List.of(1L, 2L, 2L, 1L),
                "VALID"));
  }

  @Test
  void avgPoolGradWithSamePaddingMatchesFiniteDifferences() {
    check(
        "AvgPoolGrad SAME",
        (tf, c, r) ->
            AvgPoolGrad.create(
                tf.scope(),
                tf.constant(new int[] {1, 5, 5, 2}),
                c.input("grad", Shape.of(1, 3, 3, 2), uniform(r, 18, -2, 2)),
                List.of(1L, 3L, 3L, 1L),
                List.of(1L, 2L, 2L, 1L),
                "SAME"));
  }

  @Test
  void conv2dBackpropFilterMatchesFiniteDifferences() {
    check(
        "Conv2DBackpropFilter",
        (tf, c, r) ->
            Conv2dBackpropFilter.create(
                tf.scope(),
                c.input("input", Shape.of(2, 6, 6, 2), uniform(r, 144, -1, 1)),
                tf.constant(new int[] {3, 3, 2, 3}),
                c.input("outBackprop", Shape.of(2, 3, 3, 3), uniform(r, 54, -1, 1)),
                List.of(1L, 2L, 2L, 1L),
                "SAME"));
  }

  @Test
  void stridedSliceGradMatchesFiniteDifferences() {
    check(
        "StridedSliceGrad",
        (tf, c, r) ->
            StridedSliceGrad.create(
                tf.scope(),
                tf.constant(new int[] {4, 5}),
                tf.constant(new int[] {1, 0}),
                tf.constant(new int[] {3, 5}),
                tf.constant(new int[] {1, 2}),
                c.input("dy", Shape.of(2, 3), uniform(r, 6, -2, 2))));
  }
}
