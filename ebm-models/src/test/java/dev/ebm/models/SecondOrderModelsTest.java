package dev.ebm.models;

import dev.ebm.core.autodiff.Gradients;
import dev.ebm.core.autodiff.HessianTrace;
import dev.ebm.core.graph.ModelGraph;
import dev.ebm.core.graph.ParameterSpec;
import dev.ebm.core.graph.Parameters;
import dev.ebm.core.graph.SessionOptions;
import dev.ebm.core.model.EnergyModel;
import dev.ebm.core.model.NoiseConditionalEnergyModel;
import dev.ebm.core.testing.GradientCheck;
import dev.ebm.core.testing.ReportSeedOnFailure;
import dev.ebm.core.testing.TestSeeds;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat64;

/**
 * The second-order path through every shipped architecture, in float64: the parameter gradient of
 * the score-matching loss {@code mean(½‖∇ₓE‖² − tr ∇ₓ²E)} and of the DSM loss {@code mean ½‖∇ₓE(x̃)
 * − ε/σ‖²} (x̃ = x + σε) against central finite differences.
 */
@ExtendWith(ReportSeedOnFailure.class)
class SecondOrderModelsTest {

  private static final int BATCH = 2;
  private static final double SIGMA = 0.5;

  static Stream<Arguments> models() {
    return ModelZoo.small().entrySet().stream().map(e -> Arguments.of(e.getKey(), e.getValue()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("models")
  void scoreMatchingLossGradientMatchesFiniteDifferences(String label, EnergyModel model) {
    check(label, model, Loss.SCORE_MATCHING);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("models")
  void denoisingLossGradientMatchesFiniteDifferences(String label, EnergyModel model) {
    check(label, model, Loss.DENOISING);
  }

  private enum Loss {
    SCORE_MATCHING,
    DENOISING
  }

  private static void check(String label, EnergyModel model, Loss loss) {
    SplittableRandom random = TestSeeds.random((label + " " + loss).hashCode());
    int d = Math.toIntExact(model.sampleShape().size());
    Shape xShape = Shape.of(BATCH).append(model.sampleShape());
    try (ModelGraph<TFloat64> g =
        ModelGraph.create(TFloat64.class, 1, SessionOptions.defaults().withGraphRewrites(false))) {
      Ops tf = g.ops();
      GradientCheck check = new GradientCheck(g);
      Operand<TFloat64> x =
          check.constantInput("x", xShape, GradientCheck.uniform(random, BATCH * d, -1, 1));
      Operand<TFloat64> noise =
          check.constantInput("noise", xShape, GradientCheck.uniform(random, BATCH * d, -1.5, 1.5));
      List<String> names = new ArrayList<>();
      List<Operand<TFloat64>> values = new ArrayList<>();
      for (ParameterSpec spec : model.parameterSpecs()) {
        double[] value = GradientCheck.uniform(random, Math.toIntExact(spec.size()), -0.8, 0.8);
        String feed = spec.name().replace('/', '_');
        names.add(spec.name());
        values.add(
            spec.isTrainable()
                ? check.input(feed, spec.shape(), value)
                : check.constantInput(feed, spec.shape(), value));
      }
      Parameters<TFloat64> parameters = Parameters.of(names, values);
      Operand<TFloat64> objective =
          switch (loss) {
            case SCORE_MATCHING -> scoreMatching(tf, model, x, parameters);
            case DENOISING -> denoising(tf, model, x, noise, parameters);
          };
      check.assertMatches(objective, 1e-6, 60, random);
    }
  }

  private static Operand<TFloat64> energy(
      Ops tf, EnergyModel model, Operand<TFloat64> x, Parameters<TFloat64> p) {
    if (model instanceof NoiseConditionalEnergyModel conditional) {
      Operand<TFloat64> sigma = tf.fill(tf.constant(new int[] {BATCH}), tf.constant(SIGMA));
      return conditional.energy(tf, x, sigma, p);
    }
    return model.energy(tf, x, p);
  }

  private static Operand<TFloat64> scoreMatching(
      Ops tf, EnergyModel model, Operand<TFloat64> x, Parameters<TFloat64> p) {
    Operand<TFloat64> gradient = Gradients.gradient(energy(tf, model, x, p), x);
    Operand<TFloat64> flat = tf.reshape(gradient, tf.constant(new long[] {BATCH, -1}));
    Operand<TFloat64> halfNorm =
        tf.math.mul(tf.reduceSum(tf.math.square(flat), tf.constant(1)), tf.constant(0.5));
    return tf.math.mean(tf.math.sub(halfNorm, HessianTrace.exact(tf, gradient, x)), tf.constant(0));
  }

  private static Operand<TFloat64> denoising(
      Ops tf,
      EnergyModel model,
      Operand<TFloat64> x,
      Operand<TFloat64> noise,
      Parameters<TFloat64> p) {
    Operand<TFloat64> perturbed = tf.math.add(x, tf.math.mul(noise, tf.constant(SIGMA)));
    Operand<TFloat64> gradient = Gradients.gradient(energy(tf, model, perturbed, p), perturbed);
    Operand<TFloat64> residual = tf.math.sub(gradient, tf.math.div(noise, tf.constant(SIGMA)));
    Operand<TFloat64> flat =
        tf.reshape(tf.math.square(residual), tf.constant(new long[] {BATCH, -1}));
    return tf.math.mean(
        tf.math.mul(tf.reduceSum(flat, tf.constant(1)), tf.constant(0.5)), tf.constant(0));
  }
}
