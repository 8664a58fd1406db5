package dev.ebm.core.sampling;

import dev.ebm.core.graph.Parameters;
import dev.ebm.core.model.EnergyModel;
import dev.ebm.core.random.RandomStream;
import java.util.Map;
import java.util.Optional;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.family.TFloating;

/**
 * A Markov chain on the graph that draws approximate samples of {@code p(x) ∝ exp(−E(x))}: from
 * states {@code x0} ({@code [B] + sampleShape}) to states after the whole chain, built so that one
 * {@code Session.run} runs all of it. The extension point for samplers: implementations are created
 * by name through {@link SamplerProvider} (Langevin and annealed Langevin ship with the core), and
 * maximum-likelihood training takes its negative-phase chains through it.
 */
public interface Sampler {

  /**
   * The chain's final states. The parameters are used as given (samplers run on detached parameters
   * during training); the noise comes from {@code stream}.
   *
   * @throws IllegalArgumentException if the sampler cannot sample this model (e.g. annealed
   *     Langevin on an energy that takes no noise level)
   */
  <T extends TFloating> Operand<T> sample(
      Ops tf, EnergyModel model, Parameters<T> parameters, Operand<T> x0, RandomStream stream);

  /**
   * The chain's final states with its scalar diagnostics (e.g. a Metropolis sampler's {@code
   * acceptance_rate}) and, when {@code traceLength > 0} and the sampler supports it, its states at
   * {@code traceLength} evenly spaced steps after warm-up. By default: no diagnostics, no trace.
   */
  default <T extends TFloating> Chains<T> sampleWithDiagnostics(
      Ops tf,
      EnergyModel model,
      Parameters<T> parameters,
      Operand<T> x0,
      RandomStream stream,
      int traceLength) {
    return new Chains<>(sample(tf, model, parameters, x0, stream), Map.of(), Optional.empty());
  }

  /**
   * Chains' final states and their diagnostics.
   *
   * @param states {@code [B] + sampleShape}
   * @param diagnostics scalars by name
   * @param trace states over time, {@code [R, B] + sampleShape}, where recorded
   */
  record Chains<T extends TFloating>(
      Operand<T> states, Map<String, Operand<T>> diagnostics, Optional<Operand<T>> trace) {}

  /** The chain written out, for provenance. */
  String describe();
}
