package dev.ebm.core.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.tensorflow.ndarray.Shape;

/**
 * The data warnings: a constant coordinate, repeated rows, and unstandardised data far from unit
 * scale are each named with their fix; data near unit scale, standardised data and images are not
 * warned about.
 */
class DataWarningsTest {

  private static Dataset gaussian(int n, double mean, double std, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    double[] values = new double[2 * n];
    for (int i = 0; i < values.length; i++) {
      values[i] = mean + std * random.nextGaussian();
    }
    return Dataset.of(values, Shape.of(2));
  }

  private static List<String> warningsFor(Dataset data, boolean standardized) {
    return DataWarnings.of(data, DataStatistics.of(data), standardized);
  }

  @Test
  void dataNearUnitScaleOrStandardisedIsNotWarnedAbout() {
    assertEquals(List.of(), warningsFor(gaussian(1000, 0.5, 2, 1), false));
    assertEquals(List.of(), warningsFor(gaussian(1000, 400, 40, 1), true));
    Dataset images = Dataset.of(new double[] {0, 0, 0, 0, 0, 0, 0, 0}, Shape.of(2, 2, 1));
    assertEquals(List.of(), warningsFor(images, false));
  }

  @Test
  void farFromUnitScaleUnstandardisedNamesTheFix() {
    List<String> warnings = warningsFor(gaussian(1000, 400, 40, 1), false);
    assertEquals(1, warnings.size(), warnings.toString());
    assertTrue(warnings.get(0).startsWith("the data is far from unit scale (means up to ±4"));
    assertTrue(warnings.get(0).contains("standardise it"), warnings.get(0));
    assertEquals(1, warningsFor(gaussian(1000, 0, 0.01, 1), false).size());
  }

  @Test
  void aConstantCoordinateAndRepeatedRowsAreNamed() {
    double[] values = new double[2 * 100];
    for (int i = 0; i < 100; i++) {
      values[2 * i] = i % 50; // every row twice
      values[2 * i + 1] = 3;
    }
    List<String> warnings = warningsFor(Dataset.of(values, Shape.of(2)), true);
    assertEquals(2, warnings.size(), warnings.toString());
    assertTrue(
        warnings.get(0).startsWith("coordinate 1 is constant (every value is 3.0)"),
        warnings.get(0));
    assertTrue(
        warnings.get(1).startsWith("50 of 100 rows (50.0 %) repeat an earlier row"),
        warnings.get(1));
  }
}
