package dev.ebm.experiments;

import dev.ebm.experiments.bench.BatchWidthSweep;
import dev.ebm.experiments.bench.BenchmarkRunner;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Option;

/** {@code ebm bench}'s sweep: {@code dsm_mlp2d} over a grid of batch sizes and widths. */
final class SweepOptions {

  @Option(
      names = "--sweep",
      paramLabel = "PNG",
      description =
          "instead of the workloads, time dsm_mlp2d at every batch and hidden width of"
              + " --sweep-batches and --sweep-widths; print the table and plot it into PNG")
  Path plot;

  @Option(
      names = "--sweep-batches",
      split = ",",
      defaultValue = "32,64,128,256,512,1024",
      description = "the sweep's batch sizes (default: ${DEFAULT-VALUE})")
  List<Integer> batches;

  @Option(
      names = "--sweep-widths",
      split = ",",
      defaultValue = "64,128,256,512,1024",
      description = "the sweep's hidden widths (default: ${DEFAULT-VALUE})")
  List<Integer> widths;

  /** Whether {@code --sweep} was given. */
  boolean requested() {
    return plot != null;
  }

  /** Times the grid with {@code runner}, prints its table and writes the plot. */
  void run(BenchmarkRunner runner) throws IOException {
    new BatchWidthSweep(runner, batches, widths, System.out).run(plot);
  }
}
