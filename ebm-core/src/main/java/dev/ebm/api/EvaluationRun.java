package dev.ebm.api;

import dev.ebm.core.data.Dataset;
import dev.ebm.core.evaluation.GraphAis;
import dev.ebm.core.evaluation.GridNormalization;
import dev.ebm.core.evaluation.RunEvaluation;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * Carries out an {@link Evaluation} of a {@link TrainedEnergy}: draws the MMD's samples with the
 * default sampler where none are given, estimates {@code log Z} by annealed importance sampling
 * when asked, and measures what {@link RunEvaluation} can from what is known. The measurements
 * start with the step, then how the MMD's samples were drawn and the AIS estimate, as {@code ebm
 * eval} writes them.
 */
final class EvaluationRun {

  private EvaluationRun() {}

  static Measurements measure(TrainedEnergy energy, Evaluation evaluation) throws IOException {
    int d = energy.sampleSize();
    evaluation.test().ifPresent(points -> requireDimension(points, d, "test points"));
    evaluation.samples().ifPresent(points -> requireDimension(points, d, "samples"));
    // The data is read only where the MMD needs it, and only where it can be read again.
    Optional<TrainingData> named =
        energy.provenance().settings().isPresent() ? energy.trainingData() : Optional.empty();
    boolean drawSamples =
        evaluation.samples().isEmpty() && evaluation.mmdChains() > 0 && named.isPresent();
    Optional<Dataset> data = Optional.empty();
    if (named.isPresent() && (evaluation.samples().isPresent() || drawSamples)) {
      data = Optional.of(named.get().load(energy.provenance().settings().get().seed()));
    }
    OptionalDouble noise = energy.noiseLevel(evaluation.noiseLevel());
    boolean annealing =
        switch (evaluation.aisMode()) {
          case ON -> true;
          case OFF -> false;
          case AUTO -> d > GridNormalization.MAX_DIMENSION;
        };
    Map<String, Object> results = new LinkedHashMap<>();
    energy.provenance().step().ifPresent(step -> results.put("step", step));
    Optional<Dataset> drawn = evaluation.samples();
    if (drawSamples) {
      Samples samples =
          energy.sample(
              Sampling.defaults()
                  .chains(evaluation.mmdChains())
                  .steps(evaluation.mmdSteps())
                  .withoutDiagnostics());
      drawn = Optional.of(Dataset.of(samples.flattened(), energy.sampleShape()));
      results.put(
          "mmd_samples",
          evaluation.mmdChains() + " chains: " + String.join("; ", samples.updates()));
    }
    Optional<GraphAis.Result> annealed = Optional.empty();
    if (annealing) {
      GraphAis settings = new GraphAis(evaluation.aisChains(), evaluation.aisLevels());
      annealed =
          Optional.of(settings.estimate(energy.requireModel("annealed importance sampling"), 0));
      results.putAll(annealed.get().fields(settings));
    }
    results.putAll(
        RunEvaluation.of(
            new RunEvaluation.Given(
                energy
                    .dataStatistics()
                    .orElseThrow(
                        () ->
                            new IllegalArgumentException(
                                "a SavedModel carries no data statistics to evaluate against;"
                                    + " evaluate the run it was exported from")),
                energy.function(),
                noise,
                energy.toyDensity(),
                evaluation.reference(),
                data,
                evaluation.test(),
                drawn,
                annealed)));
    return new Measurements(results);
  }

  private static void requireDimension(Dataset points, int d, String what) {
    if (points.sampleSize() != d) {
      throw new IllegalArgumentException(
          "the " + what + " have " + points.sampleSize() + " values each; the energy's have " + d);
    }
  }
}
