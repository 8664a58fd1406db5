package dev.ebm.experiments.bench;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * {@code ebm bench --peer}: each workload timed by ebm in each of its configurations and by the
 * peer at each of its thread counts, alternated within one run over several passes (ebm first in
 * even passes, last in odd ones, so that the machine's drift falls on both alike). Each side's
 * figure is its best configuration's median over the passes; the ratio is ebm's over the peer's.
 * Prints one JSON line per timing as it finishes and a table at the end.
 */
public final class PeerComparison {

  /**
   * One workload compared.
   *
   * @param workload the workload
   * @param ebm ebm's steps/s in its best configuration, the median over the passes
   * @param peer the peer's steps/s at its best thread count, the median over the passes
   * @param peerThreads that thread count
   * @param ebmPeakResidentBytes ebm's peak resident memory while the workload ran
   * @param peerPeakResidentBytes the peer process's peak resident memory at {@code peerThreads}
   * @param ebmConfiguration the name of ebm's best configuration
   */
  public record Row(
      String workload,
      double ebm,
      double peer,
      int peerThreads,
      long ebmPeakResidentBytes,
      long peerPeakResidentBytes,
      String ebmConfiguration) {
    /** ebm's throughput over the peer's. */
    public double ratio() {
      return ebm / peer;
    }
  }

  /**
   * ebm in one configuration.
   *
   * @param name its name in the report, without spaces (e.g. {@code replicas=2})
   * @param runner what times the workloads in it
   */
  public record Configuration(String name, BenchmarkRunner runner) {}

  private final List<Configuration> configurations;
  private final PeerBenchmark peer;
  private final int[] peerThreads;
  private final int passes;
  private final int repetitions;
  private final double seconds;
  private final PrintStream out;

  /**
   * A comparison of ebm's timings in each of {@code configurations} with {@code peer}'s at each of
   * {@code peerThreads}, over {@code passes} passes, the peer timed with {@code repetitions} of
   * {@code seconds} each as the runners are.
   */
  public PeerComparison(
      List<Configuration> configurations,
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
    if (configurations.isEmpty()) {
      throw new IllegalArgumentException("need at least one configuration of ebm");
    }
    this.configurations = List.copyOf(configurations);
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

  /** Compares the named workloads (all when {@code only} is empty). */
  public List<Row> run(List<String> only) {
    List<String> names = BenchmarkRunner.choose(only).stream().map(Workload::name).toList();
    out.printf(
        Locale.ROOT,
        "{\"matmul_peak_gflops\": %.1f}%n",
        configurations.get(0).runner().matMulPeak());
    Map<String, Map<String, Passes>> timed = new LinkedHashMap<>();
    for (String name : names) {
      Map<String, Passes> contenders = new LinkedHashMap<>();
      configurations.forEach(c -> contenders.put(ebmKey(c.name()), new Passes(passes)));
      for (int t : peerThreads) {
        contenders.put(peerKey(t), new Passes(passes));
      }
      timed.put(name, contenders);
    }
    for (int pass = 0; pass < passes; pass++) {
      for (String name : names) {
        Map<String, Passes> contenders = timed.get(name);
        List<Runnable> order = new ArrayList<>();
        int p = pass;
        for (Configuration c : configurations) {
          order.add(
              () -> {
                BenchmarkRunner.Measurement m = c.runner().measure(name);
                contenders
                    .get(ebmKey(c.name()))
                    .record(p, m.medianStepsPerSecond(), m.peakResidentBytes());
                line(
                    p,
                    name,
                    "\"who\": \"ebm\", \"config\": \"" + c.name() + "\"",
                    m.medianStepsPerSecond());
              });
        }
        for (int t : peerThreads) {
          order.add(
              () -> {
                PeerBenchmark.Timing timing = peer.time(name, t, repetitions, seconds);
                contenders
                    .get(peerKey(t))
                    .record(p, timing.stepsPerSecond(), timing.peakResidentBytes());
                line(p, name, "\"who\": \"peer\", \"threads\": " + t, timing.stepsPerSecond());
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
      Map<String, Passes> contenders = timed.get(name);
      Configuration ebm = best(configurations, c -> contenders.get(ebmKey(c.name())).median());
      int best =
          best(
              Arrays.stream(peerThreads).boxed().toList(),
              t -> contenders.get(peerKey(t)).median());
      Passes ebmPasses = contenders.get(ebmKey(ebm.name()));
      Passes peerPasses = contenders.get(peerKey(best));
      rows.add(
          new Row(
              name,
              ebmPasses.median(),
              peerPasses.median(),
              best,
              ebmPasses.peakResidentBytes,
              peerPasses.peakResidentBytes,
              ebm.name()));
    }
    table(rows);
    return rows;
  }

  /** The first of {@code candidates} with the highest {@code median}. */
  private static <C> C best(List<C> candidates, ToDoubleFunction<C> median) {
    C best = candidates.get(0);
    for (C c : candidates) {
      if (median.applyAsDouble(c) > median.applyAsDouble(best)) {
        best = c;
      }
    }
    return best;
  }

  private static String ebmKey(String configuration) {
    return "ebm " + configuration;
  }

  private static String peerKey(int threads) {
    return "peer " + threads;
  }

  private void line(int pass, String workload, String who, double stepsPerSecond) {
    out.printf(
        Locale.ROOT,
        "{\"pass\": %d, \"workload\": \"%s\", %s, \"steps_per_s\": %.1f}%n",
        pass + 1,
        workload,
        who,
        stepsPerSecond);
    out.flush();
  }

  private void table(List<Row> rows) {
    out.println();
    out.printf(
        "%-16s %10s %10s %8s %7s %9s %9s  %s%n",
        "workload",
        "ebm best",
        "peer best",
        "threads",
        "ratio",
        "ebm MiB",
        "peer MiB",
        "ebm config");
    for (Row r : rows) {
      out.printf(
          Locale.ROOT,
          "%-16s %10.1f %10.1f %8d %7.2f %9.0f %9.0f  %s%n",
          r.workload(),
          r.ebm(),
          r.peer(),
          r.peerThreads(),
          r.ratio(),
          r.ebmPeakResidentBytes() / 1048576.0,
          r.peerPeakResidentBytes() / 1048576.0,
          r.ebmConfiguration());
    }
    out.printf(
        Locale.ROOT,
        "steps/s: medians over %d alternated passes of %d repetitions of %.1f s; ebm at its best"
            + " of %s, the peer at its best of %s threads; ratio = ebm / peer%n",
        passes,
        repetitions,
        seconds,
        configurations.stream().map(Configuration::name).toList(),
        Arrays.toString(peerThreads));
  }
}
