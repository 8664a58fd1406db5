package dev.ebm.experiments.bench;

import dev.ebm.core.graph.RunProfile;
import dev.ebm.core.graph.SessionOptions;
import dev.ebm.core.train.StepsPerRun;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.function.Function;

/**
 * Times workloads: warm-up, then the median of several repetitions of about {@code seconds} each,
 * in steps per second. A training workload is timed both ways, interleaved: one step per session
 * call, and {@code stepsPerCall} steps per call as {@code ebm train} runs them by default (its
 * target is judged on the latter). For each it also reports the ops executed per step and where
 * their time goes (one traced call), the FLOPs per step of its matrix products and convolutions
 * ({@link GraphFlops}), the achieved GFLOP/s and its fraction of this machine's matrix-multiply
 * peak ({@link MatMulPeak}), and the peak resident memory of the process while the workload ran.
 * Prints one JSON line per workload as it finishes and a table at the end.
 */
public final class BenchmarkRunner {

  /**
   * One workload's measurement.
   *
   * @param name the workload
   * @param stepsPerCall the steps per session call of {@code medianStepsPerSecond}
   * @param medianStepsPerSecond the median over repetitions, at {@code stepsPerCall}
   * @param repetitions every repetition's steps per second, at {@code stepsPerCall}
   * @param onePerCall the median at one step per call (training workloads only)
   * @param target the target of BENCHMARKS.md
   * @param opsPerStep the ops TensorFlow executed per step
   * @param flopsPerStep the counted FLOPs per step
   * @param peakResidentBytes the peak resident memory of the process while it ran (0 if unknown)
   * @param crossTaskBytesPerStep the bytes a step sends between a cluster's tasks (0 off a cluster)
   */
  public record Measurement(
      String name,
      int stepsPerCall,
      double medianStepsPerSecond,
      double[] repetitions,
      OptionalDouble onePerCall,
      double target,
      double opsPerStep,
      double flopsPerStep,
      long peakResidentBytes,
      long crossTaskBytesPerStep) {
    /** Whether the target is met. */
    public boolean met() {
      return medianStepsPerSecond >= target;
    }

    /** The achieved rate of counted arithmetic. */
    public double gflopsPerSecond() {
      return flopsPerStep * medianStepsPerSecond / 1e9;
    }
  }

  private final SessionOptions options;
  private final int repetitions;
  private final double seconds;
  private final StepsPerRun stepsPerCall;
  private final PrintStream out;

  /**
   * A runner with the given session options, repetitions, seconds per repetition and training steps
   * per session call ({@link StepsPerRun#auto()}: as {@code ebm train} chooses for a long run).
   */
  public BenchmarkRunner(
      SessionOptions options,
      int repetitions,
      double seconds,
      StepsPerRun stepsPerCall,
      PrintStream out) {
    if (repetitions < 1 || !(seconds > 0)) {
      throw new IllegalArgumentException("need at least one repetition of positive length");
    }
    this.options = options;
    this.repetitions = repetitions;
    this.seconds = seconds;
    this.stepsPerCall = stepsPerCall;
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
    List<Workload> chosen = choose(only);
    double peak = MatMulPeak.measure(options, seconds);
    out.printf("{\"matmul_peak_gflops\": %.1f}%n", peak);
    List<Measurement> results = new ArrayList<>();
    for (Workload workload : chosen) {
      Measurement m = measure(workload);
      results.add(m);
      out.println(json(m, peak));
      out.flush();
    }
    out.println();
    out.printf(
        "%-16s %10s %10s %8s %5s %8s %9s %8s %7s %8s%n",
        "workload",
        "1/call",
        "K/call",
        "target",
        "met",
        "ops/step",
        "MFLOP/st",
        "GFLOP/s",
        "%peak",
        "RSS MiB");
    for (Measurement m : results) {
      out.printf(
          "%-16s %10s %10.1f %8.0f %5s %8.0f %9.2f %8.2f %6.1f%% %8.0f%n",
          m.name(),
          m.onePerCall().isPresent() ? String.format("%.1f", m.onePerCall().getAsDouble()) : "-",
          m.medianStepsPerSecond(),
          m.target(),
          m.met() ? "yes" : "NO",
          m.opsPerStep(),
          m.flopsPerStep() / 1e6,
          m.gflopsPerSecond(),
          100 * m.gflopsPerSecond() / peak,
          m.peakResidentBytes() / 1048576.0);
    }
    out.printf(
        "K/call: %s training steps per session call; matrix-multiply peak %.1f GFLOP/s%n",
        stepsPerCall.fixed().isEmpty()
            ? "auto (steps_per_call in the JSON lines)"
            : stepsPerCall.toString(),
        peak);
    return results;
  }

  /**
   * Traces {@code profiled} calls of one workload (after warm-up) and writes its op time per step
   * by op type, and by op type and output shape (which tells layers apart), summed over the calls,
   * to {@code file} as JSON; prints the top of both tables.
   */
  public void profile(String name, int profiled, Path file) throws IOException {
    Workload workload = choose(List.of(name)).get(0);
    try (Workload.Step step =
        workload
            .factory()
            .build(options, workload.training() ? stepsPerCall : StepsPerRun.fixed(1))) {
      int perCall = step.stepsPerCall();
      warmUp(step);
      List<RunProfile> traced = new ArrayList<>();
      for (int i = 0; i < profiled; i++) {
        traced.add(step.profile());
      }
      double steps = (double) profiled * perCall * workload.unitSteps();
      List<Map<String, Object>> rows = perStep(traced, RunProfile::byType, "op_type", steps);
      List<Map<String, Object>> shapes =
          perStep(traced, RunProfile::byTypeAndShape, "op_type_and_shape", steps);
      Map<String, Object> report = new LinkedHashMap<>();
      report.put("workload", name);
      report.put("steps_per_call", perCall * workload.unitSteps());
      report.put("traced_calls", profiled);
      report.put("op_types", rows);
      report.put("op_types_by_output_shape", shapes);
      Files.writeString(
          file, new com.google.gson.GsonBuilder().setPrettyPrinting().create().toJson(report));
      double total = rows.stream().mapToDouble(r -> (double) r.get("micros_per_step")).sum();
      out.printf(
          "%s: op time per step %.0f µs over all threads (%d steps per call)%n",
          name, total, perCall * workload.unitSteps());
      printShares(rows, "op_type", "op type", 25, total);
      out.println();
      printShares(shapes, "op_type_and_shape", "op type and output shape", 15, total);
      out.println("written: " + file);
    }
  }

  /** Summed executions and op time of each group over the traced calls, per step, by op time. */
  private static List<Map<String, Object>> perStep(
      List<RunProfile> traced,
      Function<RunProfile, List<RunProfile.OpType>> groups,
      String key,
      double steps) {
    Map<String, double[]> sums = new LinkedHashMap<>();
    for (RunProfile profile : traced) {
      for (RunProfile.OpType t : groups.apply(profile)) {
        double[] sum = sums.computeIfAbsent(t.type(), k -> new double[2]);
        sum[0] += t.executions();
        sum[1] += t.micros();
      }
    }
    List<Map<String, Object>> rows = new ArrayList<>();
    sums.entrySet().stream()
        .sorted((a, b) -> Double.compare(b.getValue()[1], a.getValue()[1]))
        .forEach(
            e -> {
              Map<String, Object> row = new LinkedHashMap<>();
              row.put(key, e.getKey());
              row.put("executions_per_step", round(e.getValue()[0] / steps));
              row.put("micros_per_step", round(e.getValue()[1] / steps));
              rows.add(row);
            });
    return rows;
  }

  private void printShares(
      List<Map<String, Object>> rows, String key, String heading, int limit, double total) {
    out.printf("%-44s %10s %12s %7s%n", heading, "ops/step", "µs/step", "share");
    rows.stream()
        .limit(limit)
        .forEach(
            r ->
                out.printf(
                    "%-44s %10.1f %12.1f %6.1f%%%n",
                    r.get(key),
                    (double) r.get("executions_per_step"),
                    (double) r.get("micros_per_step"),
                    100 * (double) r.get("micros_per_step") / total));
  }

  static List<Workload> choose(List<String> only) {
    for (String name : only) {
      if (!names().contains(name)) {
        throw new IllegalArgumentException(
            "unknown workload '" + name + "'; known: " + String.join(", ", names()));
      }
    }
    List<Workload> chosen = new ArrayList<>();
    for (Workload w : Workloads.all()) {
      if (only.isEmpty() || only.contains(w.name())) {
        chosen.add(w);
      }
    }
    return chosen;
  }

  /**
   * Times a workload. A training workload whose default runs several steps per call is timed
   * interleaved with its one-step-per-call graph (both built and warmed, then alternating
   * repetitions), so that the machine's drift from one second to the next falls on both alike; the
   * peak memory then covers both graphs.
   */
  /** Times the named workload (see {@link #measure(Workload)}). */
  Measurement measure(String name) {
    return measure(choose(List.of(name)).get(0));
  }

  /** This machine's matrix-multiply peak in GFLOP/s, measured now ({@link MatMulPeak}). */
  double matMulPeak() {
    return MatMulPeak.measure(options, seconds);
  }

  /** Times one workload as {@link #run} does. */
  Measurement measure(Workload workload) {
    ResidentMemory.resetPeak();
    try (Workload.Step step =
        workload
            .factory()
            .build(options, workload.training() ? stepsPerCall : StepsPerRun.fixed(1))) {
      int perCall = step.stepsPerCall();
      double ops = step.profile().executions() / (double) (perCall * workload.unitSteps());
      double[] rates = new double[repetitions];
      OptionalDouble onePerCall = OptionalDouble.empty();
      if (perCall == 1) {
        warmUp(step);
        for (int r = 0; r < repetitions; r++) {
          rates[r] = rate(step, workload.unitSteps());
        }
        if (workload.training()) {
          onePerCall = OptionalDouble.of(median(rates));
        }
      } else {
        try (Workload.Step single = workload.factory().build(options, StepsPerRun.fixed(1))) {
          double[] singleRates = new double[repetitions];
          warmUp(step);
          warmUp(single);
          for (int r = 0; r < repetitions; r++) {
            rates[r] = rate(step, perCall * workload.unitSteps());
            singleRates[r] = rate(single, workload.unitSteps());
          }
          onePerCall = OptionalDouble.of(median(singleRates));
        }
      }
      return new Measurement(
          workload.name(),
          perCall,
          median(rates),
          rates,
          onePerCall,
          workload.target(),
          ops,
          step.flopsPerStep(),
          ResidentMemory.peakBytes(),
          step.crossTaskBytesPerStep());
    }
  }

  private void warmUp(Workload.Step step) {
    long warmupEnd = System.nanoTime() + (long) (Math.max(1.0, seconds) * 1e9);
    do {
      step.run();
    } while (System.nanoTime() < warmupEnd);
  }

  /** Steps per second over one repetition of about {@code seconds}. */
  private double rate(Workload.Step step, int stepsPerCallTimed) {
    long start = System.nanoTime();
    long end = start + (long) (seconds * 1e9);
    int calls = 0;
    long now;
    do {
      step.run();
      calls++;
      now = System.nanoTime();
    } while (now < end);
    return calls * (double) stepsPerCallTimed / ((now - start) / 1e9);
  }

  /** The median of {@code values}. */
  static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    return sorted.length % 2 == 1
        ? sorted[sorted.length / 2]
        : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
  }

  private static double round(double value) {
    return Math.round(value * 10) / 10.0;
  }

  private static String json(Measurement m, double peak) {
    Map<String, Object> line = new LinkedHashMap<>();
    line.put("workload", m.name());
    line.put("steps_per_s", round(m.medianStepsPerSecond()));
    line.put("steps_per_call", m.stepsPerCall());
    line.put("repetitions", Arrays.stream(m.repetitions()).map(BenchmarkRunner::round).toArray());
    if (m.onePerCall().isPresent()) {
      line.put("steps_per_s_one_per_call", round(m.onePerCall().getAsDouble()));
    }
    line.put("target", m.target());
    line.put("met", m.met());
    line.put("ops_per_step", round(m.opsPerStep()));
    line.put("mflops_per_step", Math.round(m.flopsPerStep() / 1e4) / 100.0);
    line.put("gflops_per_s", Math.round(m.gflopsPerSecond() * 100) / 100.0);
    line.put("peak_fraction", Math.round(m.gflopsPerSecond() / peak * 1000) / 1000.0);
    line.put("peak_rss_mib", Math.round(m.peakResidentBytes() / 1048576.0));
    if (m.crossTaskBytesPerStep() > 0) {
      line.put("cross_task_bytes_per_step", m.crossTaskBytesPerStep());
    }
    return new com.google.gson.Gson().toJson(line);
  }
}
