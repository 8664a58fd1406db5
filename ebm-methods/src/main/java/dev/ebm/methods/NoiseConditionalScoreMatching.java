package dev.ebm.methods;

import dev.ebm.core.data.DataStatistics;
import dev.ebm.core.method.MethodRequirements;
import dev.ebm.core.method.TrainingContext;
import dev.ebm.core.method.TrainingMethod;
import dev.ebm.core.method.TrainingObjective;
import dev.ebm.core.sampling.AnnealedLangevinSampler;
import dev.ebm.core.sampling.NoiseSchedule;
import dev.ebm.core.sampling.Sampler;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TInt64;
import org.tensorflow.types.family.TFloating;
import org.tensorflow.types.family.TNumber;

/**
 * Noise-conditional score networks (Song &amp; Ermon 2019): denoising score matching at every level
 * of a geometric schedule {@code σ₁ > … > σ_L} at once, each sample at a level drawn uniformly,
 * weighted by {@code λ(σ) = σ²} so that every level contributes on the same scale:
 *
 * <pre>
 *   L(θ) = E_i E_{x, ε}[ ½ ‖σᵢ s(x + σᵢε, σᵢ) + ε‖² ]
 * </pre>
 *
 * Diagnostics: the loss at each level ({@code loss_sigma_<i>}, averaged over the samples that drew
 * level i in this batch; 0 when none did). {@link #sampler} gives the annealed Langevin sampler for
 * the trained model; the schedule's ends and the sampler's step may be left to fit the data ({@link
 * AnnealingSettings}).
 */
public final class NoiseConditionalScoreMatching implements TrainingMethod {

  /**
   * The batch a training that sets none uses: 512, four times the other methods', because each
   * sample trains one level and the density is read at the smallest. On the defaults-check's
   * curved, uneven and shifted mixtures (10 000 steps, the fitted two levels) batch 128 gave grid
   * KL 0.059 / 0.027 / 0.063 at {@code σ_L = 0.07·s} (0.076 / 0.025 / 0.077 at {@code 0.1·s}),
   * batch 512 0.032 / 0.036 / 0.033 (0.049 / 0.018 / 0.055 at {@code 0.1·s}, 0.039 / 0.064 / 0.034
   * at {@code 0.05·s}).
   */
  public static final int BATCH = 512;

  private final AnnealingSettings settings;

  /** NCSN with {@code settings}, whose unset parts fit the training data. */
  public NoiseConditionalScoreMatching(AnnealingSettings settings) {
    this.settings = settings;
  }

  /**
   * NCSN over {@code schedule} with the paper's sampling settings: T = 100 steps per level, ε =
   * 2e-5, {@code x += α s + √(2α) z} with {@code αᵢ = ε σᵢ²/σ_L²}, no clamping.
   */
  public static NoiseConditionalScoreMatching withPaperSampling(NoiseSchedule schedule) {
    return new NoiseConditionalScoreMatching(
        AnnealingSettings.given(
            new AnnealedLangevinSampler(
                schedule,
                100,
                2e-5,
                AnnealedLangevinSampler.Convention.NCSN_IMAGE,
                false,
                Optional.empty())));
  }

  /** The noise levels it trains on for {@code data}. */
  public NoiseSchedule schedule(DataStatistics data) {
    return settings.schedule(data);
  }

  /** The annealed Langevin sampler that draws from the model trained on {@code data}. */
  public AnnealedLangevinSampler sampler(DataStatistics data) {
    return settings.sampler(data);
  }

  @Override
  public Optional<Sampler> defaultSampler(DataStatistics data) {
    return Optional.of(sampler(data));
  }

  /** {@code sigma}: the smallest noise level, at which the unconditioned energy is read. */
  @Override
  public Map<String, String> impliedModelOptions(DataStatistics data) {
    return Map.of("sigma", String.valueOf(schedule(data).smallest()));
  }

  @Override
  public String name() {
    return "ncsn";
  }

  @Override
  public int defaultBatch() {
    return BATCH;
  }

  @Override
  public MethodRequirements requirements() {
    return new MethodRequirements(false, true);
  }

  @Override
  public Map<String, Object> configuration() {
    Map<String, Object> c = new LinkedHashMap<>();
    c.put("method", name());
    c.putAll(settings.describe());
    return c;
  }

  @Override
  public <T extends TFloating> TrainingObjective<T> build(TrainingContext<T> context) {
    Ops tf = context.tf();
    Class<T> type = context.type();
    NoiseSchedule schedule = schedule(context.statistics());
    Operand<T> x = context.data();
    Operand<TInt64> batch =
        tf.slice(BatchOps.shapeOf(tf, x), tf.constant(new int[] {0}), tf.constant(new int[] {1}));
    Operand<TInt64> levels =
        context.random().child(tf, "levels").integers(tf, batch, schedule.levels());
    Operand<T> sigmas =
        tf.dtypes.cast(tf.gather(tf.constant(schedule.sigmas()), levels, tf.constant(0)), type);
    Operand<T> noise =
        context.random().child(tf, "noise").normal(tf, BatchOps.shapeOf(tf, x), type);
    Operand<T> perSample =
        DenoisingLoss.perSample(tf, context.model(), context.parameters(), x, noise, sigmas);
    Map<String, Operand<? extends TNumber>> diagnostics = new LinkedHashMap<>();
    Operand<T> oneHot =
        tf.oneHot(
            levels, tf.constant(schedule.levels()), tf.constant(type, 1.0), tf.constant(type, 0.0));
    Operand<T> counts = tf.reduceSum(oneHot, tf.constant(0));
    Operand<T> sums =
        tf.reduceSum(tf.math.mul(oneHot, tf.expandDims(perSample, tf.constant(1))), tf.constant(0));
    Operand<T> perLevel = tf.math.divNoNan(sums, counts);
    for (int i = 0; i < schedule.levels(); i++) {
      diagnostics.put("loss_sigma_" + i, tf.gather(perLevel, tf.constant(i), tf.constant(0)));
    }
    return TrainingObjective.of(BatchOps.mean(tf, perSample), diagnostics);
  }
}
