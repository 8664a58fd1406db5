package dev.ebm.core.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.tensorflow.ndarray.Shape;

/**
 * Standardisation maps flat data to zero mean and unit (or a chosen) variance per coordinate,
 * images with one mean and scale, and knows its Jacobian.
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
  void aTargetScaleGivesThatStandardDeviationAndItsJacobian() {
    Dataset data = Dataset.of(new double[] {10, 1, 20, 3, 30, 5}, Shape.of(2));
    Standardization map = Standardization.of(DataStatistics.of(data), data.sampleShape(), 4);
    DataStatistics after = DataStatistics.of(map.apply(data));
    assertArrayEquals(new double[] {0, 0}, after.mean(), 1e-6);
    assertArrayEquals(new double[] {16, 16}, after.variance(), 1e-4);
    // x' = 4(x − μ)/σ: log Z gains Σ log(σᵢ/4) back.
    assertEquals(Standardization.of(data).logScale() - 2 * Math.log(4), map.logScale(), 1e-12);
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

  @Test
  void statisticsMapAsTheDataDoesAndStatesMapBack() {
    Dataset data =
        Dataset.of(new double[] {410, -125.2, 380, -124.9, 430, -125.5, 395, -124.6}, Shape.of(2));
    Standardization map = Standardization.of(data);
    DataStatistics mapped = map.apply(DataStatistics.of(data));
    DataStatistics direct = DataStatistics.of(map.apply(data));
    assertArrayEquals(direct.mean(), mapped.mean(), 1e-5);
    assertArrayEquals(direct.variance(), mapped.variance(), 1e-5);
    for (int i = 0; i < 2; i++) {
      assertArrayEquals(direct.covariance().get()[i], mapped.covariance().get()[i], 1e-5);
    }
    // The range is a box holding every mapped coordinate.
    assertTrue(mapped.min() <= direct.min() + 1e-9 && mapped.max() >= direct.max() - 1e-9);
    double[] z = map.apply(data).toDoubles();
    assertArrayEquals(data.toDoubles(), map.toData(z), 1e-3);
    double[] range = map.rangeOf(-125.5, 430);
    assertEquals(
        Math.min(
            (-125.5 - map.mean()[0]) / map.scale()[0], (-125.5 - map.mean()[1]) / map.scale()[1]),
        range[0],
        1e-12);
    assertEquals(
        Math.max((430 - map.mean()[0]) / map.scale()[0], (430 - map.mean()[1]) / map.scale()[1]),
        range[1],
        1e-12);
  }
}
