package dev.ebm.core.random;

import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TInt64;
import org.tensorflow.types.family.TFloating;
import org.tensorflow.types.family.TNumber;

/**
 * A source of random numbers inside a graph, built on TensorFlow's stateless random ops: every draw
 * is a pure function of the pair {@code (key, counter)}. The key identifies the consumer (derived
 * from a name by {@link #child}); the counter is a graph value, normally the training step, that is
 * saved with checkpoints. Hence the same step of the same run always draws the same numbers, and a
 * resumed run continues the exact sequence of an uninterrupted one.
 *
 * <p>Inside a loop, {@link #atIteration} mixes the loop index into the counter as {@code counter ·
 * 2^20 + i}, so up to 2^20 iterations per step draw distinct numbers.
 */
public final class RandomStream {

  /** Iterations per counter value that {@link #atIteration} keeps apart. */
  public static final long ITERATIONS_PER_COUNT = 1L << 20;

  private final Operand<TInt64> key;
  private final Operand<TInt64> counter;

  private RandomStream(Operand<TInt64> key, Operand<TInt64> counter) {
    this.key = key;
    this.counter = counter;
  }

  /** A stream with the given key and counter (both int64 scalars). */
  public static RandomStream of(Operand<TInt64> key, Operand<TInt64> counter) {
    return new RandomStream(key, counter);
  }

  /** A stream with a constant key and the given counter. */
  public static RandomStream of(Ops tf, long key, Operand<TInt64> counter) {
    return new RandomStream(tf.constant(key), counter);
  }

  /** The key (int64 scalar), to carry into a loop body. */
  public Operand<TInt64> key() {
    return key;
  }

  /** The counter (int64 scalar), to carry into a loop body. */
  public Operand<TInt64> counter() {
    return counter;
  }

  /** An independent stream for the named sub-component: key + hash(name). */
  public RandomStream child(Ops tf, String name) {
    return new RandomStream(tf.math.add(key, tf.constant(Seeds.derive(0L, name))), counter);
  }

  /** The stream for iteration {@code i} of a loop: counter · 2^20 + i. */
  public RandomStream atIteration(Ops tf, Operand<? extends TNumber> i) {
    Operand<TInt64> mixed =
        tf.math.add(
            tf.math.mul(counter, tf.constant(ITERATIONS_PER_COUNT)),
            tf.dtypes.cast(i, TInt64.class));
    return new RandomStream(key, mixed);
  }

  /** Standard normal values of the given shape. */
  public <T extends TFloating> Operand<T> normal(
      Ops tf, Operand<? extends TNumber> shape, Class<T> type) {
    return tf.random.statelessRandomNormal(shape, seed(tf), type);
  }

  /** Values uniform on {@code [0, 1)} of the given shape. */
  public <T extends TFloating> Operand<T> uniform(
      Ops tf, Operand<? extends TNumber> shape, Class<T> type) {
    return tf.random.statelessRandomUniform(shape, seed(tf), type);
  }

  /** Values uniform on {@code [low, high)} of the given shape. */
  public <T extends TFloating> Operand<T> uniform(
      Ops tf, Operand<? extends TNumber> shape, Class<T> type, double low, double high) {
    Operand<T> unit = uniform(tf, shape, type);
    return tf.math.add(tf.math.mul(unit, tf.constant(type, high - low)), tf.constant(type, low));
  }

  /** Rademacher values, −1 or +1 with equal probability, of the given shape. */
  public <T extends TFloating> Operand<T> rademacher(
      Ops tf, Operand<? extends TNumber> shape, Class<T> type) {
    Operand<T> heads =
        tf.dtypes.cast(tf.math.less(uniform(tf, shape, type), tf.constant(type, 0.5)), type);
    return tf.math.sub(tf.math.mul(heads, tf.constant(type, 2.0)), tf.constant(type, 1.0));
  }

  /** Integers uniform on {@code [0, bound)} of the given shape. */
  public Operand<TInt64> integers(Ops tf, Operand<? extends TNumber> shape, long bound) {
    if (bound < 1) {
      throw new IllegalArgumentException("integer bound must be at least 1, got " + bound);
    }
    return tf.random.statelessRandomUniformInt(
        shape, seed(tf), tf.constant(0L), tf.constant(bound));
  }

  private Operand<TInt64> seed(Ops tf) {
    return tf.stack(java.util.List.of(key, counter));
  }
}
