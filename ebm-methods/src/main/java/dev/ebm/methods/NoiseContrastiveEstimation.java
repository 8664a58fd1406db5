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
import java.util.OptionalDouble;
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
 * the training data, its standard deviation widened by {@code noise_scale}, or ({@code
 * kernelBandwidth} present) a {@link KernelMixtureNoise} of that Gaussian and kernels of bandwidth
 * {@code s = kernelBandwidth × the data's RMS standard deviation} on the first half of each batch,
 * the other half being the data it is contrasted with. Data and noise go through the model in one
 * stacked forward pass. Diagnostics: {@code log_z} (= c) and the classification accuracy.
 */
public final class NoiseContrastiveEstimation implements TrainingMethod {

  /** The name of the learned {@code log Z} among the method's variables. */
  public static final String LOG_Z = "c";

  private final int noiseRatio;
  private final double noiseScale;
  private final OptionalDouble kernelBandwidth;

  /** NCE with {@code ν = noiseRatio} noise samples per data point and Gaussian noise. */
  public NoiseContrastiveEstimation(int noiseRatio, double noiseScale) {
    this(noiseRatio, noiseScale, OptionalDouble.empty());
  }

  /**
   * NCE with {@code ν = noiseRatio} noise samples per data point, its noise Gaussian or (with
   * {@code kernelBandwidth}) a Gaussian-and-kernels mixture on half of each batch.
   */
  public NoiseContrastiveEstimation(
      int noiseRatio, double noiseScale, OptionalDouble kernelBandwidth) {
    if (noiseRatio < 1) {
      throw new IllegalArgumentException(
          "nce needs a noise ratio nu of at least 1, got " + noiseRatio);
    }
    if (!(noiseScale > 0)) {
      throw new IllegalArgumentException("nce needs a positive noise_scale, got " + noiseScale);
    }
    if (kernelBandwidth.isPresent()
        && (!(kernelBandwidth.getAsDouble() > 0)
            || Double.isInfinite(kernelBandwidth.getAsDouble()))) {
      throw new IllegalArgumentException(
          "nce needs a positive bandwidth, got " + kernelBandwidth.getAsDouble());
    }
    this.noiseRatio = noiseRatio;
    this.noiseScale = noiseScale;
    this.kernelBandwidth = kernelBandwidth;
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
        "Gaussian fitted to the data, std x "
            + noiseScale
            + kernelBandwidth.stream()
                .mapToObj(
                    s ->
                        ", half of it kernels of bandwidth "
                            + s
                            + " x the data's RMS std on half of each batch")
                .findFirst()
                .orElse(""));
  }

  @Override
  public <T extends TFloating> TrainingObjective<T> build(TrainingContext<T> context) {
    Ops tf = context.tf();
    Class<T> type = context.type();
    VariableSet<T> logZ =
        context.createVariables(
            "log_z", List.of(ParameterSpec.trainable(LOG_Z, Shape.scalar(), Initializer.zeros())));
    Operand<T> c = logZ.read().get(LOG_Z);
    Shape sampleShape = context.model().sampleShape();
    NoiseDistribution<T> gaussian =
        new GaussianNoise(context.statistics(), sampleShape, noiseScale).as(type);
    Operand<T> x = context.data();
    NoiseDistribution<T> q = gaussian;
    if (kernelBandwidth.isPresent()) {
      if (context.batchSize() < 2) {
        throw new IllegalArgumentException(
            "nce with kernel noise uses half of each batch as the kernels' centres and needs a"
                + " batch of at least 2, got "
                + context.batchSize());
      }
      Operand<TInt32> rows = tf.gather(tf.shape(context.data()), tf.constant(0), tf.constant(0));
      Operand<TInt32> half = tf.math.floorDiv(rows, tf.constant(2));
      Operand<T> centres =
          tf.gather(context.data(), tf.range(tf.constant(0), half, tf.constant(1)), tf.constant(0));
      x = tf.gather(context.data(), tf.range(half, rows, tf.constant(1)), tf.constant(0));
      double bandwidth =
          kernelBandwidth.getAsDouble() * context.statistics().rmsStandardDeviation();
      q = new KernelMixtureNoise<>(tf, gaussian, centres, bandwidth, sampleShape);
    }
    Operand<TInt32> batch =
        tf.slice(tf.shape(x), tf.constant(new int[] {0}), tf.constant(new int[] {1}));
    Operand<TInt64> noiseCount =
        tf.math.mul(tf.dtypes.cast(batch, TInt64.class), tf.constant(new long[] {noiseRatio}));
    Operand<T> noise = q.sample(tf, context.random().child(tf, "noise"), noiseCount);
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
