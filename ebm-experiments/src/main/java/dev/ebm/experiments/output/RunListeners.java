package dev.ebm.experiments.output;

import dev.ebm.core.train.MetricsFile;
import dev.ebm.core.train.ProgressBar;
import dev.ebm.core.train.TensorBoardLogger;
import dev.ebm.core.train.TrainingListener;
import java.io.PrintStream;
import java.util.List;

/**
 * What every training run of the command line and the reproductions reports to: the terminal,
 * metrics.jsonl and TensorBoard.
 */
public final class RunListeners {

  private RunListeners() {}

  /**
   * A progress bar on {@code out}, the metrics file, and TensorBoard scalars (and sample images
   * every {@code imageEvery} steps, 0 for none).
   */
  public static List<TrainingListener> standard(PrintStream out, int imageEvery) {
    return List.of(
        new ProgressBar(out, System.console() != null),
        new MetricsFile(),
        imageEvery > 0 ? new TensorBoardLogger(imageEvery, 0, 1) : TensorBoardLogger.scalars());
  }
}
