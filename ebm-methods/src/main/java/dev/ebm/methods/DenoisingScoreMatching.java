package dev.ebm.methods;

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
 * Denoising score matching at one noise level σ (Vincent 2011): the model's score at {@code x̃ = x
 * + σε} is regressed on the perturbation kernel's score {@code −ε/σ},
 *
 * <pre>
 *   L(θ) = E_{x, ε}[ ½ ‖∇ₓE(x̃) − ε/σ‖² ]
 * </pre>
 *
 * Its minimiser is the score of the data convolved with {@code N(0, σ²I)}, not of the data itself:
 * for Gaussian data {@code N(μ, Σ)} it is the Gaussian with precision {@code (Σ + σ²I)⁻¹}. The loss
 * never reaches 0: its floor is the variance of {@code ε/σ} given {@code x̃}.
 */
public final class DenoisingScoreMatching implements TrainingMethod {

  private final double sigma;

  /** DSM at noise level {@code sigma}. */
  public DenoisingScoreMatching(double sigma) {
    if (!(sigma > 0)) {
      throw new IllegalArgumentException("dsm needs a positive noise level sigma, got " + sigma);
    }
    this.sigma = sigma;
  }

  @Override
  public String name() {
    return "dsm";
  }

  @Override
  public MethodRequirements requirements() {
    return MethodRequirements.firstOrder();
  }

  @Override
  public Map<String, Object> configuration() {
    return Map.of("method", name(), "sigma", sigma);
  }

  @Override
  public <T extends TFloating> TrainingObjective<T> build(TrainingContext<T> context) {
    Ops tf = context.tf();
    Operand<T> x = context.data();
    Operand<T> noise =
        context.random().child(tf, "noise").normal(tf, BatchOps.shapeOf(tf, x), context.type());
    Operand<T> sigmas =
        tf.fill(
            tf.slice(tf.shape(x), tf.constant(new int[] {0}), tf.constant(new int[] {1})),
            tf.constant(context.type(), sigma));
    Operand<T> weighted =
        DenoisingLoss.perSample(tf, context.model(), context.parameters(), x, noise, sigmas);
    Operand<T> loss = BatchOps.scale(tf, BatchOps.mean(tf, weighted), 1 / (sigma * sigma));
    Map<String, Operand<? extends TNumber>> diagnostics = new LinkedHashMap<>();
    diagnostics.put("loss_sigma2_weighted", BatchOps.mean(tf, weighted));
    return TrainingObjective.of(loss, diagnostics);
  }
}
