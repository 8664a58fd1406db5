package dev.ebm.core.sampling;

import dev.ebm.core.random.RandomStream;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TInt64;
import org.tensorflow.types.family.TFloating;

/**
 * The Metropolis-adjusted Langevin algorithm (Roberts &amp; Tweedie 1996): a Langevin proposal in
 * our convention, {@code x' = x − (ε²/2)∇U(x) + ε z}, accepted with probability {@code min(1, α)},
 *
 * <pre>
 *   log α = U(x) − U(x') + log q(x | x') − log q(x' | x),
 *   log q(y | x) = −‖y − x + (ε²/2)∇U(x)‖² / (2ε²)
 * </pre>
 *
 * so that the chain leaves {@code exp(−U)} exactly invariant at any step size (unadjusted Langevin
 * is biased at every finite ε).
 */
public final class MalaKernel implements MetropolisKernel {

  /** The optimal acceptance rate for MALA in high dimension (Roberts &amp; Rosenthal 1998). */
  public static final double TARGET_ACCEPTANCE = 0.574;

  @Override
  public <T extends TFloating> Transition<T> step(
      Ops tf, State<T> current, Operand<T> epsilon, Target<T> target, RandomStream stream) {
    Class<T> type = epsilon.type();
    Operand<T> x = current.x();
    Operand<T> drift = tf.math.mul(tf.math.square(epsilon), tf.constant(type, 0.5));
    Operand<T> z = stream.child(tf, "proposal").normal(tf, tf.shape(x, TInt64.class), type);
    Operand<T> proposal =
        tf.ensureShape(
            tf.math.add(
                tf.math.sub(x, tf.math.mul(drift, current.gradient())), tf.math.mul(epsilon, z)),
            x.shape());
    State<T> proposed = target.at(tf, proposal);
    Operand<T> forward = logProposal(tf, proposal, current, drift, epsilon);
    Operand<T> backward = logProposal(tf, x, proposed, drift, epsilon);
    Operand<T> logAlpha =
        tf.math.add(
            tf.math.sub(current.energy(), proposed.energy()), tf.math.sub(backward, forward));
    return MetropolisAcceptance.decide(tf, current, proposed, logAlpha, stream.child(tf, "accept"));
  }

  /** {@code log q(y | from)} up to the constant that cancels: {@code −‖y − mean‖² / (2ε²)}. */
  private static <T extends TFloating> Operand<T> logProposal(
      Ops tf, Operand<T> y, State<T> from, Operand<T> drift, Operand<T> epsilon) {
    Operand<T> mean = tf.math.sub(from.x(), tf.math.mul(drift, from.gradient()));
    Operand<T> squared = MetropolisAcceptance.sumPerChain(tf, tf.math.square(tf.math.sub(y, mean)));
    Operand<T> twiceVariance =
        tf.math.mul(tf.math.square(epsilon), tf.constant(epsilon.type(), 2.0));
    return tf.math.neg(tf.math.div(squared, twiceVariance));
  }

  @Override
  public double defaultTargetAcceptance() {
    return TARGET_ACCEPTANCE;
  }

  @Override
  public String describe() {
    return "MALA";
  }
}
