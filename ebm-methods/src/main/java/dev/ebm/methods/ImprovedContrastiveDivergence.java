package dev.ebm.methods;

import dev.ebm.core.autodiff.Gradients;
import dev.ebm.core.method.MethodRequirements;
import dev.ebm.core.method.TrainingContext;
import dev.ebm.core.method.TrainingMethod;
import dev.ebm.core.method.TrainingObjective;
import dev.ebm.core.sampling.LangevinSampler;
import dev.ebm.core.sampling.LangevinStep;
import dev.ebm.core.sampling.LangevinUpdate;
import dev.ebm.core.sampling.ReplayBuffer;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TBool;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.TInt64;
import org.tensorflow.types.family.TFloating;
import org.tensorflow.types.family.TNumber;

/**
 * Improved contrastive divergence (Du, Li, Tenenbaum &amp; Mordatch 2020): {@link
 * MaximumLikelihood} plus the gradient of the KL divergence between the sampler's distribution
 * {@code q_θ} and the model, which standard CD drops. The first K−1 Langevin steps run on detached
 * parameters; the last step is built with the live ones,
 *
 * <pre>
 *   x_K = x_{K−1} − (ε²/2) ∇ₓE_θ(x_{K−1}) + τ ε z
 * </pre>
 *
 * so that {@code x_K} depends on θ, and the KL divergence's two parts are
 *
 * <pre>
 *   L = L_ML(stop(x_K)) + w_KL · mean E_{stop(θ)}(x_K) − w_ent · mean log ‖x_K − NN_buffer(x_K)‖
 * </pre>
 *
 * whose gradients flow through {@code x_K} only (the energy's own parameters are stopped). The last
 * term is the nearest-neighbour estimate of {@code q_θ}'s entropy against {@code m} samples of the
 * replay buffer, each chain's own entry (its start) excluded; it acts only once the buffer has
 * received more than {@code n_after} chains ({@code t·B > n_after} at step t with batch B), as in
 * Du et al.'s code, where the buffer grows from empty — here it starts full of noise, which a
 * nearest-neighbour distance would otherwise measure against. The two weights are independent so
 * that either part can be ablated (Du et al.'s ablations; their code weights the entropy 0.3).
 * Chain starts pass through the {@link ChainTransition} (the paper's data augmentation).
 */
public final class ImprovedContrastiveDivergence implements TrainingMethod {

  private static final double DISTANCE_FLOOR = 1e-10;

  /** Added to the squared distance to a chain's own buffer entry, which is never its neighbour. */
  private static final double EXCLUDED = 1e30;

  private final ChainSettings chains;
  private final double alpha;
  private final double klWeight;
  private final double entropyWeight;
  private final int entropyReferences;
  private final long entropyAfter;

  /**
   * Improved CD with chains drawing from a replay buffer, the KL term's energy part weighted by
   * {@code klWeight}, its entropy part by {@code entropyWeight}, estimated against {@code
   * entropyReferences} buffer entries once the buffer has received more than {@code entropyAfter}
   * chains.
   */
  public ImprovedContrastiveDivergence(
      ChainSettings chains,
      double alpha,
      double klWeight,
      double entropyWeight,
      int entropyReferences,
      long entropyAfter) {
    if (chains.chains().source() != ChainSource.REPLAY
        && chains.chains().source() != ChainSource.PERSISTENT) {
      throw new IllegalArgumentException(
          "improved-cd estimates the sampler's entropy against a buffer of past samples: use chains=replay or chains=persistent, not "
              + chains.chains().source().name().toLowerCase(java.util.Locale.ROOT));
    }
    if (!(chains.chains().sampler() instanceof LangevinSampler)) {
      throw new IllegalArgumentException(
          "improved-cd differentiates through the last Langevin step: use sampler=langevin, not "
              + chains.chains().sampler().describe());
    }
    if (!(klWeight >= 0) || !(entropyWeight >= 0) || !(alpha >= 0)) {
      throw new IllegalArgumentException(
          "improved-cd needs non-negative alpha, kl_weight and entropy_weight");
    }
    if (entropyReferences < 1) {
      throw new IllegalArgumentException(
          "improved-cd needs at least one entropy reference, got " + entropyReferences);
    }
    this.chains = chains;
    this.alpha = alpha;
    this.klWeight = klWeight;
    this.entropyWeight = entropyWeight;
    if (entropyAfter < 0) {
      throw new IllegalArgumentException(
          "improved-cd's entropy_after is a number of chains (0: from the first step), got "
              + entropyAfter);
    }
    this.entropyReferences = entropyReferences;
    this.entropyAfter = entropyAfter;
  }

  @Override
  public String name() {
    return "improved-cd";
  }

  @Override
  public MethodRequirements requirements() {
    return MethodRequirements.firstOrder();
  }

  @Override
  public Map<String, Object> configuration() {
    Map<String, Object> c = new LinkedHashMap<>();
    c.put("method", name());
    c.putAll(chains.describe());
    c.put("alpha", alpha);
    c.put("kl_weight", klWeight);
    c.put("entropy_weight", entropyWeight);
    c.put("entropy_references", entropyReferences);
    c.put("entropy_after", entropyAfter);
    return c;
  }

  @Override
  public <T extends TFloating> TrainingObjective<T> build(TrainingContext<T> context) {
    Ops tf = context.tf();
    Class<T> type = context.type();
    LangevinChains fitted = chains.fittedTo(context.statistics());
    LangevinChains.Starts<T> starts = fitted.start(context, name());
    LangevinSampler langevin = (LangevinSampler) fitted.sampler();
    int steps = langevin.steps();
    Operand<T> beforeLast =
        steps > 1
            ? fitted.run(context, starts.states(), langevin.withSteps(steps - 1))
            : tf.stopGradient(starts.states());
    Operand<T> last = lastStep(context, langevin, beforeLast);
    Operand<T> samples = tf.stopGradient(last);
    ContrastiveLoss.Parts<T> ml = ContrastiveLoss.build(context, samples, alpha);
    Operand<T> klEnergy =
        BatchOps.mean(tf, context.model().energy(tf, last, context.samplingParameters()));
    ReplayBuffer<T> buffer = starts.buffer().orElseThrow();
    int references = Math.min(entropyReferences, buffer.capacity());
    ReplayBuffer.Draw<T> reference =
        buffer.sample(tf, references, context.random().child(tf, "entropy_references"));
    long sampleSize = context.model().sampleShape().size();
    Operand<T> entropy =
        nearestNeighbourLogDistance(
            tf, last, starts.draw().orElseThrow().indices(), reference, sampleSize);
    Operand<T> kl =
        tf.math.sub(
            BatchOps.scale(tf, klEnergy, klWeight),
            tf.math.mul(BatchOps.scale(tf, entropy, entropyWeight), entropyActive(context)));
    Operand<T> loss = tf.math.add(ml.loss(), kl);
    Map<String, Operand<? extends TNumber>> diagnostics = new LinkedHashMap<>(ml.diagnostics());
    diagnostics.put("kl_energy", klEnergy);
    diagnostics.put("nn_log_distance", entropy);
    return new TrainingObjective<>(
        loss, diagnostics, starts.writeBack(tf, samples), Optional.of(samples), Optional.empty());
  }

  /** 1 once the buffer has received more than {@code entropyAfter} chains ({@code t·B}), else 0. */
  private <T extends TFloating> Operand<T> entropyActive(TrainingContext<T> context) {
    Ops tf = context.tf();
    Operand<TInt64> received = tf.math.mul(context.step(), tf.constant((long) context.batchSize()));
    return tf.dtypes.cast(tf.math.greater(received, tf.constant(entropyAfter)), context.type());
  }

  /** One Langevin step with the live parameters, so that its result depends on θ. */
  private <T extends TFloating> Operand<T> lastStep(
      TrainingContext<T> context, LangevinSampler sampler, Operand<T> x) {
    Ops tf = context.tf();
    Class<T> type = x.type();
    LangevinStep step = sampler.step();
    Operand<T> gradient =
        Gradients.gradient(context.model().energy(tf, x, context.parameters()), x);
    Operand<T> noise =
        context.random().child(tf, "last_step").normal(tf, BatchOps.shapeOf(tf, x), type);
    return LangevinUpdate.next(
        tf,
        x,
        gradient,
        tf.constant(type, step.drift()),
        tf.constant(type, step.noiseStd()),
        noise,
        sampler.gradientClip(),
        sampler.clamp());
  }

  /**
   * {@code mean_i log min_j ‖xᵢ − rⱼ‖} over the references {@code rⱼ} other than chain i's own
   * buffer entry (where its start came from: with persistent chains every start is among the
   * references, and the nearest one would reward a chain for leaving its own start rather than for
   * spreading out), differentiable in {@code x}.
   */
  private static <T extends TFloating> Operand<T> nearestNeighbourLogDistance(
      Ops tf,
      Operand<T> x,
      Operand<TInt32> ownEntries,
      ReplayBuffer.Draw<T> reference,
      long sampleSize) {
    Operand<T> flatX = tf.reshape(x, tf.constant(new long[] {-1, sampleSize}));
    Operand<T> flatR = tf.reshape(reference.entries(), tf.constant(new long[] {-1, sampleSize}));
    Operand<T> xx =
        tf.reduceSum(
            tf.math.square(flatX), tf.constant(1), org.tensorflow.op.core.ReduceSum.keepDims(true));
    Operand<T> rr = tf.reduceSum(tf.math.square(flatR), tf.constant(1));
    Operand<T> cross =
        tf.linalg.matMul(flatX, flatR, org.tensorflow.op.linalg.MatMul.transposeB(true));
    Operand<T> squared =
        tf.math.maximum(
            tf.math.add(tf.math.sub(xx, BatchOps.scale(tf, cross, 2)), rr),
            tf.constant(x.type(), DISTANCE_FLOOR));
    Operand<TBool> own =
        tf.math.equal(
            tf.expandDims(ownEntries, tf.constant(1)),
            tf.expandDims(reference.indices(), tf.constant(0)));
    Operand<T> others =
        tf.math.add(
            squared, tf.math.mul(tf.dtypes.cast(own, x.type()), tf.constant(x.type(), EXCLUDED)));
    Operand<T> nearest = tf.min(others, tf.constant(1));
    return BatchOps.scale(tf, BatchOps.mean(tf, tf.math.log(nearest)), 0.5);
  }
}
