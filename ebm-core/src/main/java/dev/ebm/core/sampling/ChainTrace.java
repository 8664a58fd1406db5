package dev.ebm.core.sampling;

import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.family.TFloating;

/**
 * Records a chain's states at {@code length} evenly spaced iterations of a while loop, from
 * iteration {@code start} to the last of {@code steps}, into a {@code [length, B] + sampleShape}
 * loop variable (for the chain diagnostics: effective sample size and R̂ need draws over time).
 * Every iteration writes its state into the slot it falls in, so each slot ends holding the state
 * at the end of its stretch of iterations.
 *
 * @param length the number of recorded states
 * @param start the first iteration recorded (e.g. after warm-up)
 * @param steps the loop's iterations
 */
public record ChainTrace(int length, int start, int steps) {

  public ChainTrace {
    if (length < 1 || start < 0 || steps - start < length) {
      throw new IllegalArgumentException(
          "cannot record "
              + length
              + " states over iterations "
              + start
              + " to "
              + steps
              + ": record fewer states or run more steps");
    }
  }

  /** The empty record, shaped after the chains' states {@code x0}. */
  public <T extends TFloating> Operand<T> initial(Ops tf, Operand<T> x0) {
    Shape shape = Shape.of(length).append(x0.shape());
    return tf.zeros(tf.constant(shape.asArray()), x0.type());
  }

  /** The record after iteration {@code i} left the chains at {@code x}. */
  public <T extends TFloating> Operand<T> update(
      Ops tf, Operand<TInt32> i, Operand<T> trace, Operand<T> x) {
    int stretch = (steps - start) / length;
    Operand<TInt32> slot =
        tf.math.minimum(
            tf.math.maximum(
                tf.math.floorDiv(tf.math.sub(i, tf.constant(start)), tf.constant(stretch)),
                tf.constant(0)),
            tf.constant(length - 1));
    return tf.tensorScatterNdUpdate(
        trace, tf.reshape(slot, tf.constant(new int[] {1, 1})), tf.expandDims(x, tf.constant(0)));
  }
}
