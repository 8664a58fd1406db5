package dev.ebm.methods;

import dev.ebm.core.data.DataStatistics;
import dev.ebm.core.method.MethodRequirements;
import dev.ebm.core.method.TrainingContext;
import dev.ebm.core.method.TrainingMethod;
import dev.ebm.core.method.TrainingObjective;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalDouble;
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
 *
 * <p>Left to fit the data, {@code σ = 0.05·s} with {@code s} the data's root-mean-square standard
 * deviation ({@link DataStatistics#rmsStandardDeviation()}): the smoothing it adds then keeps its
 * proportion to the data's scale (0.1 for the toy densities of scale 2).
 */
public final class DenoisingScoreMatching implements TrainingMethod {

  /** σ per unit of the data's RMS standard deviation, when σ is fitted to the data. */
  public static final double SIGMA_PER_DATA_STD = 0.05;

  /**
   * Adam's default rate for DSM, 3e-3 rather than 1e-3: at σ = 0.05·s the regression target ε/σ is
   * noisy, and at 1e-3 the fit was still improving at the default 10 000 steps. Measured on {@code
   * defaults-check}'s densities (grid KL after 10 000 steps, 1e-3 → 3e-3): curved 0.079 → 0.046,
   * shifted (standardised) 0.064 → 0.039, uneven 0.012 → 0.028; a cosine decay to 0 made it worse
   * at either rate (1e-3: 0.139, 0.258, 0.013).
   */
  public static final double LEARNING_RATE = 3e-3;

  private final OptionalDouble sigma;

  private DenoisingScoreMatching(OptionalDouble sigma) {
    this.sigma = sigma;
  }

  /** DSM at noise level {@code sigma}. */
  public DenoisingScoreMatching(double sigma) {
    this(OptionalDouble.of(requirePositive(sigma)));
  }

  /** DSM with σ fitted to the training data's scale when the graph is built. */
  public static DenoisingScoreMatching fittedToData() {
    return new DenoisingScoreMatching(OptionalDouble.empty());
  }

  /** The noise level used for {@code data}: the given σ, or the fitted one. */
  public double sigma(DataStatistics data) {
    return sigma.orElse(SIGMA_PER_DATA_STD * data.rmsStandardDeviation());
  }

  private static double requirePositive(double sigma) {
    if (!(sigma > 0)) {
      throw new IllegalArgumentException("dsm needs a positive noise level sigma, got " + sigma);
    }
    return sigma;
  }

  @Override
  public String name() {
    return "dsm";
  }

  @Override
  public double defaultLearningRate() {
    return LEARNING_RATE;
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
        "sigma",
        sigma.isPresent()
            ? (Object) sigma.getAsDouble()
            : SIGMA_PER_DATA_STD + " x the data's RMS standard deviation");
  }

  @Override
  public <T extends TFloating> TrainingObjective<T> build(TrainingContext<T> context) {
    Ops tf = context.tf();
    double sigma = sigma(context.statistics());
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
