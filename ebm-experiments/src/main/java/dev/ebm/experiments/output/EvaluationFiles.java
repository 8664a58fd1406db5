package dev.ebm.experiments.output;

import com.google.gson.GsonBuilder;
import dev.ebm.api.Evaluation;
import dev.ebm.api.Measurements;
import dev.ebm.api.TrainedEnergy;
import dev.ebm.core.evaluation.ReferenceDensity;
import dev.ebm.core.run.RunDirectory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * Evaluates a run and writes what {@code ebm eval} writes into its directory: {@code eval.json}
 * (the run, the measurements, the density figure's path and the time) and, in 2-D, {@code
 * figures/density.png} ({@link DensityFigure}).
 */
public final class EvaluationFiles {

  private EvaluationFiles() {}

  /**
   * Measures {@code energy}, trained into {@code run}, as {@code evaluation} asks, and writes the
   * files.
   *
   * @param reference the reference density the evaluation compares with, if any (for the figure)
   * @param noiseLevel the noise level the evaluation is made at, if one was given
   * @return every field of {@code eval.json}, in order
   */
  public static Map<String, Object> write(
      Path run,
      TrainedEnergy energy,
      Evaluation evaluation,
      Optional<ReferenceDensity> reference,
      OptionalDouble noiseLevel)
      throws IOException {
    long start = System.nanoTime();
    Map<String, Object> results = new LinkedHashMap<>();
    results.put("run", run.toString());
    Measurements measured = energy.evaluate(evaluation);
    results.putAll(measured.values());
    if (energy.sampleSize() == 2) {
      Path figure = RunDirectory.at(run).figures().resolve("density.png");
      DensityFigure.write(figure, energy, noiseLevel, reference);
      results.put("density_figure", figure.toString());
    }
    results.put("seconds", (System.nanoTime() - start) / 1e9);
    Files.writeString(
        RunDirectory.at(run).evaluation(),
        new GsonBuilder()
            .setPrettyPrinting()
            .serializeSpecialFloatingPointValues()
            .disableHtmlEscaping()
            .create()
            .toJson(results));
    return results;
  }
}
