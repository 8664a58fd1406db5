package dev.ebm.core.testing;

import dev.ebm.core.autodiff.Gradients;
import dev.ebm.core.method.MethodRequirements;
import dev.ebm.core.method.TrainingContext;
import dev.ebm.core.method.TrainingMethod;
import dev.ebm.core.method.TrainingObjective;
import java.util.LinkedHashMap;
import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.family.TFloating;
import org.tensorflow.types.family.TNumber;

/**
 * A training method defined only in test code (denoising score matching at one σ), found through
 * {@link java.util.ServiceLoader} by the name {@code test-denoising}: it proves that methods in
 * other modules are picked up without changing the framework.
 */
public final class TestDenoisingMethod implements TrainingMethod {

  private final double sigma;

  public TestDenoisingMethod(double sigma) {
    this.sigma = sigma;
  }

  @Override
  public String name() {
    return "test-denoising";
  }

  @Override
  public MethodRequirements requirements() {
    return MethodRequirements.firstOrder();
  }

  @Override
  public Map<String, Object> configuration() {
    return Map.of("sigma", sigma);
  }

  @Override
  public <T extends TFloating> TrainingObjective<T> build(TrainingContext<T> context) {
    Ops tf = context.tf();
    Class<T> type = context.type();
    Operand<T> x = context.data();
    Operand<T> noise =
        context
            .random()
            .child(tf, "noise")
            .normal(tf, tf.shape(x, org.tensorflow.types.TInt64.class), type);
    Operand<T> noisy = tf.math.add(x, tf.math.mul(noise, tf.constant(type, sigma)));
    Operand<T> gradient =
        Gradients.gradient(context.model().energy(tf, noisy, context.parameters()), noisy);
    Operand<T> residual = tf.math.sub(tf.math.div(noise, tf.constant(type, sigma)), gradient);
    Operand<T> perSample =
        tf.math.mul(tf.reduceSum(tf.math.square(residual), tf.constant(1)), tf.constant(type, 0.5));
    Operand<T> loss = tf.math.mean(perSample, tf.constant(0));
    Map<String, Operand<? extends TNumber>> diagnostics = new LinkedHashMap<>();
    diagnostics.put(
        "score_norm",
        tf.math.mean(
            tf.math.sqrt(tf.reduceSum(tf.math.square(gradient), tf.constant(1))), tf.constant(0)));
    return TrainingObjective.of(loss, diagnostics);
  }
}
