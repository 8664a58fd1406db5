package dev.ebm.core.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.tensorflow.ndarray.Shape;

/**
 * Standardisation maps flat data to zero mean and unit variance per coordinate, images with one
 * mean and scale, and knows its Jacobian.
 */
class StandardizationTest {

  @Test
  void flatDataGetsZeroMeanAndUnitVariancePerCoordinate() {
    Dataset data = Dataset.of(new double[] {10, 1, 20, 3, 30, 5}, Shape.of(2));
    Standardization map = Standardization.of(data);
    DataStatistics after = DataStatistics.of(map.apply(data));
    assertArrayEquals(new double[] {0, 0}, after.mean(), 1e-6);
    assertArrayEquals(new double[] {1, 1}, after.variance(), 1e-5);
    assertEquals(
        Math.log(Math.sqrt(200.0 / 3)) + Math.log(Math.sqrt(8.0 / 3)), map.logScale(), 1e-12);
  }

  @Test
  void imagesShareOneMeanAndScale() {
    // Two 1×2 images; the second pixel never varies, which a per-pixel scale could not divide by.
    Dataset images = Dataset.of(new double[] {0, 1, 2, 1}, Shape.of(1, 2, 1));
    Standardization map = Standardization.of(images);
    assertEquals(map.mean()[0], map.mean()[1]);
    assertEquals(map.scale()[0], map.scale()[1]);
    assertEquals(1.0, map.mean()[0], 1e-12);
  }
}
