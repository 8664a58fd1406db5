package dev.ebm.methods;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ebm.core.graph.ModelGraph;
import dev.ebm.core.random.RandomStream;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat64;

/**
 * The built-in chain transitions: a flip gives each image or its mirror, and flips some of them.
 */
class ChainTransitionTest {

  @Test
  void horizontalFlipMirrorsSomeImagesAndLeavesTheOthers() {
    int batch = 64;
    int size = 3;
    double[] images = new double[batch * size * size];
    for (int i = 0; i < images.length; i++) {
      images[i] = i;
    }
    try (ModelGraph<TFloat64> graph = ModelGraph.create(TFloat64.class, 0)) {
      Ops tf = graph.ops();
      var input =
          tf.constant(
              Shape.of(batch, size, size, 1), org.tensorflow.ndarray.buffer.DataBuffers.of(images));
      double[] out =
          graph.evaluate(
              ChainTransition.horizontalFlip()
                  .apply(tf, input, RandomStream.of(tf, 1, tf.constant(0L))));
      int flipped = 0;
      for (int b = 0; b < batch; b++) {
        double[] original = Arrays.copyOfRange(images, b * 9, b * 9 + 9);
        double[] result = Arrays.copyOfRange(out, b * 9, b * 9 + 9);
        double[] mirror = new double[9];
        for (int r = 0; r < size; r++) {
          for (int c = 0; c < size; c++) {
            mirror[r * size + c] = original[r * size + (size - 1 - c)];
          }
        }
        boolean same = Arrays.equals(original, result);
        boolean mirrored = Arrays.equals(mirror, result);
        assertTrue(same || mirrored, "image " + b + " is neither itself nor its mirror");
        flipped += mirrored ? 1 : 0;
      }
      assertTrue(flipped > 16 && flipped < 48, "flipped " + flipped + " of " + batch);
    }
  }
}
