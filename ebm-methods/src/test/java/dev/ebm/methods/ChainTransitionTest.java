package dev.ebm.methods;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ebm.core.graph.ModelGraph;
import dev.ebm.core.random.RandomStream;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat64;

/**
 * The built-in chain transitions: a flip gives each image or its mirror, and flips some of them; a
 * shift moves a lone bright pixel by at most k on each axis, by several different offsets across
 * the batch; a blur spreads it over the binomial 3×3 kernel in about half of the images and keeps a
 * constant image constant; the augmentation leaves it within the shift (and the blur's one pixel)
 * of itself or its mirror.
 */
class ChainTransitionTest {

  private static final int BATCH = 64;
  private static final int SIZE = 8;

  /** {@code BATCH} images of {@code SIZE}², 0 but for a 1 at (row, column) (3, 4). */
  private static double[] lonePixels() {
    double[] images = new double[BATCH * SIZE * SIZE];
    for (int b = 0; b < BATCH; b++) {
      images[b * SIZE * SIZE + 3 * SIZE + 4] = 1;
    }
    return images;
  }

  private static double[] apply(ChainTransition transition, double[] images) {
    try (ModelGraph<TFloat64> graph = ModelGraph.create(TFloat64.class, 0)) {
      Ops tf = graph.ops();
      var input =
          tf.constant(
              Shape.of(BATCH, SIZE, SIZE, 1), org.tensorflow.ndarray.buffer.DataBuffers.of(images));
      return graph.evaluate(transition.apply(tf, input, RandomStream.of(tf, 1, tf.constant(0L))));
    }
  }

  @Test
  void aShiftMovesEachImageByAtMostKPixelsOnEachAxis() {
    double[] out = apply(ChainTransition.randomShift(2), lonePixels());
    java.util.Set<Integer> offsets = new java.util.HashSet<>();
    for (int b = 0; b < BATCH; b++) {
      int brightest = -1;
      double sum = 0;
      for (int p = 0; p < SIZE * SIZE; p++) {
        double v = out[b * SIZE * SIZE + p];
        sum += v;
        if (v == 1) {
          brightest = p;
        }
      }
      assertEquals(1, sum, 1e-12, "image " + b);
      int dy = brightest / SIZE - 3;
      int dx = brightest % SIZE - 4;
      assertTrue(Math.abs(dy) <= 2 && Math.abs(dx) <= 2, "image " + b + " moved " + dy + "," + dx);
      offsets.add(dy * 5 + dx);
    }
    assertTrue(offsets.size() > 10, offsets.size() + " distinct offsets of 25");
  }

  @Test
  void aBlurSpreadsAboutHalfOfTheImagesAndKeepsAConstantImage() {
    double[] out = apply(ChainTransition.blur(), lonePixels());
    int blurred = 0;
    for (int b = 0; b < BATCH; b++) {
      double centre = out[b * SIZE * SIZE + 3 * SIZE + 4];
      double side = out[b * SIZE * SIZE + 3 * SIZE + 5];
      double corner = out[b * SIZE * SIZE + 2 * SIZE + 5];
      if (centre == 1) {
        assertEquals(0, side, 0, "image " + b);
      } else {
        assertEquals(4.0 / 16, centre, 1e-12);
        assertEquals(2.0 / 16, side, 1e-12);
        assertEquals(1.0 / 16, corner, 1e-12);
        blurred++;
      }
    }
    assertTrue(blurred > 16 && blurred < 48, "blurred " + blurred + " of " + BATCH);
    double[] constant = new double[BATCH * SIZE * SIZE];
    Arrays.fill(constant, 0.7);
    for (double v : apply(ChainTransition.blur(), constant)) {
      assertEquals(0.7, v, 1e-12);
    }
  }

  @Test
  void theAugmentationMovesThePixelWithinTheShiftOfItselfOrItsMirror() {
    double[] out = apply(ChainTransition.augmentation(2), lonePixels());
    assertEquals(BATCH * SIZE * SIZE, out.length);
    for (int b = 0; b < BATCH; b++) {
      int brightest = 0;
      for (int p = 1; p < SIZE * SIZE; p++) {
        if (out[b * SIZE * SIZE + p] > out[b * SIZE * SIZE + brightest]) {
          brightest = p;
        }
      }
      int dy = Math.abs(brightest / SIZE - 3);
      int column = brightest % SIZE;
      int dx = Math.min(Math.abs(column - 4), Math.abs(column - 3));
      // Within the shift, and one more pixel: at an edge the reflected blur can tie a neighbour.
      assertTrue(dy <= 3 && dx <= 3, "image " + b + ": brightest at " + brightest);
    }
  }

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
