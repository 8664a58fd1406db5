package dev.ebm.core.testing;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ebm.core.graph.ModelGraph;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat64;

/**
 * The gradient check itself: it fails a wrong gradient, passes a right one whose function has a
 * large third derivative or a large value next to a small gradient, and leaves out a coordinate
 * whose stencil holds a kink (but not most of them).
 */
@ExtendWith(ReportSeedOnFailure.class)
class GradientCheckTest {

  private static final int N = 40;

  private interface Scalar {
    Operand<TFloat64> of(Ops tf, Operand<TFloat64> x);
  }

  private static double check(double[] at, Scalar scalar) {
    SplittableRandom random = TestSeeds.random(5);
    try (ModelGraph<TFloat64> g = ModelGraph.create(TFloat64.class, 1)) {
      GradientCheck check = new GradientCheck(g);
      Operand<TFloat64> x = check.input("x", Shape.of(at.length), at);
      return check.assertMatches(scalar.of(g.ops(), x), 1e-6, N, random);
    }
  }

  private static double[] points() {
    return GradientCheck.uniform(TestSeeds.random(3), N, -1, 1);
  }

  @Test
  void failsAGradientThatIsOffByAFactor() {
    // f = Σ x·stop(x) has the value of Σ x² but the symbolic gradient x instead of 2x.
    AssertionError e =
        assertThrows(
            AssertionError.class,
            () ->
                check(
                    points(),
                    (tf, x) -> tf.reduceSum(tf.math.mul(x, tf.stopGradient(x)), tf.constant(0))));
    assertTrue(e.getMessage().contains("differs from finite differences"), e.getMessage());
  }

  @Test
  void passesASmoothFunctionWithALargeThirdDerivative() {
    // f = Σ sin(400x) / 400: f‴/f′ = −400², so D(h)'s truncation error h²f‴/6 is 2.7·10⁻⁶ of
    // the gradient, above the tolerance; Richardson's extrapolation removes it.
    assertDoesNotThrow(
        () ->
            check(
                points(),
                (tf, x) ->
                    tf.reduceSum(
                        tf.math.div(
                            tf.math.sin(tf.math.mul(x, tf.constant(400.0))), tf.constant(400.0)),
                        tf.constant(0))));
  }

  @Test
  void passesASmallGradientOnALargeValue() {
    // f = 10⁶ + Σ x²/1000: each evaluation of f rounds at ~10⁻¹⁰, so D(h) carries ~10⁻⁵ of
    // round-off next to a gradient of ~10⁻³; the measured noise floor allows for it.
    assertDoesNotThrow(
        () ->
            check(
                points(),
                (tf, x) ->
                    tf.math.add(
                        tf.reduceSum(
                            tf.math.mul(tf.math.square(x), tf.constant(1e-3)), tf.constant(0)),
                        tf.constant(1e6))));
  }

  @Test
  void leavesOutACoordinateWhoseStencilHoldsAKink() {
    // Σ |x| with one coordinate 3·10⁻⁶ from the kink at 0, inside the 10⁻⁵ stencil.
    double[] at = points();
    for (int i = 0; i < at.length; i++) {
      at[i] = Math.copySign(Math.max(Math.abs(at[i]), 0.01), at[i]);
    }
    at[7] = 3e-6;
    assertDoesNotThrow(() -> check(at, (tf, x) -> tf.reduceSum(tf.math.abs(x), tf.constant(0))));
  }

  @Test
  void aFunctionWithKinksEverywhereFails() {
    // Every coordinate within 3·10⁻⁶ of the kink: more than 5 % of them on kinks.
    double[] at = new double[N];
    Arrays.fill(at, 3e-6);
    AssertionError e =
        assertThrows(
            AssertionError.class,
            () -> check(at, (tf, x) -> tf.reduceSum(tf.math.abs(x), tf.constant(0))));
    assertTrue(e.getMessage().contains("sit on a kink"), e.getMessage());
  }
}
