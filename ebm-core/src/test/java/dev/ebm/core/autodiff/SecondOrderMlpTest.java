package dev.ebm.core.autodiff;

import dev.ebm.core.graph.ModelGraph;
import dev.ebm.core.graph.ParameterSpec;
import dev.ebm.core.graph.Parameters;
import dev.ebm.core.testing.GradientCheck;
import dev.ebm.core.testing.ReportSeedOnFailure;
import dev.ebm.core.testing.TestMlp;
import dev.ebm.core.testing.TestSeeds;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat64;

/**
 * The second-order path on a 2-D MLP energy: the parameter gradient of the exact score-matching
 * loss {@code mean(½‖∇ₓE‖² − tr ∇ₓ²E)} against finite differences, for each smooth activation.
 */
@ExtendWith(ReportSeedOnFailure.class)
class SecondOrderMlpTest {

  @ParameterizedTest
  @EnumSource(TestMlp.Activation.class)
  void scoreMatchingParameterGradientMatchesFiniteDifferences(TestMlp.Activation activation) {
    SplittableRandom random = TestSeeds.random(("second order " + activation).hashCode());
    TestMlp model = new TestMlp(2, 6, activation);
    try (ModelGraph<TFloat64> g = ModelGraph.create(TFloat64.class, 1)) {
      Ops tf = g.ops();
      GradientCheck check = new GradientCheck(g);
      Operand<TFloat64> x =
          check.constantInput("x", Shape.of(8, 2), GradientCheck.uniform(random, 16, -2, 2));
      List<String> names = new ArrayList<>();
      List<Operand<TFloat64>> values = new ArrayList<>();
      for (ParameterSpec spec : model.parameterSpecs()) {
        int n = Math.toIntExact(spec.size());
        names.add(spec.name());
        values.add(
            check.input(
                spec.name().replace('/', '_'),
                spec.shape(),
                GradientCheck.uniform(random, n, -1, 1)));
      }
      Operand<TFloat64> energy = model.energy(tf, x, Parameters.of(names, values));
      Operand<TFloat64> gradient = Gradients.gradient(energy, x);
      Operand<TFloat64> halfSquaredNorm =
          tf.math.mul(tf.reduceSum(tf.math.square(gradient), tf.constant(1)), tf.constant(0.5));
      Operand<TFloat64> loss =
          tf.math.mean(
              tf.math.sub(halfSquaredNorm, HessianTrace.exact(tf, gradient, x)), tf.constant(0));
      check.assertMatches(loss, 1e-6, 200, random);
    }
  }
}
