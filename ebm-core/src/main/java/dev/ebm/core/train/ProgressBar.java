package dev.ebm.core.train;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;

/**
 * Shows training progress on a terminal: {@code step 1200/10000 [=====> ] 12% 850 it/s ETA 0:00:10
 * loss 0.5321}, redrawn in place on an interactive terminal and printed as a new line every log
 * interval otherwise (for log files).
 */
public final class ProgressBar implements TrainingListener {

  private static final int WIDTH = 24;

  private final PrintStream out;
  private final boolean interactive;
  private long lastStep;
  private long lastNanos;

  /** A progress bar on {@code out}, redrawn in place if {@code interactive}. */
  public ProgressBar(PrintStream out, boolean interactive) {
    this.out = out;
    this.interactive = interactive;
  }

  /** A progress bar on standard error, interactive when a console is attached. */
  public static ProgressBar onConsole() {
    return new ProgressBar(System.err, System.console() != null);
  }

  @Override
  public void onStart(TrainingRun run) {
    lastStep = run.firstStep();
    lastNanos = System.nanoTime();
    out.println(
        (run.firstStep() > 0 ? "resuming at step " + run.firstStep() + ": " : "training: ")
            + run.description());
  }

  @Override
  public void onStep(TrainingRun run, StepResult result) {
    if (!run.isLogStep(result.step())) {
      return;
    }
    long now = System.nanoTime();
    double rate = (result.step() - lastStep) / Math.max((now - lastNanos) / 1e9, 1e-9);
    lastStep = result.step();
    lastNanos = now;
    out.print((interactive ? "\r" : "") + line(run, result, rate));
    if (!interactive) {
      out.println();
    }
    out.flush();
  }

  @Override
  public void onEnd(TrainingRun run, StepResult last) {
    if (interactive) {
      out.println();
    }
    if (last != null) {
      out.printf(
          Locale.ROOT,
          "done: %d steps in %s (%.1f steps/s), final loss %.5g%n",
          last.step() - run.firstStep(),
          format(Duration.ofMillis((long) (last.elapsedSeconds() * 1000))),
          (last.step() - run.firstStep()) / Math.max(last.elapsedSeconds(), 1e-9),
          last.loss());
    }
    out.flush();
  }

  static String line(TrainingRun run, StepResult result, double rate) {
    long total = run.totalSteps();
    double fraction = (double) result.step() / total;
    int filled = (int) Math.round(fraction * WIDTH);
    StringBuilder bar = new StringBuilder("[");
    for (int i = 0; i < WIDTH; i++) {
      bar.append(i < filled - 1 ? '=' : i == filled - 1 ? '>' : ' ');
    }
    bar.append(']');
    long remaining = (long) ((total - result.step()) / Math.max(rate, 1e-9));
    StringBuilder s =
        new StringBuilder(
            String.format(
                Locale.ROOT,
                "step %d/%d %s %3d%% %7.1f it/s ETA %s loss %.5g",
                result.step(),
                total,
                bar,
                Math.round(100 * fraction),
                rate,
                format(Duration.ofSeconds(remaining)),
                result.loss()));
    for (Map.Entry<String, Double> d : result.diagnostics().entrySet()) {
      s.append(String.format(Locale.ROOT, " %s %.4g", d.getKey(), d.getValue()));
    }
    return s.toString();
  }

  private static String format(Duration d) {
    return String.format(
        Locale.ROOT, "%d:%02d:%02d", d.toHours(), d.toMinutesPart(), d.toSecondsPart());
  }
}
