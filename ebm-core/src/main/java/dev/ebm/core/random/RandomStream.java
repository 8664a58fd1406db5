package dev.ebm.core.random;

import java.util.List;
import java.util.function.Function;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TInt64;
import org.tensorflow.types.family.TFloating;
import org.tensorflow.types.family.TNumber;
import org.tensorflow.types.family.TType;

/**
 * A source of random numbers inside a graph, built on TensorFlow's stateless random ops: every draw
 * is a pure function of the pair {@code (key, counter)}. The key identifies the consumer (derived
 * from a name by {@link #child}); the counter is a graph value, normally the training step, that is
 * saved with checkpoints. Hence the same step of the same run always draws the same numbers, and a
 * resumed run continues the exact sequence of an uninterrupted one.
 *
 * <p>Inside a loop, {@link #atIteration} mixes the loop index into the counter as {@code counter ·
 * 2^20 + i}, so up to 2^20 iterations per step draw distinct numbers.
 *
 * <p>A stream can be one {@linkplain #shard shard} of N: a draw of shape {@code [n, …]} then
 * returns rows {@code [i·n, (i+1)·n)} of the draw of shape {@code [N·n, …]} the whole stream would
 * make. Replica i of a data-parallel step, given the i-th n rows of the batch, thus draws exactly
 * the numbers a single process draws for those rows (for draws whose first dimension is the batch);
 * other draws stay independent between replicas. Scalars are the same in every shard.
 */
public final class RandomStream {

  /** Iterations per counter value that {@link #atIteration} keeps apart. */
  public static final long ITERATIONS_PER_COUNT = 1L << 20;

  private final Operand<TInt64> key;
  private final Operand<TInt64> counter;
  private final int shardIndex;
  private final int shardCount;

  private RandomStream(
      Operand<TInt64> key, Operand<TInt64> counter, int shardIndex, int shardCount) {
    this.key = key;
    this.counter = counter;
    this.shardIndex = shardIndex;
    this.shardCount = shardCount;
  }

  private RandomStream(Operand<TInt64> key, Operand<TInt64> counter) {
    this(key, counter, 0, 1);
  }

  /**
   * This stream as shard {@code index} of {@code count}: each draw of first dimension n returns
   * rows {@code [index·n, (index+1)·n)} of this stream's draw of first dimension {@code count·n}.
   *
   * @throws IllegalArgumentException unless {@code 0 ≤ index < count}, or if this stream is already
   *     a shard
   */
  public RandomStream shard(int index, int count) {
    if (count < 1 || index < 0 || index >= count) {
      throw new IllegalArgumentException(
          "shard " + index + " of " + count + ": need 0 <= index < count");
    }
    if (shardCount != 1) {
      throw new IllegalArgumentException("this stream is already shard " + shardIndex);
    }
    return new RandomStream(key, counter, index, count);
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
    return new RandomStream(
        tf.math.add(key, tf.constant(Seeds.derive(0L, name))), counter, shardIndex, shardCount);
  }

  /** The stream for iteration {@code i} of a loop: counter · 2^20 + i. */
  public RandomStream atIteration(Ops tf, Operand<? extends TNumber> i) {
    Operand<TInt64> mixed =
        tf.math.add(
            tf.math.mul(counter, tf.constant(ITERATIONS_PER_COUNT)),
            tf.dtypes.cast(i, TInt64.class));
    return new RandomStream(key, mixed, shardIndex, shardCount);
  }

  /** Standard normal values of the given shape. */
  public <T extends TFloating> Operand<T> normal(
      Ops tf, Operand<? extends TNumber> shape, Class<T> type) {
    return sharded(tf, shape, full -> tf.random.statelessRandomNormal(full, seed(tf), type));
  }

  /** Values uniform on {@code [0, 1)} of the given shape. */
  public <T extends TFloating> Operand<T> uniform(
      Ops tf, Operand<? extends TNumber> shape, Class<T> type) {
    return sharded(tf, shape, full -> tf.random.statelessRandomUniform(full, seed(tf), type));
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
    return sharded(
        tf,
        shape,
        full ->
            tf.random.statelessRandomUniformInt(
                full, seed(tf), tf.constant(0L), tf.constant(bound)));
  }

  /**
   * {@code draw} of {@code shape}, or, in shard i of N, rows {@code [i·n, (i+1)·n)} of {@code draw}
   * of the shape with its first dimension n multiplied by N.
   */
  private <R extends TType> Operand<R> sharded(
      Ops tf,
      Operand<? extends TNumber> shape,
      Function<Operand<? extends TNumber>, Operand<R>> draw) {
    if (shardCount == 1 || shape.shape().get(0) == 0) {
      return draw.apply(shape);
    }
    Operand<TInt64> size = tf.dtypes.cast(shape, TInt64.class);
    Operand<TInt64> rows = tf.slice(size, tf.constant(new long[] {0}), tf.constant(new long[] {1}));
    Operand<TInt64> rest =
        tf.slice(size, tf.constant(new long[] {1}), tf.constant(new long[] {-1}));
    Operand<TInt64> whole =
        tf.concat(
            List.of(tf.math.mul(rows, tf.constant(new long[] {shardCount})), rest), tf.constant(0));
    Operand<TInt64> begin =
        tf.concat(
            List.of(tf.math.mul(rows, tf.constant(new long[] {shardIndex})), tf.zerosLike(rest)),
            tf.constant(0));
    return tf.slice(draw.apply(whole), begin, size);
  }

  private Operand<TInt64> seed(Ops tf) {
    return tf.stack(List.of(key, counter));
  }
}
