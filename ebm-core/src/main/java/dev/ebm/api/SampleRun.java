package dev.ebm.api;

import dev.ebm.core.config.InvalidSettingException;
import dev.ebm.core.data.Rows;
import dev.ebm.core.data.Standardization;
import dev.ebm.core.sampling.AnnealedLangevinSampler;
import dev.ebm.core.sampling.Sampler;
import dev.ebm.core.trained.ChainRunner;
import dev.ebm.core.trained.DefaultSampling;
import dev.ebm.core.trained.EnergyFunction;
import dev.ebm.core.trained.GraphSampling;
import dev.ebm.core.trained.SampleDiagnostics;
import dev.ebm.core.trained.SamplingPlan;
import dev.ebm.core.trained.TrainedModel;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.SplittableRandom;

/**
 * Draws the samples a {@link Sampling} asks of a {@link TrainedEnergy}: resolves the chain (the
 * default: the method's own sampler, else annealed Langevin for a noise-conditional energy, else
 * Langevin fitted to the data), draws the starts uniform in the range from a {@link
 * SplittableRandom} of the sampling's seed, whose next long then seeds the chain; runs a {@link
 * SamplingPlan} outside the graph with the states recorded over its second half, any other sampler
 * in a graph of its own; then the chains' diagnostics.
 */
final class SampleRun {

  private SampleRun() {}

  /**
   * The samples {@code sampling} asks of {@code energy}. The default and annealed chains of an
   * energy trained on standardised data run in the coordinates it trained in, with the sampler
   * fitted there (per-coordinate scales that differ 100× would otherwise need 100× different steps,
   * and a noise-conditional model's levels are isotropic only there); the states are mapped back.
   */
  static Samples draw(TrainedEnergy energy, Sampling sampling) {
    Optional<Standardization> map = energy.standardization();
    boolean fittedChain =
        sampling.chain() instanceof Sampling.Default
            || sampling.chain() instanceof Sampling.Annealed;
    if (map.isPresent() && fittedChain) {
      return inTrainingUnits(energy, map.get(), sampling);
    }
    return drawAsIs(energy, sampling);
  }

  /** {@link #drawAsIs} on the standardised energy, the states mapped back to the data's units. */
  private static Samples inTrainingUnits(
      TrainedEnergy energy, Standardization map, Sampling sampling) {
    TrainedEnergy standardized = energy.inTrainingUnits().orElseThrow();
    Sampling there = sampling.withoutObserver();
    if (sampling.startRange().isPresent()) {
      double[] range = map.rangeOf(sampling.startRange().get()[0], sampling.startRange().get()[1]);
      there = there.startUniform(range[0], range[1]);
    }
    if (sampling.observer().isPresent()) {
      Sampling.Observer observer = sampling.observer().get();
      there = there.observing((done, total, z) -> observer.after(done, total, map.toData(z)));
    }
    Samples drawn = drawAsIs(standardized, there);
    List<String> updates = new ArrayList<>();
    updates.add(
        String.format(
            Locale.ROOT,
            "in the standardised coordinates z = (x - mu)/s the model trained in, from z uniform in"
                + " [%.4g, %.4g]; x = mu + s z",
            drawn.startLow(),
            drawn.startHigh()));
    updates.addAll(drawn.updates());
    double[] range =
        sampling
            .startRange()
            .orElseGet(() -> DefaultSampling.startRange(energy.dataStatistics().orElseThrow()));
    return new Samples(
        Rows.of(map.toData(drawn.flattened()), energy.sampleSize()),
        drawn.diagnostics(),
        updates,
        drawn.totalSteps(),
        range[0],
        range[1],
        drawn.seed(),
        drawn.seconds());
  }

  /** The samples {@code sampling} asks of {@code energy}, drawn in its own coordinates. */
  private static Samples drawAsIs(TrainedEnergy energy, Sampling sampling) {
    double[] range =
        sampling
            .startRange()
            .or(() -> energy.dataStatistics().map(DefaultSampling::startRange))
            .orElseThrow(
                () ->
                    new InvalidSettingException(
                        "startRange", "must be given: a SavedModel has no data range"));
    Sampling.Chain chain = sampling.chain();
    if (chain instanceof Sampling.InGraph graphSampler) {
      return inGraph(energy, graphSampler.sampler(), range, sampling);
    }
    Optional<Sampler> own = energy.ownSampler();
    if (chain instanceof Sampling.Default
        && own.isPresent()
        && !(own.get() instanceof AnnealedLangevinSampler)) {
      return inGraph(energy, own.get(), range, sampling);
    }
    return outsideTheGraph(energy, plan(energy, chain, sampling), range, sampling);
  }

  /** The Langevin or annealed Langevin plan of {@code chain}. */
  private static SamplingPlan plan(TrainedEnergy energy, Sampling.Chain chain, Sampling sampling) {
    if (chain instanceof Sampling.Langevin langevin) {
      if (energy.isNoiseConditional()) {
        throw new IllegalArgumentException(
            "this energy is noise-conditional: sample it with annealed Langevin");
      }
      return SamplingPlan.langevin(langevin.step(), sampling.stepCount());
    }
    if (chain instanceof Sampling.Annealed annealed) {
      if (!energy.isNoiseConditional()) {
        throw new IllegalArgumentException(
            "annealed Langevin needs a noise-conditional energy (trained by ncsn, or a model built"
                + " noise-conditional); sample it with Langevin");
      }
      return SamplingPlan.annealed(annealed.sampler());
    }
    if (energy.ownSampler().isPresent() || energy.isNoiseConditional()) {
      return SamplingPlan.annealed(energy.annealedSampler());
    }
    return SamplingPlan.langevin(
        energy
            .fittedLangevinStep()
            .orElseThrow(
                () ->
                    new InvalidSettingException(
                        "step", "must be given: a SavedModel has no data to fit it to")),
        sampling.stepCount());
  }

  /** The chains' starts, uniform in the range, from {@code random}. */
  private static double[] starts(int count, double[] range, SplittableRandom random) {
    double[] start = new double[count];
    for (int i = 0; i < start.length; i++) {
      start[i] = random.nextDouble(range[0], range[1]);
    }
    return start;
  }

  private static Samples inGraph(
      TrainedEnergy energy, Sampler sampler, double[] range, Sampling sampling) {
    TrainedModel trained =
        energy
            .model()
            .orElseThrow(
                () ->
                    new IllegalArgumentException(
                        "sampler "
                            + sampler.describe()
                            + " runs in a graph built from a trained model; a SavedModel is"
                            + " sampled with Langevin or annealed Langevin"));
    SplittableRandom random = new SplittableRandom(sampling.seedValue());
    double[] start = starts(sampling.chainCount() * energy.sampleSize(), range, random);
    long began = System.nanoTime();
    GraphSampling.Traced drawn =
        GraphSampling.sampleTraced(
            trained, sampler, start, random.nextLong(), sampling.traceLength());
    double seconds = (System.nanoTime() - began) / 1e9;
    Map<String, Object> diagnostics = new LinkedHashMap<>(drawn.diagnostics());
    return samples(
        energy.function(),
        drawn.samples(),
        diagnostics,
        drawn.trace(),
        List.of(sampler.describe()),
        OptionalLong.empty(),
        range,
        sampling,
        seconds);
  }

  private static Samples outsideTheGraph(
      TrainedEnergy energy, SamplingPlan plan, double[] range, Sampling sampling) {
    SplittableRandom random = new SplittableRandom(sampling.seedValue());
    double[] start = starts(sampling.chainCount() * energy.sampleSize(), range, random);
    // Annealed chains have no one stationary distribution to record.
    int traceLength = plan.levels().size() == 1 ? sampling.traceLength() : 0;
    List<double[]> recorded = new ArrayList<>();
    long began = System.nanoTime();
    double[] samples =
        ChainRunner.run(
            energy.function(),
            plan,
            start,
            random.nextLong(),
            observer(plan.totalSteps(), traceLength, recorded, sampling));
    double seconds = (System.nanoTime() - began) / 1e9;
    return samples(
        energy.function(),
        samples,
        new LinkedHashMap<>(),
        recorded,
        plan.describe(),
        OptionalLong.of(plan.totalSteps()),
        range,
        sampling,
        seconds);
  }

  /** The samples with the chains' diagnostics added to {@code diagnostics}. */
  private static Samples samples(
      EnergyFunction function,
      double[] samples,
      Map<String, Object> diagnostics,
      List<double[]> recorded,
      List<String> updates,
      OptionalLong totalSteps,
      double[] range,
      Sampling sampling,
      double seconds) {
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
        Rows.of(samples, function.sampleSize()),
        diagnostics,
        updates,
        totalSteps,
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
