package dev.ebm.core.sampling;

import dev.ebm.core.random.RandomStream;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.family.TFloating;

/**
 * One Metropolis–Hastings transition that leaves {@code π(x) ∝ exp(−U(x))} invariant, for any
 * target energy {@code U} given with its gradient: a proposal from the gradient (MALA, HMC) and the
 * accept/reject step. {@link MetropolisSampler} chains it on a model's energy; {@link
 * AnnealedImportanceSampling} on the energies of an annealing path.
 */
public interface MetropolisKernel {

  /**
   * A batch of chain states with their energies and energy gradients, carried between transitions
   * so that no state's energy is computed twice.
   *
   * @param x the states, {@code [B] + sampleShape}
   * @param energy {@code U(x)}, {@code [B]}
   * @param gradient {@code ∇ₓU(x)}, shaped like {@code x}
   */
  record State<T extends TFloating>(Operand<T> x, Operand<T> energy, Operand<T> gradient) {}

  /**
   * A transition's outcome.
   *
   * @param next the states after accept/reject
   * @param acceptance each chain's acceptance probability {@code min(1, α)}, {@code [B]}
   */
  record Transition<T extends TFloating>(State<T> next, Operand<T> acceptance) {}

  /** The target energy {@code U} and its gradient at a batch of states. */
  @FunctionalInterface
  interface Target<T extends TFloating> {
    State<T> at(Ops tf, Operand<T> x);
  }

  /**
   * One transition from {@code current} with step size {@code epsilon} (a scalar), drawing its
   * proposal and its uniform from {@code stream}.
   */
  <T extends TFloating> Transition<T> step(
      Ops tf, State<T> current, Operand<T> epsilon, Target<T> target, RandomStream stream);

  /** The acceptance rate step-size adaptation aims at by default (optimal-scaling results). */
  double defaultTargetAcceptance();

  /** The kernel written out, for provenance. */
  String describe();
}
