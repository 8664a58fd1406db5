package dev.ebm.experiments;

import dev.ebm.api.TrainedEnergy;
import dev.ebm.core.trained.TrainedModel;
import java.io.IOException;
import java.nio.file.Path;

/** Reads a run's trained model (parameters, step, statistics) back for a test to check. */
public final class Trained {

  private Trained() {}

  /** The trained model in the run (or composition) directory {@code run}. */
  public static TrainedModel model(Path run) throws IOException {
    try (TrainedEnergy energy = TrainedEnergy.load(run)) {
      return energy.model().orElseThrow();
    }
  }
}
