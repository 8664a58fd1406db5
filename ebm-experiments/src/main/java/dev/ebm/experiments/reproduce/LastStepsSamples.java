package dev.ebm.experiments.reproduce;

import dev.ebm.core.train.TrainingListener;
import dev.ebm.core.train.TrainingRun;
import java.util.ArrayList;
import java.util.List;

/**
 * Keeps the training sampler's samples (the negative-phase chains of a method that reports them) of
 * a run's last {@code count} steps: what the training distribution q_θ looks like at the end, as
 * opposed to fresh chains drawn from the trained energy afterwards.
 */
final class LastStepsSamples implements TrainingListener {

  private final long firstKept;
  private final List<double[]> kept = new ArrayList<>();

  /** Keeps the samples of steps {@code totalSteps − count + 1} to {@code totalSteps}. */
  LastStepsSamples(long totalSteps, int count) {
    this.firstKept = totalSteps - count + 1;
  }

  @Override
  public boolean wantsSamples(TrainingRun run, long step) {
    return step >= firstKept;
  }

  @Override
  public void onSamples(TrainingRun run, long step, double[] samples, long[] shape) {
    kept.add(samples.clone());
  }

  /** The kept samples, row-major, step after step. */
  double[] points() {
    int total = kept.stream().mapToInt(s -> s.length).sum();
    double[] all = new double[total];
    int at = 0;
    for (double[] samples : kept) {
      System.arraycopy(samples, 0, all, at, samples.length);
      at += samples.length;
    }
    return all;
  }
}
