package dev.ebm.core.sampling;

import dev.ebm.core.graph.Parameters;
import dev.ebm.core.model.EnergyModel;
import dev.ebm.core.random.RandomStream;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.family.TFloating;

/**
 * K steps of Langevin dynamics on {@code p ∝ exp(−E)}, in our convention {@code x ← x −
 * (ε²/2)∇ₓE(x) + τ·ε·z} (see {@link LangevinStep} for the papers' parametrisations), optionally
 * with each gradient clipped to {@code [−c, c]} elementwise and each state clamped to a box. The
 * whole chain is one while loop: one {@code Session.run} runs all K steps.
 *
 * @param steps the number of steps K
 * @param step the step size and noise scale
 * @param gradientClip the elementwise gradient clip c, if any
 * @param clamp the box states are clipped to after each step, if any
 */
public record LangevinSampler(
    int steps, LangevinStep step, OptionalDouble gradientClip, Optional<ClampRange> clamp)
    implements Sampler {

  public LangevinSampler {
    if (steps < 1) {
      throw new IllegalArgumentException("a Langevin chain needs at least one step, got " + steps);
    }
    ChainLength.requireReasonable("a Langevin chain", steps);
    if (step == null || gradientClip == null || clamp == null) {
      throw new IllegalArgumentException("step, gradientClip and clamp must not be null");
    }
    if (gradientClip.isPresent() && !(gradientClip.getAsDouble() > 0)) {
      throw new IllegalArgumentException(
          "gradient clip must be positive, got " + gradientClip.getAsDouble());
    }
  }

  /** K steps with no clipping or clamping. */
  public static LangevinSampler of(int steps, LangevinStep step) {
    return new LangevinSampler(steps, step, OptionalDouble.empty(), Optional.empty());
  }

  /** This sampler with gradients clipped to {@code [−c, c]}. */
  public LangevinSampler withGradientClip(double c) {
    return new LangevinSampler(steps, step, OptionalDouble.of(c), clamp);
  }

  /** This sampler with states clamped to {@code [low, high]}. */
  public LangevinSampler withClamp(double low, double high) {
    return new LangevinSampler(steps, step, gradientClip, Optional.of(new ClampRange(low, high)));
  }

  /** This sampler with another number of steps. */
  public LangevinSampler withSteps(int newSteps) {
    return new LangevinSampler(newSteps, step, gradientClip, clamp);
  }

  /**
   * Builds the chain from {@code x0}; returns the state after K steps. The noise comes from {@code
   * stream} (step i uses {@code stream.atIteration(i)}).
   */
  @Override
  public <T extends TFloating> Operand<T> sample(
      Ops tf, EnergyModel model, Parameters<T> parameters, Operand<T> x0, RandomStream stream) {
    return sampleWithDiagnostics(tf, model, parameters, x0, stream, 0).states();
  }

  /** The chain, with its states recorded over its second half when {@code traceLength > 0}. */
  @Override
  public <T extends TFloating> Chains<T> sampleWithDiagnostics(
      Ops tf,
      EnergyModel model,
      Parameters<T> parameters,
      Operand<T> x0,
      RandomStream stream,
      int traceLength) {
    LangevinLoop.Levels levels =
        new LangevinLoop.Levels(
            new double[] {step.drift()}, new double[] {step.noiseStd()}, Optional.empty(), steps);
    Optional<ChainTrace> trace =
        traceLength > 0
            ? Optional.of(new ChainTrace(traceLength, steps / 2, steps))
            : Optional.empty();
    List<Operand<T>> out =
        LangevinLoop.traced(
            tf.withSubScope("langevin_sampler"),
            model,
            parameters,
            x0,
            stream,
            levels,
            gradientClip,
            clamp,
            trace);
    return new Chains<>(
        out.get(0), Map.of(), trace.isPresent() ? Optional.of(out.get(1)) : Optional.empty());
  }

  /** For provenance. */
  @Override
  public String describe() {
    return steps
        + " steps of "
        + step.describe()
        + gradientClip.stream().mapToObj(c -> ", gradient clipped to ±" + c).findFirst().orElse("")
        + clamp.map(r -> ", clamped to [" + r.low() + ", " + r.high() + "]").orElse("");
  }
}
