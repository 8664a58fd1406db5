package dev.ebm.experiments.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ebm.api.TrainedEnergy;
import dev.ebm.api.Training;
import dev.ebm.api.TrainingData;
import dev.ebm.core.data.Rows;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/**
 * A step split into two replicas on the device trains a stateless method as one replica does; a
 * batch that does not split evenly, fewer than one replica, and replicas on a cluster are refused
 * naming the fix.
 */
class LocalReplicasTest {

  private static Training.Builder dsm(int replicas, int batch) {
    return Training.on(TrainingData.toy("moons"))
        .model("mlp:hidden=16:16")
        .method("dsm")
        .steps(30)
        .batch(batch)
        .seed(3)
        .replicas(replicas);
  }

  private static double[] energies(Training.Builder training) throws IOException {
    try (TrainedEnergy energy = training.build().run()) {
      return energy.energy(Rows.of(new double[] {0, 0, 1, 0.5, -1, 0.25, 0.5, -0.4}, 2));
    }
  }

  @Test
  void twoReplicasTrainAStatelessMethodAsOneDoes() throws IOException {
    // The same noise per row and the mean of the replicas' mean gradients: equal up to float32
    // rounding of the sums.
    assertArrayEquals(energies(dsm(1, 64)), energies(dsm(2, 64)), 1e-4);
  }

  @Test
  void anUnevenBatchAndNoReplicaAreRefused() {
    IllegalArgumentException uneven =
        assertThrows(IllegalArgumentException.class, () -> energies(dsm(2, 63)));
    assertTrue(uneven.getMessage().contains("choose a multiple of 2"), uneven.getMessage());
    IllegalArgumentException none = assertThrows(IllegalArgumentException.class, () -> dsm(0, 64));
    assertTrue(none.getMessage().contains("at least 1"), none.getMessage());
  }
}
