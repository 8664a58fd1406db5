package dev.ebm.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ebm.core.data.DataStatistics;
import dev.ebm.core.data.Dataset;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.tensorflow.ndarray.Shape;

/**
 * Standardisation's default: vectors far from unit scale are standardised, vectors near it and
 * images are not, and a setting given wins.
 */
class StandardizeDefaultTest {

  private static Dataset gaussian(double mean0, double std0, double mean1, double std1) {
    SplittableRandom random = new SplittableRandom(4);
    double[] values = new double[2 * 500];
    for (int i = 0; i < values.length; i += 2) {
      values[i] = mean0 + std0 * random.nextGaussian();
      values[i + 1] = mean1 + std1 * random.nextGaussian();
    }
    return Dataset.of(values, Shape.of(2));
  }

  private static boolean byDefault(Dataset data) {
    return Training.standardizesByDefault(data.sampleShape(), DataStatistics.of(data));
  }

  @Test
  void vectorsFarFromUnitScaleStandardiseByDefaultOthersAndImagesDoNot() {
    assertFalse(byDefault(gaussian(0.5, 1, -2, 3)), "near unit scale");
    assertFalse(byDefault(gaussian(0, 5, 0, 0.8)), "scales 6x apart");
    assertTrue(byDefault(gaussian(400, 40, -125, 40)), "far away");
    assertTrue(byDefault(gaussian(0, 30, 0, 30)), "wide");
    assertTrue(byDefault(gaussian(0, 0.05, 0, 0.05)), "narrow");
    assertTrue(byDefault(gaussian(0, 5, 0, 0.3)), "scales 17x apart");
    Dataset images = Dataset.of(new double[4 * 2 * 2], Shape.of(2, 2, 1));
    assertFalse(byDefault(images));
  }

  @Test
  void aGivenSettingIsKeptAndNoneIsEmpty() {
    TrainingData data = TrainingData.parse("toy:moons");
    assertEquals(Optional.empty(), Training.on(data).build().standardize());
    assertEquals(Optional.of(false), Training.on(data).standardize(false).build().standardize());
    assertEquals(Optional.of(true), Training.on(data).standardize(true).build().standardize());
  }
}
