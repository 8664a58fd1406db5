package dev.ebm.core.train;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;

/**
 * Shows training progress on a terminal: {@code step 1200/10000 [=====> ] 12% 850 it/s ETA 0:00:10
 * loss 0.5321}, redrawn in place on an interactive terminal and printed as a new line otherwise
 * (for log files), every log interval and at least every {@value #QUIET_SECONDS} seconds. A first
 * step that takes {@value #SLOW_STEP_SECONDS} s or more is reported with the time the run will take
 * at that pace, so that a run of hours says so at once.
 */
public final class ProgressBar implements TrainingListener {

  private static final int WIDTH = 24;

  /** The longest silence between two progress lines. */
  static final int QUIET_SECONDS = 10;

  /** A first step at least this long is reported with an estimate of the whole run. */
  static final double SLOW_STEP_SECONDS = 1;

  private final PrintStream out;
  private final boolean interactive;
  private long lastStep;
  private long lastNanos;
  private boolean firstStepSeen;

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
    firstStepSeen = false;
    out.println(
        (run.firstStep() > 0 ? "resuming at step " + run.firstStep() + ": " : "training: ")
            + run.description());
  }

  @Override
  public void onStep(TrainingRun run, StepResult result) {
    if (!firstStepSeen) {
      firstStepSeen = true;
      if (result.elapsedSeconds() >= SLOW_STEP_SECONDS) {
        long toGo = run.totalSteps() - run.firstStep();
        out.printf(
            Locale.ROOT,
            "the first step took %.1f s (warm-up included): at that pace the %d steps take about"
                + " %s%n",
            result.elapsedSeconds(),
            toGo,
            format(Duration.ofSeconds((long) (result.elapsedSeconds() * toGo))));
        out.flush();
      }
    }
    long now = System.nanoTime();
    boolean quietTooLong = now - lastNanos >= QUIET_SECONDS * 1_000_000_000L;
    if (!run.isLogStep(result.step()) && !quietTooLong) {
      return;
    }
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
