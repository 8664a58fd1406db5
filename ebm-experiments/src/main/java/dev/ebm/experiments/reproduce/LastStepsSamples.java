package dev.ebm.experiments.reproduce;

import dev.ebm.core.data.CsvPoints;
import dev.ebm.core.train.StepResult;
import dev.ebm.core.train.TrainingListener;
import dev.ebm.core.train.TrainingRun;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Keeps the training sampler's samples (the negative-phase chains of a method that reports them) of
 * a run's last {@code count} steps: what the training distribution q_θ looks like at the end, as
 * opposed to fresh chains drawn from the trained energy afterwards. They are written to a CSV file
 * in the run directory when training ends, so that a finished run that is run again (and trains no
 * step) still has them.
 */
final class LastStepsSamples implements TrainingListener {

  /** The file in the run directory that holds them. */
  static final String FILE = "training-samples.csv";

  private final long firstKept;
  private final Path file;
  private final List<double[]> kept = new ArrayList<>();

  /**
   * Keeps the 2-D samples of steps {@code totalSteps − count + 1} to {@code totalSteps} of {@code
   * run}.
   */
  LastStepsSamples(Path run, long totalSteps, int count) {
    this.firstKept = totalSteps - count + 1;
    this.file = run.resolve(FILE);
  }

  @Override
  public boolean wantsSamples(TrainingRun run, long step) {
    return step >= firstKept;
  }

  @Override
  public void onSamples(TrainingRun run, long step, double[] samples, long[] shape) {
    kept.add(samples.clone());
  }

  @Override
  public void onEnd(TrainingRun run, StepResult last) throws IOException {
    if (!kept.isEmpty()) {
      int total = kept.stream().mapToInt(s -> s.length).sum();
      double[] all = new double[total];
      int at = 0;
      for (double[] samples : kept) {
        System.arraycopy(samples, 0, all, at, samples.length);
        at += samples.length;
      }
      DefaultsCheck.writePoints(file, all);
    }
  }

  /**
   * The kept samples, row-major, step after step, as the run directory holds them.
   *
   * @throws IllegalStateException if the run kept none (it ended before its last steps)
   */
  double[] points() throws IOException {
    if (!Files.exists(file)) {
      throw new IllegalStateException(
          "the run in "
              + file.getParent()
              + " kept no training-sampler samples: it stopped before its last steps");
    }
    return CsvPoints.read(file).toDoubles();
  }
}
