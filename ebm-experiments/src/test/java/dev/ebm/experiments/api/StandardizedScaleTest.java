package dev.ebm.experiments.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ebm.api.TrainedEnergy;
import dev.ebm.api.Training;
import dev.ebm.api.TrainingData;
import dev.ebm.models.MlpEnergy;
import dev.ebm.models.layers.Activation;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.ndarray.Shape;

/**
 * Standardised data takes the scale its model asks for ({@code EnergyModel.standardizedScale()}):
 * standard deviation 4 for an MLP, named or given as an object, and 1 for the quadratic {@code
 * gaussian} model, whose initial precision is the identity.
 */
class StandardizedScaleTest {

  @TempDir Path dir;

  private double[] scales(Training.Builder training, String name) throws IOException {
    try (TrainedEnergy trained =
        training
            .method("dsm")
            .standardize(true)
            .steps(1)
            .batch(16)
            .runDirectory(dir.resolve(name))
            .build()
            .run()) {
      return trained.standardization().orElseThrow().scale();
    }
  }

  @Test
  void anMlpTrainsOnDataOfStandardDeviationFourAndTheGaussianOnUnitScale() throws IOException {
    TrainingData moons = TrainingData.toy("moons");
    double[] gaussian = scales(Training.on(moons).model("gaussian"), "gaussian");
    double[] named = scales(Training.on(moons).model("mlp:hidden=8"), "named");
    double[] given =
        scales(
            Training.on(moons)
                .model(new MlpEnergy(Shape.of(2), new int[] {8}, Activation.SOFTPLUS, false)),
            "given");
    for (int i = 0; i < 2; i++) {
      assertEquals(gaussian[i] / MlpEnergy.STANDARDIZED_SCALE, named[i], 1e-12);
      assertEquals(named[i], given[i], 1e-12);
    }
    assertEquals(4, MlpEnergy.STANDARDIZED_SCALE);
  }
}
