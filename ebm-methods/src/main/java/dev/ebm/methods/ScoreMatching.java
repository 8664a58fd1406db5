package dev.ebm.methods;

import dev.ebm.core.autodiff.Gradients;
import dev.ebm.core.autodiff.HessianTrace;
import dev.ebm.core.autodiff.ProbeDistribution;
import dev.ebm.core.method.MethodRequirements;
import dev.ebm.core.method.TrainingContext;
import dev.ebm.core.method.TrainingMethod;
import dev.ebm.core.method.TrainingObjective;
import dev.ebm.core.random.RandomStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.family.TFloating;
import org.tensorflow.types.family.TNumber;

/**
 * Score matching (Hyvärinen 2005): minimises the Fisher divergence between the data and the model
 * score {@code s = −∇ₓE}, which integration by parts turns into
 *
 * <pre>
 *   J(θ) = E_data[ ½‖∇ₓE(x)‖² − tr ∇ₓ²E(x) ]
 * </pre>
 *
 * (the trace enters with a minus sign because {@code tr ∇ₓs = −tr ∇ₓ²E}). Three estimators of the
 * second-order term:
 *
 * <ul>
 *   <li>{@link Estimator#EXACT} ({@code esm}): the trace with one backward pass per input
 *       dimension;
 *   <li>{@link Estimator#SLICED} ({@code ssm}, Song et al. 2019): with probes {@code v}, {@code
 *       E_v[ ½(vᵀ∇ₓE)² − vᵀ ∇ₓ²E v ]}, one Hessian–vector product per probe;
 *   <li>{@link Estimator#SLICED_VARIANCE_REDUCED} ({@code ssm-vr}): the first term in closed form,
 *       {@code ½‖∇ₓE‖² − E_v[vᵀ ∇ₓ²E v]} (Hutchinson's trace estimator).
 * </ul>
 */
public final class ScoreMatching implements TrainingMethod {

  /** How the second-order term is computed. */
  public enum Estimator {
    EXACT("esm"),
    SLICED("ssm"),
    SLICED_VARIANCE_REDUCED("ssm-vr");

    private final String methodName;

    Estimator(String methodName) {
      this.methodName = methodName;
    }

    /** The method's name, e.g. {@code ssm-vr}. */
    public String methodName() {
      return methodName;
    }
  }

  private final Estimator estimator;
  private final ProbeDistribution probes;
  private final int probeCount;

  /**
   * Score matching with the given estimator; {@code probes} and {@code probeCount} (probes per
   * sample) apply to the sliced ones.
   */
  public ScoreMatching(Estimator estimator, ProbeDistribution probes, int probeCount) {
    if (probeCount < 1) {
      throw new IllegalArgumentException(
          estimator.methodName() + " needs at least one probe per sample, got " + probeCount);
    }
    this.estimator = estimator;
    this.probes = probes;
    this.probeCount = probeCount;
  }

  /** Exact score matching. */
  public static ScoreMatching exact() {
    return new ScoreMatching(Estimator.EXACT, ProbeDistribution.RADEMACHER, 1);
  }

  @Override
  public String name() {
    return estimator.methodName();
  }

  @Override
  public MethodRequirements requirements() {
    return new MethodRequirements(true, false);
  }

  @Override
  public Map<String, Object> configuration() {
    Map<String, Object> c = new LinkedHashMap<>();
    c.put("method", name());
    if (estimator != Estimator.EXACT) {
      c.put("probes", probeCount);
      c.put("distribution", probes.name().toLowerCase(java.util.Locale.ROOT));
    }
    return c;
  }

  @Override
  public <T extends TFloating> TrainingObjective<T> build(TrainingContext<T> context) {
    Ops tf = context.tf();
    Operand<T> x = context.data();
    Operand<T> gradient =
        Gradients.gradient(context.model().energy(tf, x, context.parameters()), x);
    Operand<T> halfSquaredNorm = BatchOps.scale(tf, BatchOps.squaredNorm(tf, gradient), 0.5);
    Operand<T> perSample;
    Operand<T> trace;
    if (estimator == Estimator.EXACT) {
      trace = HessianTrace.exact(tf, gradient, x);
      perSample = tf.math.sub(halfSquaredNorm, trace);
    } else {
      RandomStream stream = context.random().child(tf, "probes");
      List<Operand<T>> vs = new ArrayList<>();
      for (int j = 0; j < probeCount; j++) {
        vs.add(
            probes.sample(
                tf, stream.child(tf, "probe" + j), BatchOps.shapeOf(tf, x), context.type()));
      }
      trace = HessianTrace.hutchinson(tf, gradient, x, vs);
      Operand<T> firstTerm = halfSquaredNorm;
      if (estimator == Estimator.SLICED) {
        List<Operand<T>> projected = new ArrayList<>();
        for (Operand<T> v : vs) {
          projected.add(tf.math.square(BatchOps.dot(tf, v, gradient)));
        }
        Operand<T> sum = projected.size() == 1 ? projected.get(0) : tf.math.addN(projected);
        firstTerm = BatchOps.scale(tf, sum, 0.5 / probeCount);
      }
      perSample = tf.math.sub(firstTerm, trace);
    }
    Map<String, Operand<? extends TNumber>> diagnostics = new LinkedHashMap<>();
    diagnostics.put(
        "score_norm", BatchOps.mean(tf, tf.math.sqrt(BatchOps.squaredNorm(tf, gradient))));
    diagnostics.put("half_squared_score", BatchOps.mean(tf, halfSquaredNorm));
    diagnostics.put(
        estimator == Estimator.EXACT ? "hessian_trace" : "hessian_trace_estimate",
        BatchOps.mean(tf, trace));
    return TrainingObjective.of(BatchOps.mean(tf, perSample), diagnostics);
  }
}
