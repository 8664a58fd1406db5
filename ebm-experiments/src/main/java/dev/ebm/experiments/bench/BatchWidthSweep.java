package dev.ebm.experiments.bench;

import dev.ebm.experiments.plot.LinePlot;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * {@code ebm bench --sweep}: how the cost of a training step grows with its size. {@code dsm_mlp2d}
 * is timed at every batch B and hidden width W of a grid; the table gives steps per second and
 * samples per second ({@code B ×} steps/s) for each, and the plot draws both against {@code log₂
 * B}, one line per width. A step's products are {@code [B, W]·[W, W]}: where samples per second
 * still rise with B, a step is too small to keep the cores busy; where steps per second fall as
 * {@code 1/(B·W²)}, it is bound by its arithmetic.
 *
 * @param runner times each point
 * @param batches the batch sizes
 * @param widths the hidden widths
 * @param out where the table goes
 */
public record BatchWidthSweep(
    BenchmarkRunner runner, List<Integer> batches, List<Integer> widths, PrintStream out) {

  /**
   * @throws IllegalArgumentException for an empty grid or a size below 1
   */
  public BatchWidthSweep {
    batches = List.copyOf(batches);
    widths = List.copyOf(widths);
    if (batches.isEmpty()
        || widths.isEmpty()
        || batches.stream().anyMatch(b -> b < 1)
        || widths.stream().anyMatch(w -> w < 1)) {
      throw new IllegalArgumentException(
          "the sweep needs at least one batch and one width, each at least 1; got batches "
              + batches
              + " and widths "
              + widths);
    }
  }

  /**
   * Times every point, prints the table and writes the plot to {@code plot}.
   *
   * @return steps per second, {@code [width][batch]}
   */
  public double[][] run(Path plot) throws IOException {
    double[][] steps = new double[widths.size()][batches.size()];
    for (int w = 0; w < widths.size(); w++) {
      for (int b = 0; b < batches.size(); b++) {
        BenchmarkRunner.Measurement m =
            runner.measure(Workloads.dsmMlp2d(batches.get(b), widths.get(w)));
        steps[w][b] = m.medianStepsPerSecond();
        out.printf(
            Locale.ROOT,
            "{\"workload\": \"%s\", \"batch\": %d, \"width\": %d, \"steps_per_second\": %.2f,"
                + " \"samples_per_second\": %.0f, \"gflops\": %.2f}%n",
            m.name(),
            batches.get(b),
            widths.get(w),
            steps[w][b],
            steps[w][b] * batches.get(b),
            m.gflopsPerSecond());
        out.flush();
      }
    }
    printTable(steps);
    writePlot(steps, plot);
    return steps;
  }

  private void printTable(double[][] steps) {
    out.println();
    out.println("dsm_mlp2d steps/s (samples/s) by batch (rows) and hidden width (columns)");
    out.printf(Locale.ROOT, "%6s", "batch");
    widths.forEach(w -> out.printf(Locale.ROOT, " %20s", "W=" + w));
    out.println();
    for (int b = 0; b < batches.size(); b++) {
      out.printf(Locale.ROOT, "%6d", batches.get(b));
      for (int w = 0; w < widths.size(); w++) {
        out.printf(
            Locale.ROOT,
            " %20s",
            String.format(Locale.ROOT, "%.1f (%.0f)", steps[w][b], steps[w][b] * batches.get(b)));
      }
      out.println();
    }
  }

  private void writePlot(double[][] steps, Path file) throws IOException {
    double[] log2Batch = batches.stream().mapToDouble(b -> Math.log(b) / Math.log(2)).toArray();
    LinePlot plot = new LinePlot();
    plot.panel("dsm_mlp2d: steps/s against log2 batch");
    for (int w = 0; w < widths.size(); w++) {
      plot.series("width " + widths.get(w), log2Batch, steps[w]);
    }
    plot.panel("samples/s (thousands) against log2 batch");
    for (int w = 0; w < widths.size(); w++) {
      double[] samples = new double[batches.size()];
      for (int b = 0; b < batches.size(); b++) {
        samples[b] = steps[w][b] * batches.get(b) / 1000;
      }
      plot.series("width " + widths.get(w), log2Batch, samples);
    }
    plot.write(file);
  }
}
