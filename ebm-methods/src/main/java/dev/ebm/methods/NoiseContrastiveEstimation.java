package dev.ebm.methods;

import dev.ebm.core.graph.Initializer;
import dev.ebm.core.graph.ParameterSpec;
import dev.ebm.core.graph.VariableSet;
import dev.ebm.core.method.MethodRequirements;
import dev.ebm.core.method.TrainingContext;
import dev.ebm.core.method.TrainingMethod;
import dev.ebm.core.method.TrainingObjective;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.TInt64;
import org.tensorflow.types.family.TFloating;
import org.tensorflow.types.family.TNumber;

/**
 * Noise contrastive estimation (Gutmann &amp; Hyvärinen 2010): logistic regression between the B
 * data points and {@code νB} samples of a noise density {@code q}, with the unnormalised model
 * {@code log p_θ(x) = −E(x) − c}, where the scalar {@code c} (a learned {@code log Z}) is trained
 * with θ. With the log-odds
 *
 * <pre>
 *   G(x) = −E(x) − c − log q(x) − log ν
 *   L(θ, c) = mean_data softplus(−G) + ν · mean_noise softplus(G)
 * </pre>
 *
 * At the optimum {@code p_θ = p_data} and {@code c = log Z_θ}. The noise is a Gaussian fitted to
 * the training data, its standard deviation widened by {@code noise_scale}; data and noise go
 * through the model in one stacked forward pass. Diagnostics: {@code log_z} (= c) and the
 * classification accuracy.
 */
public final class NoiseContrastiveEstimation implements TrainingMethod {

  /** The name of the learned {@code log Z} among the method's variables. */
  public static final String LOG_Z = "c";

  private final int noiseRatio;
  private final double noiseScale;

  /** NCE with {@code ν = noiseRatio} noise samples per data point. */
  public NoiseContrastiveEstimation(int noiseRatio, double noiseScale) {
    if (noiseRatio < 1) {
      throw new IllegalArgumentException(
          "nce needs a noise ratio nu of at least 1, got " + noiseRatio);
    }
    if (!(noiseScale > 0)) {
      throw new IllegalArgumentException("nce needs a positive noise_scale, got " + noiseScale);
    }
    this.noiseRatio = noiseRatio;
    this.noiseScale = noiseScale;
  }

  @Override
  public String name() {
    return "nce";
  }

  @Override
  public MethodRequirements requirements() {
    return MethodRequirements.firstOrder();
  }

  @Override
  public Map<String, Object> configuration() {
    return Map.of(
        "method",
        name(),
        "nu",
        noiseRatio,
        "noise",
        "Gaussian fitted to the data, std x " + noiseScale);
  }

  @Override
  public <T extends TFloating> TrainingObjective<T> build(TrainingContext<T> context) {
    Ops tf = context.tf();
    Class<T> type = context.type();
    Operand<T> x = context.data();
    VariableSet<T> logZ =
        context.createVariables(
            "log_z", List.of(ParameterSpec.trainable(LOG_Z, Shape.scalar(), Initializer.zeros())));
    Operand<T> c = logZ.read().get(LOG_Z);
    GaussianNoise q =
        new GaussianNoise(context.statistics(), context.model().sampleShape(), noiseScale);
    Operand<TInt32> batch =
        tf.slice(tf.shape(x), tf.constant(new int[] {0}), tf.constant(new int[] {1}));
    Operand<TInt64> noiseCount =
        tf.math.mul(tf.dtypes.cast(batch, TInt64.class), tf.constant(new long[] {noiseRatio}));
    Operand<T> noise = q.sample(tf, context.random().child(tf, "noise"), noiseCount, type);
    Operand<T> stacked = tf.concat(List.of(x, noise), tf.constant(0));
    Operand<T> logOdds =
        tf.math.sub(
            tf.math.sub(tf.math.neg(context.model().energy(tf, stacked, context.parameters())), c),
            tf.math.add(q.logDensity(tf, stacked), tf.constant(type, Math.log(noiseRatio))));
    Operand<T> dataOdds = tf.slice(logOdds, tf.constant(new int[] {0}), batch);
    Operand<T> noiseOdds = tf.slice(logOdds, batch, tf.constant(new int[] {-1}));
    Operand<T> loss =
        tf.math.add(
            BatchOps.mean(tf, tf.math.softplus(tf.math.neg(dataOdds))),
            BatchOps.scale(tf, BatchOps.mean(tf, tf.math.softplus(noiseOdds)), noiseRatio));
    Operand<T> dataCorrect =
        BatchOps.mean(tf, tf.dtypes.cast(tf.math.greater(dataOdds, tf.constant(type, 0.0)), type));
    Operand<T> noiseCorrect =
        BatchOps.mean(tf, tf.dtypes.cast(tf.math.less(noiseOdds, tf.constant(type, 0.0)), type));
    Map<String, Operand<? extends TNumber>> diagnostics = new LinkedHashMap<>();
    diagnostics.put("log_z", c);
    diagnostics.put(
        "accuracy",
        BatchOps.scale(
            tf,
            tf.math.add(
                dataCorrect, tf.math.mul(noiseCorrect, tf.constant(type, (double) noiseRatio))),
            1.0 / (1 + noiseRatio)));
    return TrainingObjective.of(loss, diagnostics).withLogPartition(c);
  }
}
