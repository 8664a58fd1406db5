package dev.ebm.experiments.bench;

import dev.ebm.core.graph.SessionOptions;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Times workloads: warm-up, then the median of several repetitions of about {@code seconds} each,
 * in steps per second; prints one JSON line per workload as it finishes and a table at the end.
 */
public final class BenchmarkRunner {

  /** One workload's measurement. */
  public record Measurement(
      String name, double medianStepsPerSecond, double[] repetitions, double target) {
    boolean met() {
      return medianStepsPerSecond >= target;
    }
  }

  private final SessionOptions options;
  private final int repetitions;
  private final double seconds;
  private final PrintStream out;

  /** A runner with the given session options, repetitions and seconds per repetition. */
  public BenchmarkRunner(SessionOptions options, int repetitions, double seconds, PrintStream out) {
    if (repetitions < 1 || !(seconds > 0)) {
      throw new IllegalArgumentException("need at least one repetition of positive length");
    }
    this.options = options;
    this.repetitions = repetitions;
    this.seconds = seconds;
    this.out = out;
  }

  /** The names of all workloads. */
  public static List<String> names() {
    return Workloads.all().stream().map(Workload::name).toList();
  }

  /**
   * Runs the named workloads (all when {@code only} is empty).
   *
   * @throws IllegalArgumentException naming an unknown workload and listing the known ones
   */
  public List<Measurement> run(List<String> only) {
    List<Workload> chosen = new ArrayList<>();
    for (String name : only) {
      if (!names().contains(name)) {
        throw new IllegalArgumentException(
            "unknown workload '" + name + "'; known: " + String.join(", ", names()));
      }
    }
    for (Workload w : Workloads.all()) {
      if (only.isEmpty() || only.contains(w.name())) {
        chosen.add(w);
      }
    }
    List<Measurement> results = new ArrayList<>();
    for (Workload workload : chosen) {
      Measurement m = measure(workload);
      results.add(m);
      out.println(json(m));
      out.flush();
    }
    out.println();
    out.printf("%-16s %12s %10s %6s%n", "workload", "steps/s", "target", "met");
    for (Measurement m : results) {
      out.printf(
          "%-16s %12.1f %10.0f %6s%n",
          m.name(), m.medianStepsPerSecond(), m.target(), m.met() ? "yes" : "NO");
    }
    return results;
  }

  private Measurement measure(Workload workload) {
    try (Workload.Step step = workload.factory().build(options)) {
      long warmupEnd = System.nanoTime() + (long) (Math.max(1.0, seconds) * 1e9);
      do {
        step.run();
      } while (System.nanoTime() < warmupEnd);
      double[] rates = new double[repetitions];
      for (int r = 0; r < repetitions; r++) {
        long start = System.nanoTime();
        long end = start + (long) (seconds * 1e9);
        int calls = 0;
        long now;
        do {
          step.run();
          calls++;
          now = System.nanoTime();
        } while (now < end);
        rates[r] = calls * (double) workload.unitSteps() / ((now - start) / 1e9);
      }
      double[] sorted = rates.clone();
      Arrays.sort(sorted);
      double median =
          sorted.length % 2 == 1
              ? sorted[sorted.length / 2]
              : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
      return new Measurement(workload.name(), median, rates, workload.target());
    }
  }

  private static String json(Measurement m) {
    Map<String, Object> line = new LinkedHashMap<>();
    line.put("workload", m.name());
    line.put("steps_per_s", Math.round(m.medianStepsPerSecond() * 10) / 10.0);
    line.put(
        "repetitions",
        Arrays.stream(m.repetitions()).map(r -> Math.round(r * 10) / 10.0).toArray());
    line.put("target", m.target());
    line.put("met", m.met());
    return new com.google.gson.Gson().toJson(line);
  }
}
