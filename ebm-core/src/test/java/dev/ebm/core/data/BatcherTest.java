package dev.ebm.core.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.tensorflow.ndarray.Shape;

class BatcherTest {

  private static Dataset indices(int n) {
    float[] v = new float[n];
    for (int i = 0; i < n; i++) {
      v[i] = i;
    }
    return Dataset.of(v, Shape.of(1));
  }

  @Test
  void eachEpochVisitsSamplesInAFreshPermutation() {
    Batcher batcher = new Batcher(indices(12), 4, 7, true);
    float[] epoch0 = concat(batcher.next(), batcher.next(), batcher.next());
    float[] epoch1 = concat(batcher.next(), batcher.next(), batcher.next());
    float[] sorted0 = epoch0.clone();
    Arrays.sort(sorted0);
    float[] expected = new float[12];
    for (int i = 0; i < 12; i++) {
      expected[i] = i;
    }
    assertArrayEquals(expected, sorted0);
    assertFalse(Arrays.equals(epoch0, epoch1));
    assertEquals(new Batcher.State(2, 0), batcher.state());
  }

  @Test
  void sameSeedGivesSameBatchesAndRestoringResumesExactly() {
    Batcher a = new Batcher(indices(50), 8, 3, true);
    Batcher b = new Batcher(indices(50), 8, 3, true);
    for (int i = 0; i < 9; i++) {
      assertArrayEquals(a.next(), b.next());
    }
    Batcher.State saved = a.state();
    float[] expected = a.next();
    Batcher resumed = new Batcher(indices(50), 8, 3, true);
    resumed.restore(saved);
    assertArrayEquals(expected, resumed.next());
  }

  @Test
  void tooLargeABatchIsAClearError() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> new Batcher(indices(5), 8, 1, true));
    assertEquals(
        "batch size 8 is larger than the dataset (5 samples); use a batch size of at most 5",
        e.getMessage());
  }

  private static float[] concat(float[]... parts) {
    int n = Arrays.stream(parts).mapToInt(p -> p.length).sum();
    float[] out = new float[n];
    int k = 0;
    for (float[] p : parts) {
      System.arraycopy(p, 0, out, k, p.length);
      k += p.length;
    }
    return out;
  }
}
