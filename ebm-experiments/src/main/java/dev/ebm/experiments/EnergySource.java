package dev.ebm.experiments;

import dev.ebm.api.TrainedEnergy;
import java.io.IOException;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * The command-line options that name a trained energy: {@code --run DIR} (a training run or a
 * composition of runs) or {@code --saved DIR} (an exported SavedModel). Used as an exclusive
 * argument group by every command that uses a trained energy.
 */
public final class EnergySource {

  @Option(names = "--run", required = true, description = "a training run or composition directory")
  Path run;

  @Option(names = "--saved", required = true, description = "an exported SavedModel directory")
  Path saved;

  /** The run directory named, if a run (not a SavedModel) was named. */
  public Path runDirectory() {
    if (run == null) {
      throw new IllegalStateException("a SavedModel was named, not a run");
    }
    return run;
  }

  /** Whether a run or composition (not a SavedModel) was named. */
  public boolean isRun() {
    return run != null;
  }

  /** Opens the energy these options name. */
  public TrainedEnergy open() throws IOException {
    return run != null ? TrainedEnergy.load(run) : TrainedEnergy.loadSavedModel(saved);
  }
}
