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
        return halfTheTime(tf, starts, tf.reverse(starts, tf.constant(new int[] {2})), stream);
      }
    };
  }

  /**
   * Moves each image (NHWC) by a random whole number of pixels, the same for all its channels,
   * drawn uniformly from {@code [−k, k]} on each axis; the edges are filled by reflection (Du et
   * al.'s random crop of a padded image).
   *
   * @throws IllegalArgumentException for {@code k < 1}
   */
  static ChainTransition randomShift(int k) {
    if (k < 1) {
      throw new IllegalArgumentException("a shift needs at least one pixel, got " + k);
    }
    return new ChainTransition() {
      @Override
      public <T extends TFloating> Operand<T> apply(
          Ops tf, Operand<T> starts, RandomStream stream) {
        long height = starts.shape().get(1);
        long width = starts.shape().get(2);
        if (k >= height || k >= width) {
          throw new IllegalArgumentException(
              "a shift of " + k + " pixels needs images larger than " + height + "×" + width);
        }
        Operand<T> rows = shiftAlong(tf, starts, 1, k, stream.child(tf, "rows"));
        return shiftAlong(tf, rows, 2, k, stream.child(tf, "columns"));
      }
    };
  }

  /**
   * Blurs each image (NHWC) with probability ½ by the binomial kernel {@code [1 2 1]ᵀ[1 2 1]/16},
   * channel by channel, the edges reflected (so that a constant image stays constant).
   */
  static ChainTransition blur() {
    return new ChainTransition() {
      @Override
      public <T extends TFloating> Operand<T> apply(
          Ops tf, Operand<T> starts, RandomStream stream) {
        Class<T> type = starts.type();
        int channels = (int) starts.shape().get(3);
        double[] taps = {1, 2, 1};
        float[][][][] kernel = new float[3][3][channels][1];
        for (int r = 0; r < 3; r++) {
          for (int c = 0; c < 3; c++) {
            for (int ch = 0; ch < channels; ch++) {
              kernel[r][c][ch][0] = (float) (taps[r] * taps[c] / 16);
            }
          }
        }
        Operand<T> padded =
            tf.mirrorPad(
                starts, tf.constant(new int[][] {{0, 0}, {1, 1}, {1, 1}, {0, 0}}), "REFLECT");
        Operand<T> blurred =
            tf.nn.depthwiseConv2dNative(
                padded,
                tf.dtypes.cast(tf.constant(kernel), type),
                java.util.List.of(1L, 1L, 1L, 1L),
                "VALID");
        return halfTheTime(tf, starts, blurred, stream);
      }
    };
  }

  /**
   * Du et al.'s augmentation for grayscale images: a {@link #horizontalFlip()}, a {@link
   * #randomShift(int) shift} of up to {@code k} pixels and a {@link #blur()}, in that order, each
   * with its own random draws.
   */
  static ChainTransition augmentation(int k) {
    ChainTransition flip = horizontalFlip();
    ChainTransition shift = randomShift(k);
    ChainTransition blur = blur();
    return new ChainTransition() {
      @Override
      public <T extends TFloating> Operand<T> apply(
          Ops tf, Operand<T> starts, RandomStream stream) {
        Operand<T> flipped = flip.apply(tf, starts, stream.child(tf, "flip"));
        Operand<T> shifted = shift.apply(tf, flipped, stream.child(tf, "shift"));
        return blur.apply(tf, shifted, stream.child(tf, "blur"));
      }
    };
  }

  /** Each image of {@code changed} with probability ½, else the same image of {@code starts}. */
  private static <T extends TFloating> Operand<T> halfTheTime(
      Ops tf, Operand<T> starts, Operand<T> changed, RandomStream stream) {
    Class<T> type = starts.type();
    Operand<T> coin =
        tf.reshape(
            tf.dtypes.cast(
                tf.math.less(stream.uniform(tf, batchOf(tf, starts), type), tf.constant(type, 0.5)),
                type),
            tf.constant(new long[] {-1, 1, 1, 1}));
    return tf.math.add(starts, tf.math.mul(coin, tf.math.sub(changed, starts)));
  }

  /**
   * Each image of {@code x} (NHWC) moved along {@code axis} (1: rows, 2: columns) by its own whole
   * number of pixels, uniform on {@code [−k, k]}, the edges reflected: the 2k + 1 crops of the
   * padded batch, each image taking one.
   */
  private static <T extends TFloating> Operand<T> shiftAlong(
      Ops tf, Operand<T> x, int axis, int k, RandomStream stream) {
    Class<T> type = x.type();
    int[][] padding = new int[4][2];
    padding[axis] = new int[] {k, k};
    Operand<T> padded = tf.mirrorPad(x, tf.constant(padding), "REFLECT");
    int offsets = 2 * k + 1;
    Operand<T> oneHot =
        tf.oneHot(
            stream.integers(tf, batchOf(tf, x), offsets),
            tf.constant(offsets),
            tf.constant(type, 1.0),
            tf.constant(type, 0.0));
    long[] size = {-1, -1, -1, -1};
    size[axis] = x.shape().get(axis);
    Operand<T> moved = null;
    for (int j = 0; j < offsets; j++) {
      long[] begin = new long[4];
      begin[axis] = j;
      Operand<T> crop = tf.slice(padded, tf.constant(begin), tf.constant(size));
      Operand<T> weight =
          tf.reshape(
              tf.slice(oneHot, tf.constant(new int[] {0, j}), tf.constant(new int[] {-1, 1})),
              tf.constant(new long[] {-1, 1, 1, 1}));
      Operand<T> term = tf.math.mul(weight, crop);
      moved = moved == null ? term : tf.math.add(moved, term);
    }
    return moved;
  }

  /** The batch dimension of {@code x}, as a shape {@code [B]}. */
  private static Operand<TInt64> batchOf(Ops tf, Operand<?> x) {
    return tf.slice(
        tf.shape(x, TInt64.class), tf.constant(new int[] {0}), tf.constant(new int[] {1}));
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
