package dev.ebm.experiments.bench;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code ebm bench --peer}: each workload timed by ebm and by the peer at each of its thread
 * counts, alternated within one run over several passes (ebm first in even passes, last in odd
 * ones, so that the machine's drift falls on both alike). The peer's figure is its best thread
 * count's median over the passes, ebm's its median over the passes; the ratio is ebm's over the
 * peer's. Prints one JSON line per timing as it finishes and a table at the end.
 */
public final class PeerComparison {

  /**
   * One workload compared.
   *
   * @param workload the workload
   * @param ebm ebm's steps/s, the median over the passes
   * @param peer the peer's steps/s at its best thread count, the median over the passes
   * @param peerThreads that thread count
   * @param ebmPeakResidentBytes ebm's peak resident memory while the workload ran
   * @param peerPeakResidentBytes the peer process's peak resident memory at {@code peerThreads}
   */
  public record Row(
      String workload,
      double ebm,
      double peer,
      int peerThreads,
      long ebmPeakResidentBytes,
      long peerPeakResidentBytes) {
    /** ebm's throughput over the peer's. */
    public double ratio() {
      return ebm / peer;
    }
  }

  private final BenchmarkRunner runner;
  private final PeerBenchmark peer;
  private final int[] peerThreads;
  private final int passes;
  private final int repetitions;
  private final double seconds;
  private final PrintStream out;

  /**
   * A comparison of {@code runner}'s timings with {@code peer}'s at each of {@code peerThreads},
   * over {@code passes} passes, the peer timed with {@code repetitions} of {@code seconds} each as
   * the runner is.
   */
  public PeerComparison(
      BenchmarkRunner runner,
      PeerBenchmark peer,
      int[] peerThreads,
      int passes,
      int repetitions,
      double seconds,
      PrintStream out) {
    if (passes < 1 || peerThreads.length == 0 || Arrays.stream(peerThreads).anyMatch(t -> t < 1)) {
      throw new IllegalArgumentException(
          "need at least one pass and one peer thread count, each at least 1");
    }
    this.runner = runner;
    this.peer = peer;
    this.peerThreads = peerThreads.clone();
    this.passes = passes;
    this.repetitions = repetitions;
    this.seconds = seconds;
    this.out = out;
  }

  /** One contender's timings of one workload, a rate per pass and the highest peak memory. */
  private static final class Passes {
    final double[] stepsPerSecond;
    long peakResidentBytes;

    Passes(int passes) {
      stepsPerSecond = new double[passes];
    }

    void record(int pass, double rate, long residentBytes) {
      stepsPerSecond[pass] = rate;
      peakResidentBytes = Math.max(peakResidentBytes, residentBytes);
    }

    double median() {
      return BenchmarkRunner.median(stepsPerSecond);
    }
  }

  /** The key of ebm's timings among the peer's, which are keyed by their thread count. */
  private static final int EBM = 0;

  /** Compares the named workloads (all when {@code only} is empty). */
  public List<Row> run(List<String> only) {
    List<String> names = BenchmarkRunner.choose(only).stream().map(Workload::name).toList();
    out.printf(Locale.ROOT, "{\"matmul_peak_gflops\": %.1f}%n", runner.matMulPeak());
    Map<String, Map<Integer, Passes>> timed = new LinkedHashMap<>();
    for (String name : names) {
      Map<Integer, Passes> contenders = new LinkedHashMap<>();
      contenders.put(EBM, new Passes(passes));
      for (int t : peerThreads) {
        contenders.put(t, new Passes(passes));
      }
      timed.put(name, contenders);
    }
    for (int pass = 0; pass < passes; pass++) {
      for (String name : names) {
        Map<Integer, Passes> contenders = timed.get(name);
        List<Runnable> order = new ArrayList<>();
        int p = pass;
        order.add(
            () -> {
              BenchmarkRunner.Measurement m = runner.measure(name);
              contenders.get(EBM).record(p, m.medianStepsPerSecond(), m.peakResidentBytes());
              line(p, name, "ebm", 0, m.medianStepsPerSecond());
            });
        for (int t : peerThreads) {
          order.add(
              () -> {
                PeerBenchmark.Timing timing = peer.time(name, t, repetitions, seconds);
                contenders.get(t).record(p, timing.stepsPerSecond(), timing.peakResidentBytes());
                line(p, name, "peer", t, timing.stepsPerSecond());
              });
        }
        if (pass % 2 == 1) {
          Collections.reverse(order);
        }
        order.forEach(Runnable::run);
      }
    }
    List<Row> rows = new ArrayList<>();
    for (String name : names) {
      Map<Integer, Passes> contenders = timed.get(name);
      int best = peerThreads[0];
      for (int t : peerThreads) {
        if (contenders.get(t).median() > contenders.get(best).median()) {
          best = t;
        }
      }
      rows.add(
          new Row(
              name,
              contenders.get(EBM).median(),
              contenders.get(best).median(),
              best,
              contenders.get(EBM).peakResidentBytes,
              contenders.get(best).peakResidentBytes));
    }
    table(rows);
    return rows;
  }

  private void line(int pass, String workload, String who, int threads, double stepsPerSecond) {
    out.printf(
        Locale.ROOT,
        "{\"pass\": %d, \"workload\": \"%s\", \"who\": \"%s\"%s, \"steps_per_s\": %.1f}%n",
        pass + 1,
        workload,
        who,
        threads > 0 ? ", \"threads\": " + threads : "",
        stepsPerSecond);
    out.flush();
  }

  private void table(List<Row> rows) {
    out.println();
    out.printf(
        "%-16s %10s %10s %8s %7s %9s %9s%n",
        "workload", "ebm", "peer best", "threads", "ratio", "ebm MiB", "peer MiB");
    for (Row r : rows) {
      out.printf(
          Locale.ROOT,
          "%-16s %10.1f %10.1f %8d %7.2f %9.0f %9.0f%n",
          r.workload(),
          r.ebm(),
          r.peer(),
          r.peerThreads(),
          r.ratio(),
          r.ebmPeakResidentBytes() / 1048576.0,
          r.peerPeakResidentBytes() / 1048576.0);
    }
    out.printf(
        Locale.ROOT,
        "steps/s: medians over %d alternated passes of %d repetitions of %.1f s; the peer at its"
            + " best of %s threads; ratio = ebm / peer%n",
        passes,
        repetitions,
        seconds,
        Arrays.toString(peerThreads));
  }
}
