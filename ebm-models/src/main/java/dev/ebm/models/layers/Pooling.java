package dev.ebm.models.layers;

import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.family.TFloating;

/** Spatial pooling of NHWC feature maps. */
public final class Pooling {

  private Pooling() {}

  /**
   * Average over non-overlapping {@code f×f} windows: {@code H×W → ⌊H/f⌋×⌊W/f⌋} ({@code VALID}).
   */
  public static <T extends TFloating> Operand<T> average(Ops tf, Operand<T> input, int factor) {
    List<Long> window = List.of(1L, (long) factor, (long) factor, 1L);
    return tf.nn.avgPool(input, window, window, "VALID");
  }

  /** The sum over the spatial axes, {@code [B, H, W, C] → [B, C]}. */
  public static <T extends TFloating> Operand<T> sumSpatial(Ops tf, Operand<T> input) {
    return tf.reduceSum(input, tf.constant(new int[] {1, 2}));
  }
}
