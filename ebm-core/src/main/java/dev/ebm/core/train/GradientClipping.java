package dev.ebm.core.train;

import java.util.ArrayList;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.family.TFloating;

/**
 * Clipping by the global norm (Pascanu, Mikolov and Bengio, 2013): the norm of all gradients taken
 * together, {@code ‖g‖ = √(Σᵢ ‖gᵢ‖²)}, and the gradients scaled by {@code c / max(‖g‖, c)}, which
 * keeps their direction and brings a global norm above {@code c} down to {@code c}.
 */
final class GradientClipping {

  private GradientClipping() {}

  /** The global norm {@code √(Σᵢ ‖gᵢ‖²)} of {@code gradients}. */
  static <T extends TFloating> Operand<T> globalNorm(Ops tf, List<Operand<T>> gradients) {
    List<Operand<T>> squares = new ArrayList<>();
    for (Operand<T> g : gradients) {
      squares.add(tf.reduceSum(tf.math.square(g), Axes.all(tf, g)));
    }
    return tf.math.sqrt(squares.size() == 1 ? squares.get(0) : tf.math.addN(squares));
  }

  /** {@code gradients} scaled by {@code maxNorm / max(norm, maxNorm)}, {@code norm} their norm. */
  static <T extends TFloating> List<Operand<T>> clip(
      Ops tf, List<Operand<T>> gradients, Operand<T> norm, double maxNorm) {
    Operand<T> limit = tf.constant(norm.type(), maxNorm);
    Operand<T> scale = tf.math.div(limit, tf.math.maximum(norm, limit));
    return gradients.stream().map(g -> (Operand<T>) tf.math.mul(g, scale)).toList();
  }
}
