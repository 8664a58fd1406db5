package dev.ebm.experiments.output;

import com.google.gson.GsonBuilder;
import dev.ebm.api.Samples;
import dev.ebm.api.TrainedEnergy;
import dev.ebm.experiments.plot.ImageGridPng;
import dev.ebm.experiments.plot.ScatterPlot;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Writes samples into a directory: {@code samples.csv} (a header {@code x1,…,xd}, one row per
 * chain), {@code samples.png} (a scatter plot in 2-D, an image grid for images), {@code
 * sampler.json} (the source, the chains, where they started, every update written out, the seed and
 * the time) and {@code diagnostics.json} (the chains' diagnostics).
 */
public final class SampleFiles {

  /** The diagnostics {@link #headline} shows, in order. */
  private static final List<String> HEADLINE =
      List.of(
          "acceptance_rate",
          "step_size",
          "ess_energy",
          "rhat_energy",
          "ess_min_coordinate",
          "rhat_max_coordinate",
          "ksd2");

  private SampleFiles() {}

  /** Writes the four files of {@code samples} drawn from {@code energy} into {@code target}. */
  public static void write(Path target, TrainedEnergy energy, Samples samples) throws IOException {
    Files.createDirectories(target);
    double[] flat = samples.flattened();
    int d = energy.sampleSize();
    int chains = samples.count();
    StringBuilder csv = new StringBuilder();
    for (int i = 1; i <= d; i++) {
      csv.append(i > 1 ? "," : "").append("x").append(i);
    }
    csv.append('\n');
    for (int c = 0; c < chains; c++) {
      for (int i = 0; i < d; i++) {
        csv.append(i > 0 ? "," : "").append(String.format(Locale.ROOT, "%.7g", flat[c * d + i]));
      }
      csv.append('\n');
    }
    Files.writeString(target.resolve("samples.csv"), csv);
    long[] shape = energy.sampleShape().asArray();
    if (d == 2) {
      double half = Math.max(Math.abs(samples.startLow()), Math.abs(samples.startHigh()));
      new ScatterPlot(half).panel(chains + " samples", flat).write(target.resolve("samples.png"));
    } else if (shape.length == 3) {
      long[] batch = {chains, shape[0], shape[1], shape[2]};
      ImageGridPng.write(
          flat, batch, 64, samples.startLow(), samples.startHigh(), target.resolve("samples.png"));
    }
    Map<String, Object> settings = new LinkedHashMap<>();
    settings.put("source", energy.describe());
    if (energy.model().isPresent()) {
      settings.put("checkpoint_step", energy.provenance().step().getAsLong());
    }
    settings.put("chains", chains);
    settings.put(
        "init",
        "uniform over [" + samples.startLow() + ", " + samples.startHigh() + "] per coordinate");
    settings.put("updates", samples.updates());
    samples.totalSteps().ifPresent(total -> settings.put("total_steps", total));
    settings.put("seed", samples.seed());
    settings.put("seconds", samples.seconds());
    Files.writeString(
        target.resolve("sampler.json"),
        new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create().toJson(settings));
    Files.writeString(
        target.resolve("diagnostics.json"),
        new GsonBuilder()
            .setPrettyPrinting()
            .serializeSpecialFloatingPointValues()
            .disableHtmlEscaping()
            .create()
            .toJson(samples.diagnostics()));
  }

  /** The headline diagnostics in one line: {@code diagnostics: ess_energy 812.3 …}. */
  public static String headline(Samples samples) {
    StringBuilder line = new StringBuilder("diagnostics:");
    for (String key : HEADLINE) {
      if (samples.diagnostics().get(key) instanceof Double value) {
        line.append(String.format(Locale.ROOT, " %s %.4g", key, value));
      }
    }
    return line.toString();
  }
}
