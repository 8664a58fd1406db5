package dev.ebm.api;

import dev.ebm.core.sampling.Sampler;
import dev.ebm.core.trained.ChainRunner;
import dev.ebm.core.trained.EnergyFunction;
import dev.ebm.core.trained.GraphSampling;
import dev.ebm.core.trained.SampleDiagnostics;
import dev.ebm.core.trained.SamplingPlan;
import dev.ebm.core.trained.TrainedModel;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.SplittableRandom;

/**
 * Draws the samples a {@link Sampling} asks for: starts uniform in the range from a {@link
 * SplittableRandom} of the sampling's seed, whose next long then seeds the chain; a {@link
 * SamplingPlan} runs outside the graph with the states recorded over its second half, any other
 * sampler in a graph of its own; then the chains' diagnostics.
 */
final class SampleRun {

  private SampleRun() {}

  /**
   * The samples of {@code plan} or, when it is empty, of {@code inGraph}.
   *
   * @param function the energy
   * @param model the trained model, for a sampler run in the graph
   * @param plan the chain to run outside the graph, if it is one
   * @param inGraph the sampler to run in the graph otherwise
   * @param range the start range {@code [low, high]}
   */
  static Samples draw(
      EnergyFunction function,
      Optional<TrainedModel> model,
      Optional<SamplingPlan> plan,
      Optional<Sampler> inGraph,
      double[] range,
      Sampling sampling) {
    int d = function.sampleSize();
    double[] start = new double[sampling.chainCount() * d];
    SplittableRandom random = new SplittableRandom(sampling.seedValue());
    for (int i = 0; i < start.length; i++) {
      start[i] = random.nextDouble(range[0], range[1]);
    }
    boolean stationary = plan.isEmpty() || plan.get().levels().size() == 1;
    int traceLength = stationary ? sampling.traceLength() : 0;
    long began = System.nanoTime();
    double[] samples;
    Map<String, Object> diagnostics = new LinkedHashMap<>();
    List<double[]> recorded = new ArrayList<>();
    if (plan.isEmpty()) {
      Sampler sampler = inGraph.orElseThrow();
      TrainedModel trained =
          model.orElseThrow(
              () ->
                  new IllegalArgumentException(
                      "sampler "
                          + sampler.describe()
                          + " runs in a graph built from a trained model; a SavedModel is sampled"
                          + " with Langevin or annealed Langevin"));
      GraphSampling.Traced drawn =
          GraphSampling.sampleTraced(trained, sampler, start, random.nextLong(), traceLength);
      samples = drawn.samples();
      diagnostics.putAll(drawn.diagnostics());
      recorded.addAll(drawn.trace());
    } else {
      samples =
          ChainRunner.run(
              function,
              plan.get(),
              start,
              random.nextLong(),
              observer(plan.get().totalSteps(), traceLength, recorded, sampling));
    }
    double seconds = (System.nanoTime() - began) / 1e9;
    if (sampling.wantsDiagnostics()) {
      if (!function.isNoiseConditional()) {
        diagnostics.putAll(SampleDiagnostics.ofTrace(function, recorded));
        diagnostics.putAll(SampleDiagnostics.ofSamples(function, samples));
      } else {
        diagnostics.put(
            "note",
            "no ESS, R-hat or KSD for a noise-conditional energy: its chains anneal, they have no"
                + " one stationary distribution");
      }
    }
    return new Samples(
        Points.rows(samples, d),
        diagnostics,
        plan.map(SamplingPlan::describe).orElseGet(() -> List.of(inGraph.get().describe())),
        plan.map(p -> OptionalLong.of(p.totalSteps())).orElse(OptionalLong.empty()),
        range[0],
        range[1],
        sampling.seedValue(),
        seconds);
  }

  /**
   * Tells the sampling's observer, and records {@code traceLength} states over the second half of
   * {@code total} updates, each at the end of its stretch, as the graph samplers do.
   */
  private static ChainRunner.Observer observer(
      long total, int traceLength, List<double[]> recorded, Sampling sampling) {
    long from = total / 2;
    long stretch = traceLength > 0 ? Math.max(1, (total - from) / traceLength) : 0;
    return (done, x) -> {
      sampling.observer().ifPresent(o -> o.after(done, total, x));
      if (stretch > 0
          && done > from
          && (done - from) % stretch == 0
          && recorded.size() < traceLength) {
        recorded.add(x.clone());
      }
    };
  }
}
