package dev.ebm.experiments.use;

import dev.ebm.experiments.TrainedRun;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
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

  /**
   * An opened energy, and the run it was read from (none for a SavedModel).
   *
   * @param function the energy
   * @param run the trained run, with its data statistics and settings
   */
  public record Opened(EnergyFunction function, Optional<TrainedRun> run) implements AutoCloseable {
    @Override
    public void close() {
      function.close();
    }
  }

  /** The run directory named, if a run (not a SavedModel) was named. */
  public Path runDirectory() {
    if (run == null) {
      throw new IllegalStateException("a SavedModel was named, not a run");
    }
    return run;
  }

  /** Opens the energy these options name. */
  public Opened open() throws IOException {
    if (run != null) {
      TrainedRun trained = TrainedRun.load(run);
      return new Opened(new GraphEnergyFunction(trained, run.toString()), Optional.of(trained));
    }
    return new Opened(new SavedEnergyFunction(saved), Optional.empty());
  }
}
