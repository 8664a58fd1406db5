package dev.ebm.experiments.quality;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ebm.core.data.IdxFile;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Pooling to a smaller side averages blocks; restoring repeats pixels; the IDX file holds them. */
class ImageSideTest {

  @TempDir Path dir;

  /** Two 28 × 28 images whose pixel (r, c) of image k is {@code k + r / 100 + c / 10 000}. */
  private static float[] twoImages() {
    float[] images = new float[2 * FashionMnist.PIXELS];
    for (int k = 0; k < 2; k++) {
      for (int r = 0; r < 28; r++) {
        for (int c = 0; c < 28; c++) {
          images[k * FashionMnist.PIXELS + r * 28 + c] = k + r / 100f + c / 10_000f;
        }
      }
    }
    return images;
  }

  @Test
  void poolingAveragesEachBlockAndRestoringRepeatsIt() {
    ImageSide half = new ImageSide(14);
    assertEquals(196, half.pixels());
    assertEquals(2, half.factor());
    float[] pooled = half.pool(twoImages());
    assertEquals(2 * 196, pooled.length);
    // Block (3, 5) of image 1 holds rows 6–7 and columns 10–11: mean 1 + 6.5/100 + 10.5/10 000.
    assertEquals(1 + 0.065 + 0.00105, pooled[196 + 3 * 14 + 5], 1e-6);
    float[] restored = half.restore(pooled);
    assertEquals(2 * FashionMnist.PIXELS, restored.length);
    for (int i : new int[] {6, 7}) {
      for (int j : new int[] {10, 11}) {
        assertEquals(pooled[196 + 3 * 14 + 5], restored[FashionMnist.PIXELS + i * 28 + j]);
      }
    }
    assertArrayEquals(restored, half.degrade(twoImages()));
    float[] full = twoImages();
    assertSame(full, ImageSide.FULL.degrade(full));
    assertArrayEquals(full, ImageSide.FULL.pool(full));
  }

  @Test
  void aSideThatDoesNotDivide28IsRefused() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> new ImageSide(12));
    assertTrue(e.getMessage().contains("must divide 28"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> new ImageSide(14).pool(new float[100]));
  }

  @Test
  void writtenImagesArePooledToWholeGreyLevels() throws IOException {
    float[] images = new float[FashionMnist.PIXELS];
    images[0] = 1; // block (0, 0) of the pooled image: 1/4 → 63.75/255, stored as 64
    Path file = new ImageSide(14).writeImages(images, dir, "train");
    assertEquals("train-14x14-idx3-ubyte.gz", file.getFileName().toString());
    IdxFile read = IdxFile.read(file);
    assertArrayEquals(new int[] {1, 14, 14}, read.dimensions());
    assertEquals(64, read.values()[0]);
    assertEquals(0, read.values()[1]);
  }
}
