package dev.ebm.experiments;

import dev.ebm.api.TrainedEnergy;
import dev.ebm.core.run.RunLock;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ebm export}: a training run's latest checkpoint as a SavedModel (moving average when
 * kept).
 */
@Command(
    name = "export",
    mixinStandardHelpOptions = true,
    description =
        "Export a trained run as a SavedModel (signatures energy, score, serving_default).")
public final class ExportCommand implements Callable<Integer> {

  @Option(names = "--run", required = true, description = "the run directory")
  Path run;

  @Option(names = "--out", required = true, description = "the SavedModel directory to create")
  Path out;

  @Option(names = "--overwrite", description = "replace an existing export")
  boolean overwrite;

  // The run lock is held for the whole try block, not used in it.
  @SuppressWarnings("try")
  @Override
  public Integer call() throws Exception {
    // Read, then exported while no training writes the run.
    try (TrainedEnergy trained = TrainedEnergy.load(run);
        RunLock lock = RunLock.acquire(run)) {
      trained.export(out, overwrite);
      System.out.println(
          "exported step "
              + trained.provenance().step().orElseThrow()
              + " of "
              + run
              + " to "
              + out);
    }
    return 0;
  }
}
