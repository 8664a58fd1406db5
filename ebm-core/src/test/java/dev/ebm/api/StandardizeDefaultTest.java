package dev.ebm.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.tensorflow.ndarray.Shape;

/**
 * Standardisation's default: vectors are standardised, images keep their pixel convention, and a
 * setting given wins.
 */
class StandardizeDefaultTest {

  @Test
  void vectorsStandardiseByDefaultImagesDoNot() {
    assertTrue(Training.standardizesByDefault(Shape.of(2)));
    assertTrue(Training.standardizesByDefault(Shape.of(784)));
    assertFalse(Training.standardizesByDefault(Shape.of(28, 28, 1)));
  }

  @Test
  void aGivenSettingIsKeptAndNoneIsEmpty() {
    TrainingData data = TrainingData.parse("toy:moons");
    assertEquals(Optional.empty(), Training.on(data).build().standardize());
    assertEquals(Optional.of(false), Training.on(data).standardize(false).build().standardize());
    assertEquals(Optional.of(true), Training.on(data).standardize(true).build().standardize());
  }
}
