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
    if (passes < 1 || peerThreads.length == 0) {
      throw new IllegalArgumentException("need at least one pass and one peer thread count");
    }
    this.runner = runner;
    this.peer = peer;
    this.peerThreads = peerThreads.clone();
    this.passes = passes;
    this.repetitions = repetitions;
    this.seconds = seconds;
    this.out = out;
  }

  /** Compares the named workloads (all when {@code only} is empty). */
  public List<Row> run(List<String> only) {
    List<String> names = BenchmarkRunner.choose(only).stream().map(Workload::name).toList();
    out.printf(Locale.ROOT, "{\"matmul_peak_gflops\": %.1f}%n", runner.matMulPeak());
    Map<String, double[]> ebm = new LinkedHashMap<>();
    Map<String, long[]> ebmMemory = new LinkedHashMap<>();
    Map<String, Map<Integer, double[]>> peers = new LinkedHashMap<>();
    Map<String, Map<Integer, long[]>> peerMemory = new LinkedHashMap<>();
    for (String name : names) {
      ebm.put(name, new double[passes]);
      ebmMemory.put(name, new long[passes]);
      peers.put(name, new LinkedHashMap<>());
      peerMemory.put(name, new LinkedHashMap<>());
      for (int t : peerThreads) {
        peers.get(name).put(t, new double[passes]);
        peerMemory.get(name).put(t, new long[passes]);
      }
    }
    for (int pass = 0; pass < passes; pass++) {
      for (String name : names) {
        List<Runnable> order = new ArrayList<>();
        int p = pass;
        order.add(
            () -> {
              BenchmarkRunner.Measurement m = runner.measure(name);
              ebm.get(name)[p] = m.medianStepsPerSecond();
              ebmMemory.get(name)[p] = m.peakResidentBytes();
              line(p, name, "ebm", 0, m.medianStepsPerSecond());
            });
        for (int t : peerThreads) {
          order.add(
              () -> {
                PeerBenchmark.Timing timing = peer.time(name, t, repetitions, seconds);
                peers.get(name).get(t)[p] = timing.stepsPerSecond();
                peerMemory.get(name).get(t)[p] = timing.peakResidentBytes();
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
      int best = peerThreads[0];
      for (int t : peerThreads) {
        if (BenchmarkRunner.median(peers.get(name).get(t))
            > BenchmarkRunner.median(peers.get(name).get(best))) {
          best = t;
        }
      }
      rows.add(
          new Row(
              name,
              BenchmarkRunner.median(ebm.get(name)),
              BenchmarkRunner.median(peers.get(name).get(best)),
              best,
              Arrays.stream(ebmMemory.get(name)).max().orElse(0),
              Arrays.stream(peerMemory.get(name).get(best)).max().orElse(0)));
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
