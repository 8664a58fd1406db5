package dev.ebm.methods;

import dev.ebm.core.random.RandomStream;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TInt64;
import org.tensorflow.types.family.TFloating;

/**
 * A transition applied to chain starts before the Langevin steps: the data-augmentation hook of Du
 * et al. 2020, who transform replay-buffer samples (flips, crops, colour changes) so that chains
 * explore between modes. Implementations must keep the shape of the batch.
 */
@FunctionalInterface
public interface ChainTransition {

  /** Maps a batch of chain starts to transformed starts. */
  <T extends TFloating> Operand<T> apply(Ops tf, Operand<T> starts, RandomStream stream);

  /** No transition. */
  ChainTransition IDENTITY =
      new ChainTransition() {
        @Override
        public <T extends TFloating> Operand<T> apply(
            Ops tf, Operand<T> starts, RandomStream stream) {
          return starts;
        }
      };

  /** Mirrors each image (NHWC) left to right with probability ½. */
  static ChainTransition horizontalFlip() {
    return new ChainTransition() {
      @Override
      public <T extends TFloating> Operand<T> apply(
          Ops tf, Operand<T> starts, RandomStream stream) {
        Class<T> type = starts.type();
        Operand<TInt64> batch =
            tf.slice(
                tf.shape(starts, TInt64.class),
                tf.constant(new int[] {0}),
                tf.constant(new int[] {1}));
        Operand<T> coin = stream.uniform(tf, batch, type);
        Operand<T> flip =
            tf.reshape(
                tf.dtypes.cast(tf.math.less(coin, tf.constant(type, 0.5)), type),
                tf.constant(new long[] {-1, 1, 1, 1}));
        Operand<T> flipped = tf.reverse(starts, tf.constant(new int[] {2}));
        return tf.math.add(starts, tf.math.mul(flip, tf.math.sub(flipped, starts)));
      }
    };
  }

  /** Adds Gaussian noise of standard deviation {@code std} to every coordinate. */
  static ChainTransition gaussianJitter(double std) {
    if (!(std > 0)) {
      throw new IllegalArgumentException("jitter std must be positive, got " + std);
    }
    return new ChainTransition() {
      @Override
      public <T extends TFloating> Operand<T> apply(
          Ops tf, Operand<T> starts, RandomStream stream) {
        Operand<T> noise = stream.normal(tf, tf.shape(starts, TInt64.class), starts.type());
        return tf.math.add(starts, tf.math.mul(noise, tf.constant(starts.type(), std)));
      }
    };
  }
}
