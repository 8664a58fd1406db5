package dev.ebm.experiments.reproduce;

import dev.ebm.api.Evaluation;
import dev.ebm.api.TrainedEnergy;
import dev.ebm.api.Training;
import dev.ebm.core.config.OptionSchema;
import dev.ebm.core.config.OptionSpec;
import dev.ebm.core.config.Options;
import dev.ebm.core.data.Dataset;
import dev.ebm.core.data.toy.Grid2d;
import dev.ebm.core.data.toy.ToyDensities;
import dev.ebm.core.data.toy.ToyDensity;
import dev.ebm.experiments.plot.ScatterPlot;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code toy-zoo}: every method on every toy density, with its defaults, through {@code ebm train},
 * {@code ebm sample} and {@code ebm eval}: a table of grid KL, total variation and the MMD² of
 * samples against the data, each run's density figure beside the true density, and one samples
 * figure per density (the data, then each method). {@code ml-short-run} is maximum likelihood with
 * noise-initialised chains of 100 steps (Nijkamp et al.'s non-convergent learning).
 */
public final class ToyZoo implements Reproduction {

  /** The methods' labels and the {@code --method} each stands for. */
  private static final Map<String, String> METHOD_SPECS = methodSpecs();

  private static final OptionSchema SETTINGS =
      OptionSchema.of(
          "toy-zoo",
          OptionSpec.text(
              "methods", String.join(":", METHOD_SPECS.keySet()), "the methods, separated by ':'"),
          OptionSpec.text(
              "densities", String.join(":", ToyDensities.names()), "the toy densities, by ':'"),
          OptionSpec.integer("steps", 0, "training steps; 0: ebm train's default"),
          OptionSpec.number("ema", 0.999, "moving-average decay (ebm train's default)"),
          OptionSpec.integer("seed", 0, "seed"));

  private static Map<String, String> methodSpecs() {
    Map<String, String> specs = new LinkedHashMap<>();
    for (String plain : List.of("esm", "ssm", "ssm-vr", "dsm", "ncsn", "nce", "ml")) {
      specs.put(plain, plain);
    }
    specs.put("ml-short-run", "ml:chains=noise,steps=100");
    specs.put("improved-cd", "improved-cd");
    return specs;
  }

  @Override
  public String name() {
    return "toy-zoo";
  }

  @Override
  public String claim() {
    return "Every method learns every toy density with its defaults, better than the uniform density"
        + " on the toy's square: grid KL, total variation and sample MMD² for each, with the learned"
        + " densities and samples side by side.";
  }

  @Override
  public String source() {
    return "the five papers' toy experiments (Hyvärinen 2005; Vincent 2011; Song et al. 2019;"
        + " Song & Ermon 2019; Gutmann & Hyvärinen 2010; Nijkamp et al. 2019; Du et al. 2020)";
  }

  @Override
  public OptionSchema settings() {
    return SETTINGS;
  }

  @Override
  public Map<String, String> quickSettings() {
    // Without the average, which after 2 000 steps still holds 13 % of the initial parameters.
    return Map.of("methods", "dsm:nce", "densities", "moons", "steps", "2000", "ema", "0");
  }

  @Override
  public Report run(Options o, Path out, PrintStream log) throws IOException {
    List<String> methods = Arrays.asList(o.string("methods").split(":"));
    for (String method : methods) {
      if (!METHOD_SPECS.containsKey(method)) {
        throw new IllegalArgumentException(
            "toy-zoo has no method '"
                + method
                + "'; available: "
                + String.join(", ", METHOD_SPECS.keySet()));
      }
    }
    List<Report.Finding> findings = new ArrayList<>();
    Map<String, Object> results = new LinkedHashMap<>();
    List<String> figures = new ArrayList<>();
    for (String densityName : o.string("densities").split(":")) {
      ToyDensity density = ToyDensities.byName(densityName);
      ScatterPlot samples =
          new ScatterPlot(density.halfWidth())
              .panel("data: " + densityName, density.sample(1000, o.integer("seed")));
      double uniformKl = uniformKl(density);
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("uniform_kl", uniformKl);
      for (String method : methods) {
        Path run = out.resolve("runs").resolve(densityName).resolve(method);
        Training.Builder training =
            Runs.training("toy:" + densityName, METHOD_SPECS.get(method), run)
                .seed(o.integer("seed"))
                .ema(o.number("ema"));
        if (o.integer("steps") > 0) {
          training.steps(o.integer("steps"));
        }
        double[] drawn;
        Map<String, Object> eval;
        try (TrainedEnergy energy = Runs.train(training)) {
          drawn = Runs.sample(energy, run, 1000, 0).flattened();
          eval =
              Runs.evaluate(
                  energy,
                  run,
                  Evaluation.standard().withSamples(Dataset.of(drawn, energy.sampleShape())));
        }
        double kl = Runs.number(eval, "kl");
        double tv = Runs.number(eval, "tv");
        double mmd = Runs.number(eval, "mmd2");
        row.put(method, Map.of("kl", kl, "tv", tv, "mmd2", mmd));
        findings.add(
            new Report.Finding(
                method + " on " + densityName + ": KL below the uniform density's",
                "",
                String.format(
                    Locale.ROOT,
                    "KL %.3f (uniform %.3f), TV %.3f, MMD² %.4f",
                    kl,
                    uniformKl,
                    tv,
                    mmd),
                kl < uniformKl));
        samples.panel(method, drawn);
        figures.add(out.relativize(run.resolve("figures/density.png")).toString());
        log.printf(
            Locale.ROOT,
            "%s on %s: KL %.3f, TV %.3f, MMD² %.4f%n",
            method,
            densityName,
            kl,
            tv,
            mmd);
      }
      results.put(densityName, row);
      Path figure = out.resolve("samples-" + densityName + ".png");
      samples.write(figure);
      figures.add(0, out.relativize(figure).toString());
    }
    return new Report(findings, results, figures);
  }

  /**
   * KL(p ‖ uniform on [−h, h]²) = log (2h)² − H(p), with the entropy H(p) by quadrature on a 401²
   * grid.
   */
  private static double uniformKl(ToyDensity density) {
    Grid2d grid = Grid2d.square(density.halfWidth(), 401);
    double entropy = 0;
    for (double logP : density.logDensity(grid)) {
      if (logP > Double.NEGATIVE_INFINITY) {
        entropy -= Math.exp(logP) * logP * grid.cellArea();
      }
    }
    return Math.log(4 * density.halfWidth() * density.halfWidth()) - entropy;
  }
}
