package dev.ebm.core.sampling;

import dev.ebm.core.random.RandomStream;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TInt64;
import org.tensorflow.types.family.TFloating;

/**
 * Hamiltonian Monte Carlo (Duane et al. 1987; Neal 2011): a fresh momentum {@code p ~ N(0, I)},
 * {@code L} leapfrog steps of size ε on {@code H(x, p) = U(x) + ½‖p‖²},
 *
 * <pre>
 *   p ← p − (ε/2)∇U(x);  x ← x + ε p;  p ← p − (ε/2)∇U(x)     (L times)
 * </pre>
 *
 * and the end point accepted with probability {@code min(1, exp(H(x, p) − H(x', p')))}. The L steps
 * are unrolled in the graph (each is one energy and gradient evaluation), so keep L modest.
 *
 * @param leapfrog the number of leapfrog steps L
 */
public record HmcKernel(int leapfrog) implements MetropolisKernel {

  /** The most leapfrog steps one transition unrolls. */
  public static final int MAX_LEAPFROG = 100;

  /** A common target for HMC's acceptance rate (Neal 2011 finds 0.65 optimal). */
  public static final double TARGET_ACCEPTANCE = 0.65;

  public HmcKernel {
    if (leapfrog < 1 || leapfrog > MAX_LEAPFROG) {
      throw new IllegalArgumentException(
          "HMC takes 1 to " + MAX_LEAPFROG + " leapfrog steps, got " + leapfrog);
    }
  }

  @Override
  public <T extends TFloating> Transition<T> step(
      Ops tf, State<T> current, Operand<T> epsilon, Target<T> target, RandomStream stream) {
    Class<T> type = epsilon.type();
    Operand<T> half = tf.math.mul(epsilon, tf.constant(type, 0.5));
    Operand<T> p0 =
        stream.child(tf, "momentum").normal(tf, tf.shape(current.x(), TInt64.class), type);
    Operand<T> p = p0;
    State<T> at = current;
    for (int l = 0; l < leapfrog; l++) {
      p = tf.math.sub(p, tf.math.mul(half, at.gradient()));
      at =
          target.at(
              tf,
              tf.ensureShape(tf.math.add(at.x(), tf.math.mul(epsilon, p)), current.x().shape()));
      p = tf.math.sub(p, tf.math.mul(half, at.gradient()));
    }
    Operand<T> logAlpha =
        tf.math.sub(hamiltonian(tf, current.energy(), p0), hamiltonian(tf, at.energy(), p));
    return MetropolisAcceptance.decide(tf, current, at, logAlpha, stream.child(tf, "accept"));
  }

  private static <T extends TFloating> Operand<T> hamiltonian(
      Ops tf, Operand<T> energy, Operand<T> momentum) {
    Operand<T> kinetic =
        tf.math.mul(
            MetropolisAcceptance.sumPerChain(tf, tf.math.square(momentum)),
            tf.constant(energy.type(), 0.5));
    return tf.math.add(energy, kinetic);
  }

  @Override
  public double defaultTargetAcceptance() {
    return TARGET_ACCEPTANCE;
  }

  @Override
  public String describe() {
    return "HMC with " + leapfrog + " leapfrog steps";
  }
}
