package dev.ebm.methods;

import dev.ebm.core.method.MethodRequirements;
import dev.ebm.core.method.TrainingContext;
import dev.ebm.core.method.TrainingMethod;
import dev.ebm.core.method.TrainingObjective;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.family.TFloating;

/**
 * Maximum likelihood with Langevin MCMC: {@code ∇θ log p_θ(x) = −∇θE(x) + E_{p_θ}[∇θE]}, with the
 * model expectation taken over K Langevin steps {@code x ← x − (ε²/2)∇ₓE + τεz} from the starts of
 * {@link LangevinChains} (CD-k, persistent, replay buffer or short-run from noise), minimising the
 * {@link ContrastiveLoss}. The chains run on detached parameters inside the same {@code
 * Session.run} as the update; finished chains go back to the buffer, if any.
 */
public final class MaximumLikelihood implements TrainingMethod {

  private final ChainSettings chains;
  private final double alpha;

  /** ML with the given chains and energy regulariser {@code alpha} (0 for none). */
  public MaximumLikelihood(ChainSettings chains, double alpha) {
    if (!(alpha >= 0)) {
      throw new IllegalArgumentException("the energy regulariser alpha must be >= 0, got " + alpha);
    }
    this.chains = chains;
    this.alpha = alpha;
  }

  @Override
  public String name() {
    return "ml";
  }

  /** The chains, as configured (with any data-fitted settings still to resolve). */
  public ChainSettings chains() {
    return chains;
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
    return c;
  }

  @Override
  public <T extends TFloating> TrainingObjective<T> build(TrainingContext<T> context) {
    Ops tf = context.tf();
    LangevinChains fitted = chains.fittedTo(context.statistics());
    LangevinChains.Starts<T> starts = fitted.start(context, name());
    Operand<T> samples = fitted.run(context, starts.states());
    ContrastiveLoss.Parts<T> parts = ContrastiveLoss.build(context, samples, alpha);
    return new TrainingObjective<>(
        parts.loss(),
        parts.diagnostics(),
        starts.writeBack(tf, samples),
        Optional.of(samples),
        Optional.empty());
  }
}
