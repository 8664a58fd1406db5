package dev.ebm.methods;

import dev.ebm.core.autodiff.Gradients;
import dev.ebm.core.method.TrainingContext;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.family.TFloating;
import org.tensorflow.types.family.TNumber;

/**
 * The maximum-likelihood surrogate whose parameter gradient is the log-likelihood gradient with
 * model samples {@code x̂} (constants) standing in for the model expectation:
 *
 * <pre>
 *   L(θ) = mean E_θ(x) − mean E_θ(x̂) + α · mean(E_θ(x)² + E_θ(x̂)²)
 * </pre>
 *
 * with Du &amp; Mordatch's optional energy-magnitude regulariser α. Data and samples go through the
 * model in one stacked forward pass. Diagnostics: {@code d_st = mean E(x) − mean E(x̂)} (Nijkamp et
 * al.'s measure of how far the chains are from the model's own equilibrium), the two mean energies,
 * and {@code sample_grad_norm = mean ‖∇ₓE(x̂)‖}.
 */
final class ContrastiveLoss {

  private ContrastiveLoss() {}

  record Parts<T extends TFloating>(
      Operand<T> loss, Map<String, Operand<? extends TNumber>> diagnostics) {}

  static <T extends TFloating> Parts<T> build(
      TrainingContext<T> context, Operand<T> samples, double alpha) {
    Ops tf = context.tf();
    Operand<T> data = context.data();
    Operand<TInt32> batch =
        tf.slice(tf.shape(data), tf.constant(new int[] {0}), tf.constant(new int[] {1}));
    Operand<T> energies =
        context
            .model()
            .energy(tf, tf.concat(List.of(data, samples), tf.constant(0)), context.parameters());
    Operand<T> dataEnergy = tf.slice(energies, tf.constant(new int[] {0}), batch);
    Operand<T> sampleEnergy = tf.slice(energies, batch, tf.constant(new int[] {-1}));
    Operand<T> meanData = BatchOps.mean(tf, dataEnergy);
    Operand<T> meanSamples = BatchOps.mean(tf, sampleEnergy);
    Operand<T> difference = tf.math.sub(meanData, meanSamples);
    Operand<T> loss = difference;
    if (alpha > 0) {
      Operand<T> magnitude =
          BatchOps.mean(tf, tf.math.add(tf.math.square(dataEnergy), tf.math.square(sampleEnergy)));
      loss = tf.math.add(loss, BatchOps.scale(tf, magnitude, alpha));
    }
    Operand<T> sampleGradient =
        Gradients.gradient(
            context.model().energy(tf, samples, context.samplingParameters()), samples);
    Map<String, Operand<? extends TNumber>> diagnostics = new LinkedHashMap<>();
    diagnostics.put("d_st", difference);
    diagnostics.put("energy_data", meanData);
    diagnostics.put("energy_samples", meanSamples);
    diagnostics.put(
        "sample_grad_norm",
        BatchOps.mean(tf, tf.math.sqrt(BatchOps.squaredNorm(tf, sampleGradient))));
    return new Parts<>(loss, diagnostics);
  }
}
